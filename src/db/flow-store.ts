import type { Queryable } from "./pool.ts";

/**
 * A guided flow in progress in one chat (the bot's /report), kept in Postgres so that a restart mid-flow loses
 * nothing. What `step` and `data` mean is the bot's business; this store keeps them as they are.
 */
export type ChatFlow = {
  chatId: number;
  telegramId: number;
  unitCode: string;
  step: string;
  milestone: string | null;
  data: Record<string, unknown>;
};

export async function getFlow(q: Queryable, chatId: number): Promise<ChatFlow | undefined> {
  const { rows } = await q.query<{
    chat_id: string;
    telegram_id: string;
    unit_code: string;
    step: string;
    milestone: string | null;
    data: Record<string, unknown> | null;
  }>("SELECT chat_id, telegram_id, unit_code, step, milestone, data FROM report_flows WHERE chat_id = $1", [chatId]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    chatId: Number(r.chat_id),
    telegramId: Number(r.telegram_id),
    unitCode: r.unit_code,
    step: r.step,
    milestone: r.milestone,
    data: r.data ?? {},
  };
}

export async function saveFlow(q: Queryable, flow: ChatFlow): Promise<void> {
  await q.query(
    `INSERT INTO report_flows (chat_id, telegram_id, unit_code, step, milestone, data, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (chat_id) DO UPDATE SET telegram_id = EXCLUDED.telegram_id, unit_code = EXCLUDED.unit_code,
       step = EXCLUDED.step, milestone = EXCLUDED.milestone, data = EXCLUDED.data, updated_at = now()`,
    [flow.chatId, flow.telegramId, flow.unitCode, flow.step, flow.milestone, JSON.stringify(flow.data)],
  );
}

export async function deleteFlow(q: Queryable, chatId: number): Promise<void> {
  await q.query("DELETE FROM report_flows WHERE chat_id = $1", [chatId]);
}
