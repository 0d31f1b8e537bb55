import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Who may import whom (see the README's architecture paragraph):
// main → app (composition root) → front ends → services (use cases) → domain modules and stores → db.
// Domain modules never reach the bot, grammY or the composition root, and never write Telegram HTML (the escaping
// helpers live in bot/). Front ends call services only: no store, no db module, no `pool`.
// Nothing but main.ts touches `process`.
const domain = [
  "src/rag/**",
  "src/db/**",
  "src/units/**",
  "src/reports/**",
  "src/reminders/**",
  "src/outbox/**",
  "src/services/**",
];
const frontEnds = ["src/bot/**", "src/console/**", "src/control/**", "src/http/**", "src/cli.ts"];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "bin/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: domain,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "Domain modules reach Telegram through the outbox, not grammY." },
            { group: ["**/bot/**", "**/app.ts", "**/cli.ts", "**/main.ts", "**/console/**", "**/control/**", "**/http/**"], message: "Domain modules must not import a front end or the composition root." },
          ],
        },
      ],
    },
  },
  {
    files: frontEnds,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/db/**", "pg", "@electric-sql/*"], message: "Front ends call services (src/services), never the database." },
            { group: ["**/*-store.ts"], message: "Front ends call services (src/services), never a store." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "Identifier[name='pool']", message: "Front ends never receive `pool`: call a service." },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/main.ts"],
    rules: {
      "no-restricted-globals": ["error", { name: "process", message: "Only src/main.ts touches process." }],
      "no-console": "error",
    },
  },
);
