import type { Queryable } from "./pool.ts";

export type InboxUpdate = { update_id: number } & Record<string, unknown>;

/** The key that orders an update among others: its chat, else its sender. */
export function chatKeyOf(update: InboxUpdate): string {
  const u = update as {
    message?: { chat?: { id?: number } };
    edited_message?: { chat?: { id?: number } };
    callback_query?: { message?: { chat?: { id?: number } }; from?: { id?: number } };
    my_chat_member?: { chat?: { id?: number } };
  };
  const id =
    u.message?.chat?.id ??
    u.edited_message?.chat?.id ??
    u.callback_query?.message?.chat?.id ??
    u.callback_query?.from?.id ??
    u.my_chat_member?.chat?.id;
  return id === undefined ? "" : String(id);
}

/** JSON for a jsonb column: Postgres refuses the NUL character in text, which a user's name may carry. */
function toJsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.replaceAll("\u0000", "") : v));
}

/** Stores fetched updates (before their offset is confirmed); returns those not seen before, in update order. */
export async function storeUpdates(q: Queryable, updates: InboxUpdate[], now: Date): Promise<InboxUpdate[]> {
  if (updates.length === 0) return [];
  const { rows } = await q.query<{ update_id: string }>(
    `INSERT INTO inbox (update_id, chat_key, payload, received_at)
     SELECT r.update_id, r.chat_key, r.payload, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(update_id bigint, chat_key text, payload jsonb)
     ON CONFLICT (update_id) DO NOTHING
     RETURNING update_id`,
    [toJsonb(updates.map((u) => ({ update_id: u.update_id, chat_key: chatKeyOf(u), payload: u }))), now],
  );
  const fresh = new Set(rows.map((r) => Number(r.update_id)));
  return updates.filter((u) => fresh.has(u.update_id));
}

/** Updates not done (stored but not started, or started by a process that is gone), oldest first. */
export async function unfinishedUpdates(q: Queryable, run: string): Promise<InboxUpdate[]> {
  const { rows } = await q.query<{ payload: InboxUpdate }>(
    `SELECT payload FROM inbox WHERE status <> 'done' AND (handled_by IS NULL OR handled_by <> $1)
      ORDER BY update_id`,
    [run],
  );
  return rows.map((r) => r.payload);
}

/**
 * Takes an update for handling by this process run. False when it is done already, or being handled by this run
 * (a redelivery, also a concurrent one). An update taken by an earlier run (a crash) is taken over.
 * An update never stored (the terminal chat, tests) is stored here.
 */
export async function beginUpdate(q: Queryable, update: InboxUpdate, run: string, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO inbox (update_id, chat_key, payload, status, attempts, handled_by, received_at, started_at)
     VALUES ($1, $2, $3, 'handling', 1, $4, $5, $5)
     ON CONFLICT (update_id) DO UPDATE
       SET status = 'handling', attempts = inbox.attempts + 1, handled_by = EXCLUDED.handled_by,
           started_at = EXCLUDED.started_at
       WHERE inbox.status = 'pending' OR (inbox.status = 'handling' AND inbox.handled_by IS DISTINCT FROM $4)`,
    [update.update_id, chatKeyOf(update), toJsonb(update), run, now],
  );
  return (rowCount ?? 0) > 0;
}

export async function finishUpdate(q: Queryable, updateId: number, now: Date): Promise<void> {
  await q.query("UPDATE inbox SET status = 'done', done_at = $2, payload = '{}' WHERE update_id = $1", [updateId, now]);
}

/** Forgets handled updates older than `keepHours` (at least 24: Telegram may redeliver for 24 h). */
export async function pruneInbox(q: Queryable, now: Date, keepHours = 48): Promise<number> {
  const { rowCount } = await q.query(
    "DELETE FROM inbox WHERE status = 'done' AND done_at < $1::timestamptz - make_interval(hours => $2)",
    [now, Math.max(24, keepHours)],
  );
  return rowCount ?? 0;
}
