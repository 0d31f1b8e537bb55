import type { Lang } from "../config.ts";
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

/**
 * Keeps every question with its answer, the sources shown, latency and model — and the answer as shown (`shown`),
 * which the "passages" and "sources" buttons display later. Returns the question's id.
 */
export async function recordQuestion(q: Queryable, record: QuestionRecord): Promise<string> {
  const { answer } = record;
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO questions (telegram_id, chat_id, update_id, channel, language, question, answer, mode, sources,
                            latency_ms, model, refusal, shown)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
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
      answer.refusal ?? null,
      // The whole answer: for the buttons under it, and so that a restart sends what was computed instead of
      // computing it again.
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
  const { rows } = await q.query<{ id: string; shown: Answer | null; replied_at: Date | null }>(
    "SELECT id, shown, replied_at FROM questions WHERE update_id = $1",
    [updateId],
  );
  const r = rows[0];
  if (!r?.shown) return undefined;
  return { id: String(r.id), answer: r.shown, replied: r.replied_at !== null };
}

/** The answer reached the asker. */
export async function markReplied(q: Queryable, questionId: string, now: Date): Promise<void> {
  await q.query("UPDATE questions SET replied_at = $2 WHERE id = $1", [questionId, now]);
}

/**
 * An answer as it was shown, for the buttons under it. Only in the chat it was given in: a forged button with
 * another chat's question id finds nothing.
 */
export async function loadShownAnswer(q: Queryable, questionId: string, chatId: number): Promise<Answer | undefined> {
  const { rows } = await q.query<{ shown: Answer | null }>(
    "SELECT shown FROM questions WHERE id = $1 AND chat_id = $2",
    [questionId, chatId],
  );
  return rows[0]?.shown ?? undefined;
}

/**
 * The chat's last answered question of the past hour (for follow-ups), with its answer's summary; the answerer
 * decides with its own clock whether it is recent enough. A question that was itself a follow-up brings the
 * question it followed, so "Còn chi bộ?" then "Còn đảng ủy bộ phận?" both read with the first. Questions the bot
 * declined are skipped: a follow-up to a refused question is a new question.
 */
export async function lastQuestion(
  q: Queryable,
  chatId: number,
): Promise<{ question: string; askedAt: Date; answer: string | undefined; language: Lang } | undefined> {
  const { rows } = await q.query<{
    question: string;
    created_at: Date;
    summary: string | null;
    earlier: string | null;
    language: Lang;
  }>(
    `SELECT question, created_at, shown->>'summary' AS summary, shown->'followUp'->>'previous' AS earlier, language
       FROM questions
      WHERE chat_id = $1 AND created_at > now() - interval '1 hour' AND mode <> 'none'
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [chatId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    question: row.earlier ? `${row.question} ${row.earlier}` : row.question,
    askedAt: row.created_at,
    answer: row.summary ?? undefined,
    language: row.language,
  };
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
