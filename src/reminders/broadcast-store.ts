import { randomBytes } from "node:crypto";
import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";
import { recordIntents } from "../outbox/delivery-store.ts";
import { recordAudit } from "../units/audit-store.ts";

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

/**
 * Records a broadcast awaiting its author's confirmation. Returns its token: an unguessable handle for the
 * confirm/cancel buttons (a sequential id could be guessed and pressed by someone else).
 */
export async function createBroadcast(q: Queryable, text: string, createdBy: number, now: Date): Promise<string> {
  const token = randomBytes(12).toString("base64url");
  await q.query("INSERT INTO broadcasts (text, created_by, created_at, token) VALUES ($1, $2, $3, $4)", [
    text,
    createdBy,
    now,
    token,
  ]);
  return token;
}

/**
 * Confirms a broadcast once, by its author only (a second press finds it confirmed and does nothing), and records
 * one delivery per recipient under the key broadcast:<id>:<person>, sent under the same limits as reminders.
 */
export async function confirmBroadcast(pool: Pool, token: string, by: number, now: Date): Promise<number | undefined> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; text: string }>(
      `UPDATE broadcasts SET confirmed_at = $2
        WHERE token = $1 AND created_by = $3 AND confirmed_at IS NULL AND cancelled_at IS NULL
        RETURNING id, text`,
      [token, now, by],
    );
    const broadcast = rows[0];
    if (!broadcast) return undefined;
    const recipients = await broadcastRecipients(tx);
    await recordIntents(
      tx,
      recipients.map((telegramId) => ({
        key: `broadcast:${broadcast.id}:${telegramId}`,
        kind: "broadcast" as const,
        telegramId,
        message: { type: "text" as const, text: broadcast.text },
      })),
      now,
    );
    await recordAudit(tx, {
      at: now,
      actor: by,
      action: "broadcast.send",
      subject: String(broadcast.id),
      details: { recipients: recipients.length, text: broadcast.text.slice(0, 200) },
    });
    return recipients.length;
  });
}

/** Cancels a broadcast not yet confirmed, by its author; false if it was already sent or cancelled. */
export async function cancelBroadcast(q: Queryable, token: string, by: number, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE broadcasts SET cancelled_at = $2
      WHERE token = $1 AND created_by = $3 AND confirmed_at IS NULL AND cancelled_at IS NULL`,
    [token, now, by],
  );
  return (rowCount ?? 0) > 0;
}
