import { createHash } from "node:crypto";
import type { Queryable } from "./pool.ts";

export type DashboardTokenKind = "login" | "session";

/** Tokens are stored as their SHA-256 only. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function storeDashboardToken(
  q: Queryable,
  token: { token: string; kind: DashboardTokenKind; telegramId: number; now: Date; expiresAt: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO dashboard_tokens (token_hash, kind, telegram_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [tokenHash(token.token), token.kind, token.telegramId, token.now, token.expiresAt],
  );
}

/**
 * Marks an unused, unexpired login token used and returns its person; undefined otherwise. One UPDATE, so that two
 * requests with the same link cannot both succeed.
 */
export async function consumeLoginToken(q: Queryable, token: string, now: Date): Promise<number | undefined> {
  const { rows } = await q.query<{ telegram_id: string }>(
    `UPDATE dashboard_tokens SET used_at = $2
      WHERE token_hash = $1 AND kind = 'login' AND used_at IS NULL AND expires_at > $2
      RETURNING telegram_id`,
    [tokenHash(token), now],
  );
  return rows[0] ? Number(rows[0].telegram_id) : undefined;
}

/** The person of a live session. */
export async function sessionPerson(q: Queryable, token: string, now: Date): Promise<number | undefined> {
  const { rows } = await q.query<{ telegram_id: string }>(
    `SELECT telegram_id FROM dashboard_tokens WHERE token_hash = $1 AND kind = 'session' AND expires_at > $2`,
    [tokenHash(token), now],
  );
  return rows[0] ? Number(rows[0].telegram_id) : undefined;
}

export async function deleteDashboardToken(q: Queryable, token: string): Promise<void> {
  await q.query(`DELETE FROM dashboard_tokens WHERE token_hash = $1`, [tokenHash(token)]);
}

/** Ends every session and open login link of a person (their Board rights were revoked). */
export async function deletePersonTokens(q: Queryable, telegramId: number): Promise<number> {
  const { rowCount } = await q.query(`DELETE FROM dashboard_tokens WHERE telegram_id = $1`, [telegramId]);
  return rowCount ?? 0;
}

/** Forgets tokens a day after they expired. */
export async function pruneDashboardTokens(q: Queryable, now: Date): Promise<number> {
  const { rowCount } = await q.query(`DELETE FROM dashboard_tokens WHERE expires_at < $1`, [
    new Date(now.getTime() - 86_400_000),
  ]);
  return rowCount ?? 0;
}

/** When the bot last finished handling a Telegram update, and the oldest update waiting to be handled. */
export async function inboxHealth(
  q: Queryable,
  since?: Date,
): Promise<{ lastDoneAt: Date | null; oldestWaitingAt: Date | null; unknownDeliveries: number }> {
  const { rows } = await q.query<{ last_done: Date | null; oldest_waiting: Date | null; unknown: number }>(
    `SELECT (SELECT max(done_at) FROM inbox WHERE status = 'done') AS last_done,
            (SELECT min(received_at) FROM inbox WHERE status <> 'done') AS oldest_waiting,
            (SELECT count(*)::int FROM deliveries WHERE status = 'unknown' AND created_at >= $1) AS unknown`,
    [since ?? new Date(0)],
  );
  return {
    lastDoneAt: rows[0]?.last_done ?? null,
    oldestWaitingAt: rows[0]?.oldest_waiting ?? null,
    unknownDeliveries: Number(rows[0]?.unknown ?? 0),
  };
}
