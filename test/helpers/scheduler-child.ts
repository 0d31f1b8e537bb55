// A scheduler in a process of its own, for the crash test: the parent kills it (SIGKILL) mid-batch.
// Env: DB_URL + DB_SCHEMA (Postgres) or DATA_DIR (PGlite), API_ROOT, NOW (ISO), TOKEN.
import pg from "pg";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import { createTelegramNotifier } from "../../src/bot/notifier.ts";
import { openDatabase } from "../../src/db/pool.ts";
import { createThrottledNotifier } from "../../src/reminders/notifier.ts";
import { createScheduler } from "../../src/reminders/scheduler.ts";
import { loadCampaign } from "../../src/reports/campaign.ts";

const env = process.env;
const db = env.DB_URL
  ? {
      pool: new pg.Pool({ connectionString: env.DB_URL, options: `-c search_path=${env.DB_SCHEMA},public` }),
      close: async () => undefined,
    }
  : await openDatabase({ dataDir: env.DATA_DIR! });
const now = new Date(env.NOW!);
const scheduler = createScheduler({
  pool: db.pool,
  campaign: loadCampaign(),
  notifier: createThrottledNotifier(createTelegramNotifier(env.TOKEN!, env.API_ROOT!), { perChatIntervalMs: 0 }),
  translate: translator(createI18n()),
  adminIds: [900],
  clock: () => now,
});
const result = await scheduler.tick();
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.close();
process.exit(0);
