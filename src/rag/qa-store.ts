import type { Queryable } from "../db/pool.ts";
import type { Answer } from "./answer.ts";

export type QuestionRecord = {
  telegramId?: number | undefined;
  chatId?: number | undefined;
  updateId?: number | undefined;
  channel: "telegram" | "console" | "cli";
  question: string;
  answer: Answer;
};

/** Keeps every question with its answer, the sources shown, latency and model. Returns the question's id. */
export async function recordQuestion(q: Queryable, record: QuestionRecord): Promise<string> {
  const { answer } = record;
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO questions (telegram_id, chat_id, update_id, channel, language, question, answer, mode, sources,
                            latency_ms, model, answer_json)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      record.telegramId ?? null,
      record.chatId ?? null,
      record.updateId ?? null,
      record.channel,
      answer.language,
      record.question,
      answer.answer,
      answer.mode,
      JSON.stringify(
        answer.sources.map((s) => ({ n: s.n, title: s.title, number: s.number, section: s.section, score: s.score })),
      ),
      answer.latencyMs,
      answer.model,
      // The whole answer, so that a restart sends what was computed instead of computing it again.
      JSON.stringify(answer),
    ],
  );
  return String(rows[0]!.id);
}

/** The question an update asked, if it was answered already (the update is being handled again). */
export async function questionOfUpdate(
  q: Queryable,
  updateId: number,
): Promise<{ id: string; answer: Answer; replied: boolean } | undefined> {
  const { rows } = await q.query<{ id: string; answer_json: Answer | null; replied_at: Date | null }>(
    "SELECT id, answer_json, replied_at FROM questions WHERE update_id = $1",
    [updateId],
  );
  const r = rows[0];
  if (!r?.answer_json) return undefined;
  return { id: String(r.id), answer: r.answer_json, replied: r.replied_at !== null };
}

/** The answer reached the asker. */
export async function markReplied(q: Queryable, questionId: string, now: Date): Promise<void> {
  await q.query("UPDATE questions SET replied_at = $2 WHERE id = $1", [questionId, now]);
}

/** Stores 👍/👎 — only the person who asked may rate; returns false when the question is not theirs. */
export async function recordFeedback(
  q: Queryable,
  questionId: string,
  telegramId: number,
  helpful: boolean,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO answer_feedback (question_id, telegram_id, helpful)
     SELECT id, $2, $3 FROM questions WHERE id = $1 AND telegram_id = $2
     ON CONFLICT (question_id, telegram_id) DO UPDATE SET helpful = EXCLUDED.helpful, created_at = now()`,
    [questionId, telegramId, helpful],
  );
  return (rowCount ?? 0) > 0;
}
