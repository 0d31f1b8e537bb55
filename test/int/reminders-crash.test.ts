import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.ts";
import { openDatabase, type Database } from "../../src/db/pool.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { TEST_TOKEN } from "../helpers/app-fixture.ts";
import { dbKinds } from "../helpers/db.ts";
import { startFakeBotApi } from "../helpers/fake-bot-api.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const CHILD = join(ROOT, "test", "helpers", "scheduler-child.ts");
const NOW = "2025-03-05T01:00:00Z"; // 08:00 in Hanoi: drafts and dossiers of X-TWO due today

/** Opens the database a child process can open too: a schema of the test Postgres, or a PGlite folder. */
async function openShared(
  kind: string,
): Promise<{ db: Database; env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (kind === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema},public` });
    return {
      db: { pool, kind: "postgres", close: () => pool.end() },
      env: { DB_URL: url, DB_SCHEMA: schema },
      cleanup: async () => {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "daihoi-crash-"));
  return {
    db: await openDatabase({ dataDir: dir }),
    env: { DATA_DIR: dir },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

it.each(dbKinds())(
  "on %s: a scheduler killed between a send and its record sends nothing twice after restart, and loses nothing",
  async (kind) => {
    const api = await startFakeBotApi();
    const shared = await openShared(kind);
    let { db } = shared;
    try {
      await migrate(db.pool);
      await importUnits(
        db.pool,
        parseUnitsCsv(
          "code,name,kind,type,model,planned_congress_date\nX-TWO,Đảng bộ xã Hai,committee,commune,no,20/03/2025\n",
        ),
      );
      for (const id of [201, 202, 203, 204, 205, 206]) {
        await db.pool.query(
          "INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'P', 'en')",
          [id],
        );
        await db.pool.query("INSERT INTO unit_members (telegram_id, unit_code, role) VALUES ($1, 'X-TWO', 'deputy')", [
          id,
        ]);
      }
      // PGlite is one process's folder: close it while the child uses it.
      if (kind === "pglite") await db.close();

      const run = (killAfterSends?: number) =>
        new Promise<number | null>((resolve) => {
          // node itself (not the tsx wrapper) so that SIGKILL reaches the process doing the work.
          const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
            env: { ...process.env, ...shared.env, API_ROOT: api.apiRoot, NOW, TOKEN: TEST_TOKEN },
            stdio: ["ignore", "pipe", "inherit"],
          });
          if (killAfterSends) {
            // Kill the process the moment the Bot API has answered the Nth message: it cannot have recorded it.
            api.setRule((method) => {
              if (method === "sendMessage" && api.callsOf("sendMessage").length === killAfterSends) {
                setImmediate(() => child.kill("SIGKILL"));
              }
              return undefined;
            });
          }
          child.on("close", (code) => resolve(code));
        });

      expect(await run(3)).toBe(null); // killed
      api.setRule(undefined);
      const beforeRestart = api.callsOf("sendMessage").length;
      // It died right after the third message was answered: those already on their way may have reached the API.
      expect(beforeRestart).toBeGreaterThanOrEqual(3);
      expect(await run()).toBe(0);

      if (kind === "pglite") db = await openDatabase({ dataDir: shared.env.DATA_DIR! });
      const sends = api.callsOf("sendMessage").map((c) => `${c.payload.chat_id}|${c.payload.text}`);
      expect(new Set(sends).size).toBe(sends.length); // nothing twice
      const { rows } = await db.pool.query<{ status: string; n: number }>(
        "SELECT status, count(*)::int AS n FROM deliveries WHERE kind = 'reminder' GROUP BY status",
      );
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      // One morning message (drafts and dossiers due today) for each of six members: all sent, except those the
      // crash fell on — claimed in their turn under the budget when the kill came, left 'sending': never sent
      // again (the reaper tells the Board of them), at most once.
      expect((byStatus.sent ?? 0) + (byStatus.sending ?? 0)).toBe(6);
      expect(byStatus.pending ?? 0).toBe(0);
      const toMembers = sends.filter((s) => !s.startsWith("900|")).length;
      expect(toMembers).toBeGreaterThanOrEqual(byStatus.sent ?? 0);
      expect(toMembers).toBeLessThanOrEqual(6);
      // Each of the twelve items recorded once, in the message that carries it.
      const items = await db.pool.query<{ n: number; linked: number }>(
        "SELECT count(*)::int AS n, count(delivery_id)::int AS linked FROM delivery_items",
      );
      expect(items.rows[0]).toEqual({ n: 12, linked: 12 });
      expect(sends.filter((s) => s.startsWith("900|"))).toHaveLength(1); // the Board's digest, once too
    } finally {
      await api.close();
      await db.close().catch(() => undefined);
      await shared.cleanup();
    }
  },
  90_000,
);
