import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";
import { escapeHtml } from "../escape-html.ts";
import { recordIntents } from "./delivery-store.ts";

/** Telegram ids of everyone a broadcast goes to: active members of active units who have not blocked the bot. */
export async function broadcastRecipients(q: Queryable): Promise<number[]> {
  const { rows } = await q.query<{ telegram_id: string }>(
    `SELECT DISTINCT m.telegram_id
       FROM unit_members m
       JOIN units un ON un.code = m.unit_code AND un.active
       LEFT JOIN telegram_users u ON u.telegram_id = m.telegram_id
      WHERE m.removed_at IS NULL AND u.unreachable_at IS NULL
      ORDER BY m.telegram_id`,
  );
  return rows.map((r) => Number(r.telegram_id));
}

export async function createBroadcast(q: Queryable, text: string, createdBy: number, now: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    "INSERT INTO broadcasts (text, created_by, created_at) VALUES ($1, $2, $3) RETURNING id",
    [text, createdBy, now],
  );
  return String(rows[0]!.id);
}

/**
 * Confirms a broadcast once (a second press finds it confirmed and does nothing) and records one delivery per
 * recipient under the key broadcast:<id>:<person>, sent by the scheduler under the same limits as reminders.
 */
export async function confirmBroadcast(pool: Pool, id: string, now: Date): Promise<number | undefined> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ text: string }>(
      "UPDATE broadcasts SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL AND cancelled_at IS NULL RETURNING text",
      [id, now],
    );
    if (!rows[0]) return undefined;
    const recipients = await broadcastRecipients(tx);
    await recordIntents(
      tx,
      recipients.map((telegramId) => ({
        key: `broadcast:${id}:${telegramId}`,
        kind: "broadcast" as const,
        telegramId,
        text: escapeHtml(rows[0]!.text),
      })),
      now,
    );
    return recipients.length;
  });
}

/** Cancels a broadcast not yet confirmed; false if it was already sent or cancelled. */
export async function cancelBroadcast(q: Queryable, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    "UPDATE broadcasts SET cancelled_at = $2 WHERE id = $1 AND confirmed_at IS NULL AND cancelled_at IS NULL",
    [id, now],
  );
  return (rowCount ?? 0) > 0;
}
