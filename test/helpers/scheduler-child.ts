// A scheduler in a process of its own, for the crash test: the parent kills it (SIGKILL) mid-batch.
// Env: DB_URL + DB_SCHEMA (Postgres) or DATA_DIR (PGlite), API_ROOT, NOW (ISO), TOKEN.
import pg from "pg";
import { openDatabase } from "../../src/db/pool.ts";
import { makeSender } from "./app-fixture.ts";

const env = process.env;
const db = env.DB_URL
  ? {
      pool: new pg.Pool({ connectionString: env.DB_URL, options: `-c search_path=${env.DB_SCHEMA},public` }),
      kind: "postgres" as const,
      close: async () => undefined,
    }
  : await openDatabase({ dataDir: env.DATA_DIR! });
const now = new Date(env.NOW!);
const { tick } = makeSender(db, env.API_ROOT!, {
  adminIds: [900],
  clock: () => now,
  limiter: { perChatIntervalMs: 0 },
});
const result = await tick();
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.close();
process.exit(0);
