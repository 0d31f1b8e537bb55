import type { Pool, Queryable } from "../db/pool.ts";

export type DeliveryKind = "reminder" | "nudge" | "digest" | "broadcast" | "alert";

export type NewDelivery = {
  key: string;
  kind: DeliveryKind;
  telegramId: number;
  text: string;
  unitCode?: string | null;
  milestone?: string | null;
  deadline?: string | null;
  leadDays?: number | null;
};

export type Delivery = NewDelivery & { id: string; attempts: number };

/** Records intents; a key already recorded (sent or not) is ignored. Returns how many were new. */
export async function recordIntents(q: Queryable, deliveries: NewDelivery[], now: Date): Promise<number> {
  let created = 0;
  for (const d of deliveries) {
    const { rowCount } = await q.query(
      `INSERT INTO deliveries (dedupe_key, kind, telegram_id, unit_code, milestone, deadline, lead_days, text,
                               next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        d.key,
        d.kind,
        d.telegramId,
        d.unitCode ?? null,
        d.milestone ?? null,
        d.deadline ?? null,
        d.leadDays ?? null,
        d.text,
        now,
      ],
    );
    created += rowCount ?? 0;
  }
  return created;
}

export async function isRecorded(q: Queryable, key: string): Promise<boolean> {
  const { rowCount } = await q.query("SELECT 1 FROM deliveries WHERE dedupe_key = $1", [key]);
  return (rowCount ?? 0) > 0;
}

/**
 * Claims up to `limit` pending deliveries whose time has come. SKIP LOCKED gives concurrent schedulers distinct
 * rows; the move to 'sending' is committed before anything is sent, so no other instance can take them.
 */
export async function claimDue(pool: Pool, now: Date, limit: number, kinds?: DeliveryKind[]): Promise<Delivery[]> {
  const { rows } = await pool.query<{
    id: string;
    dedupe_key: string;
    kind: DeliveryKind;
    telegram_id: string;
    text: string;
    unit_code: string | null;
    milestone: string | null;
    deadline: string | null;
    lead_days: number | null;
    attempts: number;
  }>(
    `UPDATE deliveries SET status = 'sending', claimed_at = $1, attempts = attempts + 1
      WHERE id IN (SELECT id FROM deliveries
                    WHERE status = 'pending' AND next_attempt_at <= $1
                      AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
                    ORDER BY next_attempt_at, id
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED)
      RETURNING id, dedupe_key, kind, telegram_id, text, unit_code, milestone,
                to_char(deadline, 'YYYY-MM-DD') AS deadline, lead_days, attempts`,
    [now, limit, kinds ?? null],
  );
  return rows
    .map((r) => ({
      id: String(r.id),
      key: r.dedupe_key,
      kind: r.kind,
      telegramId: Number(r.telegram_id),
      text: r.text,
      unitCode: r.unit_code,
      milestone: r.milestone,
      deadline: r.deadline,
      leadDays: r.lead_days,
      attempts: r.attempts,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

export async function markSent(q: Queryable, id: string, messageId: number, now: Date): Promise<void> {
  await q.query("UPDATE deliveries SET status = 'sent', sent_at = $2, message_id = $3 WHERE id = $1", [
    id,
    now,
    messageId,
  ]);
}

export async function markRetry(q: Queryable, id: string, error: string, nextAttemptAt: Date): Promise<void> {
  await q.query("UPDATE deliveries SET status = 'pending', last_error = $2, next_attempt_at = $3 WHERE id = $1", [
    id,
    error.slice(0, 500),
    nextAttemptAt,
  ]);
}

export async function markFinal(
  q: Queryable,
  id: string,
  status: "failed" | "skipped",
  error: string | null,
): Promise<void> {
  await q.query("UPDATE deliveries SET status = $2, last_error = $3 WHERE id = $1", [
    id,
    status,
    error?.slice(0, 500) ?? null,
  ]);
}

/** Pending deliveries to someone who became unreachable: skipped, with the reason. */
export async function skipPendingFor(q: Queryable, telegramId: number, reason: string): Promise<void> {
  await q.query(
    "UPDATE deliveries SET status = 'skipped', last_error = $2 WHERE telegram_id = $1 AND status = 'pending'",
    [telegramId, reason],
  );
}

export async function setReachable(q: Queryable, telegramId: number, reachable: boolean, now: Date): Promise<boolean> {
  // An upsert: a Board id from the configuration may never have written to the bot (no row yet).
  const { rowCount } = await q.query(
    reachable
      ? "UPDATE telegram_users SET unreachable_at = NULL WHERE telegram_id = $1 AND unreachable_at IS NOT NULL"
      : `INSERT INTO telegram_users (telegram_id, unreachable_at) VALUES ($1, $2)
         ON CONFLICT (telegram_id) DO UPDATE SET unreachable_at = EXCLUDED.unreachable_at
         WHERE telegram_users.unreachable_at IS NULL`,
    reachable ? [telegramId] : [telegramId, now],
  );
  return (rowCount ?? 0) > 0;
}
