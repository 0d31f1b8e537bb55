import type { Database } from "./pool.ts";

// Any fixed number: the advisory lock that makes one instance the active one on a shared Postgres.
const ACTIVE_INSTANCE_LOCK_KEY = 4_242_002;

export type Leadership = {
  /** False once the connection holding the lock is gone (then another instance may have taken over). */
  alive(): Promise<boolean>;
  release(): Promise<void>;
};

/**
 * Makes this process the active instance — the one that polls Telegram and sends — or returns undefined when
 * another one is. On Postgres: a session advisory lock on a connection held for as long as the process is active,
 * released by Postgres itself if the process dies. Two instances on one database then stay within the one bot
 * token's limits. On the embedded database the folder lock already guarantees a single process.
 */
export async function acquireLeadership(db: Database): Promise<Leadership | undefined> {
  if (db.kind === "pglite") return { alive: async () => true, release: async () => undefined };
  const client = await db.pool.connect();
  let lost = false;
  client.on("error", () => {
    lost = true;
  });
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
      ACTIVE_INSTANCE_LOCK_KEY,
    ]);
    if (!rows[0]?.ok) {
      client.release();
      return undefined;
    }
  } catch (error) {
    client.release(true);
    throw error;
  }
  return {
    async alive() {
      if (lost) return false;
      try {
        await client.query("SELECT 1");
        return true;
      } catch {
        lost = true;
        return false;
      }
    },
    async release() {
      if (lost) {
        client.release(true);
        return;
      }
      await client.query("SELECT pg_advisory_unlock($1)", [ACTIVE_INSTANCE_LOCK_KEY]).catch(() => undefined);
      client.release();
    },
  };
}
