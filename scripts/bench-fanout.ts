// The morning wave and a join burst against a Bot API stand-in that enforces Telegram's limits (30/s for the bot,
// about 1/s per chat, 429 with retry_after, every call inside a retry_after window counted).
//   npm run bench:fanout [-- --units 128,2000] [--postgres postgres://…]   (also BENCH_DATABASE_URL)
// Prints, per database and number of units: the time until every secretary has had the wave's first message,
// messages per second over the wave, 429s, calls inside a retry_after window, duplicates; the same for N people
// sending /start CODE at once.
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { createPoller } from "../src/bot/polling.ts";
import { createConfig } from "../src/config.ts";
import { migrate } from "../src/db/migrate.ts";
import type { Database } from "../src/db/pool.ts";
import { startFakeBotApi, type FakeBotApi } from "../test/helpers/fake-bot-api.ts";
import { openBenchDatabase } from "./bench-db.ts";
import { enforceTelegramLimits } from "../test/helpers/limited-bot-api.ts";

const { values } = parseArgs({
  options: { units: { type: "string", default: "128,2000" }, postgres: { type: "string" } },
});
const sizes = values.units!.split(",").map(Number);
const postgresUrl = values.postgres ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz";
// 08:00 in Hanoi: every unit plans its congress a week later, so drafts and dossiers are late (two nudges) and the
// congress is 7 days away (a reminder): one morning message per secretary holding the three items.
const EIGHT = new Date("2025-03-05T01:00:00Z");
const logger = pino({ level: "silent" });

const open = (kind: "pglite" | "postgres") => openBenchDatabase(kind, postgresUrl);

async function seed(db: Database, n: number, withMembers: boolean) {
  const codes = Array.from({ length: n }, (_, i) => `B-${String(i).padStart(4, "0")}`);
  await db.pool.query(
    `INSERT INTO units (code, name, kind, type, model, planned_congress_date)
     SELECT code, 'Chi bộ ' || code, 'cell', 'school', false, DATE '2025-03-12' FROM unnest($1::text[]) AS code`,
    [codes],
  );
  if (!withMembers) return codes;
  await db.pool.query(
    `INSERT INTO telegram_users (telegram_id, first_name, language_code)
     SELECT 100000 + i, 'S' || i, 'vi' FROM generate_series(0, $1 - 1) AS i`,
    [n],
  );
  await db.pool.query(
    `INSERT INTO unit_members (telegram_id, unit_code, role)
     SELECT 100000 + (ord - 1), code, 'secretary' FROM unnest($1::text[]) WITH ORDINALITY AS t(code, ord)`,
    [codes],
  );
  return codes;
}

type Row = Record<string, string | number>;

function summarise(api: FakeBotApi, chats: Set<number>, t0: number, limits: ReturnType<typeof enforceTelegramLimits>) {
  const sends = api.calls
    .map((c, i) => ({ ...c, at: api.times[i]! }))
    .filter((c) => c.method === "sendMessage" && chats.has(Number(c.payload.chat_id)));
  const accepted = sends;
  const first = new Map<number, number>();
  for (const s of accepted) if (!first.has(Number(s.payload.chat_id))) first.set(Number(s.payload.chat_id), s.at);
  const keys = accepted.map((s) => `${s.payload.chat_id}|${s.payload.text}`);
  const lastAt = accepted.at(-1)?.at ?? t0;
  const firstAt = accepted[0]?.at ?? t0;
  return {
    reached: first.size,
    allReachedS: ((Math.max(...first.values()) - t0) / 1000).toFixed(2),
    messages: limits.messages,
    totalS: ((lastAt - t0) / 1000).toFixed(2),
    msgPerS: (limits.messages / Math.max(0.001, (lastAt - firstAt) / 1000)).toFixed(1),
    "429": limits.tooManyRequests,
    insideRetryAfter: limits.insideRetryAfter,
    duplicates: keys.length - new Set(keys).size,
  };
}

async function bench(kind: "pglite" | "postgres", n: number): Promise<Row[]> {
  const rows: Row[] = [];
  const api = await startFakeBotApi();
  const config = createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: "silent" });

  // The morning wave.
  {
    const { db, drop } = await open(kind);
    await migrate(db.pool);
    await seed(db, n, true);
    const app = await createApp(config, logger, { database: db, clock: () => EIGHT });
    const limits = enforceTelegramLimits(api);
    const telegram = app.telegram();
    await telegram.bot.init();
    const planned = await app.services.outbox.planDue();
    const t0 = Date.now();
    await telegram.sender.drain();
    const chats = new Set(Array.from({ length: n }, (_, i) => 100000 + i));
    rows.push({ db: kind, units: n, what: "08:00 wave", planned, ...summarise(api, chats, t0, limits) });
    await app.close();
    await drop();
  }

  // N people sending /start CODE within a moment (the Board handed the codes out at a meeting).
  {
    api.reset();
    const { db, drop } = await open(kind);
    await migrate(db.pool);
    const codes = await seed(db, n, false);
    const app = await createApp(config, logger, { database: db, clock: () => EIGHT });
    const invites = [];
    for (const code of codes)
      invites.push(await app.services.members.invite({ unitCode: code, role: "secretary", by: null }));
    const limits = enforceTelegramLimits(api);
    const telegram = app.telegram();
    await telegram.bot.init();
    invites.forEach((invite, i) =>
      api.queueUpdate({
        update_id: 1 + i,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 200000 + i, type: "private", first_name: "S" },
          from: { id: 200000 + i, is_bot: false, first_name: "S", language_code: "vi" },
          text: `/start ${invite.code}`,
          entities: [{ type: "bot_command", offset: 0, length: 6 }],
        },
      } as { update_id: number }),
    );
    const t0 = Date.now();
    const poller = createPoller({
      bot: telegram.bot,
      updates: app.services.updates,
      logger,
      allowedUpdates: ["message"],
    });
    void poller.start();
    const chats = new Set(Array.from({ length: n }, (_, i) => 200000 + i));
    const welcomed = () => new Set(api.callsOf("sendMessage").map((c) => Number(c.payload.chat_id))).size;
    const deadline = Date.now() + 20 * 60_000;
    while (welcomed() < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();
    const joined = (await db.pool.query("SELECT count(*)::int AS n FROM unit_members")).rows[0].n as number;
    rows.push({ db: kind, units: n, what: "join burst", planned: joined, ...summarise(api, chats, t0, limits) });
    await app.close();
    await drop();
  }
  await api.close();
  return rows;
}

const kinds: ("pglite" | "postgres")[] = postgresUrl ? ["pglite", "postgres"] : ["pglite"];
const all: Row[] = [];
for (const kind of kinds) for (const n of sizes) all.push(...(await bench(kind, n)));
console.table(all);
if (!postgresUrl) console.log("(Postgres skipped: pass --postgres URL or set BENCH_DATABASE_URL)");
process.exit(0);
