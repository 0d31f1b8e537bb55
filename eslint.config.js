import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Who may import whom (see the README's architecture paragraph): domain modules never reach the bot,
// grammY or the composition root; nothing but main.ts touches `process`.
const domain = ["src/rag/**", "src/db/**", "src/units/**", "src/reports/**", "src/reminders/**"];

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
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "Domain modules reach Telegram through a port, not grammY." },
            { group: ["**/bot/**", "**/app.ts", "**/cli.ts", "**/main.ts", "**/console/**"], message: "Domain modules must not import the bot or the composition root." },
          ],
        },
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
