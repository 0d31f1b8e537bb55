import { createHash } from "node:crypto";
import { langFromTelegram, type Lang } from "../config.ts";
import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";
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

/**
 * Records what the planner found due, in one transaction: the items of a morning message first (each key once:
 * an item recorded before is left out of the message; a message left with no item is dropped), then the messages,
 * each keyed by the items it really carries. Two planners at once: the second waits on the first's item keys and
 * finds them taken. Returns how many messages were new.
 */
export async function recordPlanned(pool: Pool, deliveries: NewDelivery[], now: Date): Promise<number> {
  const itemised = deliveries.filter((d) => d.items?.length);
  if (itemised.length === 0) return recordIntents(pool, deliveries, now);
  return withTransaction(pool, async (tx) => {
    const keys = [...new Set(itemised.flatMap((d) => d.items!))];
    const { rows } = await tx.query<{ item_key: string }>(
      `INSERT INTO delivery_items (item_key, recorded_at) SELECT k, $2 FROM unnest($1::text[]) AS k
       ON CONFLICT (item_key) DO NOTHING RETURNING item_key`,
      [keys, now],
    );
    const fresh = new Set(rows.map((r) => r.item_key));
    const kept: NewDelivery[] = deliveries.filter((d) => !d.items?.length);
    for (const d of itemised) {
      const items = d.items!.filter((k) => fresh.has(k));
      if (items.length === 0) continue;
      const digest = createHash("sha1").update(items.join("\n")).digest("hex").slice(0, 12);
      const message =
        d.message.type === "morning"
          ? { ...d.message, items: d.message.items.filter((i) => items.includes(i.key)) }
          : d.message;
      kept.push({ ...d, key: `${d.key}:${digest}`, items, message });
    }
    const created = await recordIntents(tx, kept, now);
    const links = kept.flatMap((d) => (d.items ?? []).map((item) => ({ item, key: d.key })));
    if (links.length > 0) {
      await tx.query(
        `UPDATE delivery_items i SET delivery_id = d.id
           FROM jsonb_to_recordset($1::jsonb) AS l(item text, key text) JOIN deliveries d ON d.dedupe_key = l.key
          WHERE i.item_key = l.item`,
        [JSON.stringify(links)],
      );
    }
    return created;
  });
}

/** Which of `keys` are recorded as items of a morning message. */
export async function recordedItems(q: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await q.query<{ item_key: string }>(
    "SELECT item_key FROM delivery_items WHERE item_key = ANY($1::text[])",
    [keys],
  );
  return new Set(rows.map((r) => r.item_key));
}

/**
 * Of a morning message's items, those still worth sending: the recipient is still a member of the item's unit
 * (an active one) and the step is not reported yet.
 */
export async function stillDueItems(
  q: Queryable,
  telegramId: number,
  items: { unit: { code: string }; milestone: string }[],
): Promise<boolean[]> {
  if (items.length === 0) return [];
  const { rows } = await q.query<{ i: number; due: boolean }>(
    `SELECT r.i, EXISTS (
              SELECT 1 FROM unit_members m JOIN units un ON un.code = m.unit_code AND un.active
               WHERE m.telegram_id = $1 AND m.unit_code = r.unit AND m.removed_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.unit_code = r.unit AND e.milestone = r.milestone)
            AS due
       FROM jsonb_to_recordset($2::jsonb) AS r(i integer, unit text, milestone text)`,
    [telegramId, JSON.stringify(items.map((it, i) => ({ i, unit: it.unit.code, milestone: it.milestone })))],
  );
  const due = new Map(rows.map((r) => [Number(r.i), r.due]));
  return items.map((_, i) => due.get(i) ?? false);
}

/** The morning message a person got as Telegram message `messageId` (to read a reply to it). */
export async function deliveryByMessage(
  q: Queryable,
  telegramId: number,
  messageId: number,
): Promise<{ message: unknown; sentAt: Date | null } | undefined> {
  const { rows } = await q.query<{ message: unknown; sent_at: Date | null }>(
    "SELECT message, sent_at FROM deliveries WHERE telegram_id = $1 AND message_id = $2 ORDER BY id DESC LIMIT 1",
    [telegramId, messageId],
  );
  return rows[0] ? { message: rows[0].message, sentAt: rows[0].sent_at } : undefined;
}

/** The morning messages sent to a person since `since`, newest first. */
export async function recentMorningMessages(q: Queryable, telegramId: number, since: Date): Promise<unknown[]> {
  const { rows } = await q.query<{ message: unknown }>(
    `SELECT message FROM deliveries WHERE telegram_id = $1 AND status = 'sent' AND sent_at >= $2
        AND message->>'type' = 'morning' ORDER BY sent_at DESC LIMIT 5`,
    [telegramId, since],
  );
  return rows.map((r) => r.message);
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
