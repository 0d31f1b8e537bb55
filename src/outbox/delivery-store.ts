import { langFromTelegram, type Lang } from "../config.ts";
import type { Queryable } from "../db/pool.ts";
import { outboxMessageSchema, type ClaimedDelivery, type DeliveryKind, type NewDelivery } from "./messages.ts";

/**
 * Records intents in one statement; a key already recorded (sent or not) is ignored. Returns how many were new.
 * jsonb_to_recordset turns the whole batch into rows: one round trip for a wave of thousands.
 */
export async function recordIntents(q: Queryable, deliveries: NewDelivery[], now: Date): Promise<number> {
  if (deliveries.length === 0) return 0;
  const rows = deliveries.map((d) => ({
    dedupe_key: d.key,
    kind: d.kind,
    telegram_id: d.telegramId,
    unit_code: d.unitCode ?? null,
    milestone: d.milestone ?? null,
    deadline: d.deadline ?? null,
    lead_days: d.leadDays ?? null,
    message: outboxMessageSchema.parse(d.message),
  }));
  const { rowCount } = await q.query(
    `INSERT INTO deliveries (dedupe_key, kind, telegram_id, unit_code, milestone, deadline, lead_days, message,
                             next_attempt_at, created_at)
     SELECT r.dedupe_key, r.kind, r.telegram_id, r.unit_code, r.milestone, r.deadline, r.lead_days, r.message, $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(dedupe_key text, kind text, telegram_id bigint, unit_code text,
                                                milestone text, deadline date, lead_days integer, message jsonb)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [JSON.stringify(rows), now],
  );
  return rowCount ?? 0;
}

/** Which of `keys` are recorded already (sent or not). */
export async function recordedKeys(q: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await q.query<{ dedupe_key: string }>(
    "SELECT dedupe_key FROM deliveries WHERE dedupe_key = ANY($1::text[])",
    [keys],
  );
  return new Set(rows.map((r) => r.dedupe_key));
}

export type Candidate = { id: string; telegramId: number };

/**
 * The next delivery of each chat that has one due: its oldest pending (each chat's messages go in order), leaving
 * out chats that already have one on its way (`busyChats`). Which chats go first is the sender's choice (those it
 * served least recently). No lock: the send claims each row on its own (claimDelivery), so a stale list is harmless.
 */
export async function listCandidates(
  q: Queryable,
  now: Date,
  options: { kinds?: DeliveryKind[] | undefined; busyChats?: number[]; limit?: number } = {},
): Promise<Candidate[]> {
  // DISTINCT ON over the partial index (telegram_id, next_attempt_at, id) WHERE pending: one row per chat.
  const { rows } = await q.query<{ id: string; telegram_id: string }>(
    `SELECT DISTINCT ON (telegram_id) id, telegram_id
       FROM deliveries
      WHERE status = 'pending' AND next_attempt_at <= $1
        AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
        AND NOT (telegram_id = ANY($3::bigint[]))
      ORDER BY telegram_id, next_attempt_at, id
      LIMIT $4`,
    [now, options.kinds ?? null, options.busyChats ?? [], options.limit ?? 10_000],
  );
  return rows.map((r) => ({ id: String(r.id), telegramId: Number(r.telegram_id) }));
}

/**
 * Claims one delivery right before it is sent: pending → sending, committed before the send. SKIP LOCKED gives
 * concurrent senders distinct rows; a row another sender took (or that is no longer pending) returns nothing.
 * Returns, in the same round trip, the recipient's language of this moment and whether the message is still worth
 * sending: the recipient can be written to, and — for a reminder or nudge — is still a member of the still active
 * unit whose step is still not reported.
 */
export async function claimDelivery(
  q: Queryable,
  id: string,
  now: Date,
): Promise<(ClaimedDelivery & { stillDue: boolean }) | undefined> {
  const { rows } = await q.query<{
    id: string;
    dedupe_key: string;
    kind: DeliveryKind;
    telegram_id: string;
    message: unknown;
    attempts: number;
    chosen_lang: Lang | null;
    language_code: string | null;
    still_due: boolean;
  }>(
    `WITH claimed AS (
       UPDATE deliveries SET status = 'sending', claimed_at = $2, attempts = attempts + 1
        WHERE id = (SELECT id FROM deliveries WHERE id = $1 AND status = 'pending' AND next_attempt_at <= $2
                      FOR UPDATE SKIP LOCKED)
        RETURNING id, dedupe_key, kind, telegram_id, unit_code, milestone, message, attempts)
     SELECT c.id, c.dedupe_key, c.kind, c.telegram_id, c.message, c.attempts, u.chosen_lang, u.language_code,
            coalesce(u.unreachable_at IS NULL, true)
              AND (c.kind NOT IN ('reminder', 'nudge') OR c.unit_code IS NULL OR EXISTS (
                    SELECT 1 FROM unit_members m JOIN units un ON un.code = m.unit_code AND un.active
                     WHERE m.telegram_id = c.telegram_id AND m.unit_code = c.unit_code AND m.removed_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM report_events e
                                        WHERE e.unit_code = c.unit_code AND e.milestone = c.milestone))) AS still_due
       FROM claimed c LEFT JOIN telegram_users u ON u.telegram_id = c.telegram_id`,
    [id, now],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: String(r.id),
    key: r.dedupe_key,
    kind: r.kind,
    telegramId: Number(r.telegram_id),
    lang: r.chosen_lang ?? langFromTelegram(r.language_code),
    message: outboxMessageSchema.parse(r.message),
    attempts: r.attempts,
    stillDue: r.still_due,
  };
}

export async function markSent(q: Queryable, id: string, messageId: number, now: Date): Promise<void> {
  await q.query("UPDATE deliveries SET status = 'sent', sent_at = $2, message_id = $3 WHERE id = $1", [
    id,
    now,
    messageId,
  ]);
}

/** Back to pending for a later attempt. `countAttempt: false` (a 429) gives the attempt back. */
export async function markRetry(
  q: Queryable,
  id: string,
  error: string,
  nextAttemptAt: Date,
  countAttempt = true,
): Promise<void> {
  await q.query(
    `UPDATE deliveries SET status = 'pending', last_error = $2, next_attempt_at = $3,
            attempts = attempts - CASE WHEN $4 THEN 0 ELSE 1 END
      WHERE id = $1`,
    [id, error.slice(0, 500), nextAttemptAt, countAttempt],
  );
}

export async function markFinal(
  q: Queryable,
  id: string,
  status: "failed" | "skipped" | "unknown",
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

/**
 * Deliveries left "sending" longer than `olderThanMs` (their process died between the send and its record):
 * Telegram may or may not have them. Marked unknown — never sent again — and returned, to tell the Board.
 */
export async function reapStuckSending(
  q: Queryable,
  now: Date,
  olderThanMs: number,
): Promise<{ id: string; telegramId: number; kind: DeliveryKind }[]> {
  const { rows } = await q.query<{ id: string; telegram_id: string; kind: DeliveryKind }>(
    `UPDATE deliveries SET status = 'unknown', last_error = 'the process stopped while sending it'
      WHERE status = 'sending' AND claimed_at < $1::timestamptz - make_interval(secs => $2)
      RETURNING id, telegram_id, kind`,
    [now, olderThanMs / 1000],
  );
  return rows.map((r) => ({ id: String(r.id), telegramId: Number(r.telegram_id), kind: r.kind }));
}
