import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite's first start runs initdb (a few seconds); real-Postgres suites share one database.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
