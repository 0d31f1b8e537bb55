import type { Lang } from "../config.ts";
import type { Queryable } from "../db/pool.ts";
import { foldText } from "./normalize.ts";

/**
 * The queue of questions to the City Organization Board (migration 0050): asked from an answer the documents could
 * not give, answered once by one Board member, withdrawn by the asker. SQL only; the rules are in
 * src/services/knowledge.ts.
 */

export type BoardQuestionStatus = "open" | "answered" | "withdrawn";

export type BoardQuestion = {
  id: string;
  questionId: string | null;
  telegramId: number;
  unitCode: string | null;
  askerName: string;
  language: Lang;
  question: string;
  botAnswer: string;
  botSources: { n: number; title: string; section: string }[];
  status: BoardQuestionStatus;
  createdAt: Date;
  answer: string | null;
  answeredBy: number | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  withdrawnAt: Date | null;
  /** The curated answer it was published as, and whether that is still published. */
  curatedId: string | null;
  curatedStatus: "published" | "withdrawn" | null;
};

type Row = {
  id: string;
  question_id: string | null;
  telegram_id: string;
  unit_code: string | null;
  asker_name: string;
  language: Lang;
  question: string;
  bot_answer: string;
  bot_sources: BoardQuestion["botSources"];
  status: BoardQuestionStatus;
  created_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  withdrawn_at: Date | null;
  curated_id: string | null;
  curated_status: "published" | "withdrawn" | null;
};

const SELECT = `SELECT b.id, b.question_id, b.telegram_id, b.unit_code, b.asker_name, b.language, b.question,
       b.bot_answer, b.bot_sources, b.status, b.created_at, b.answer, b.answered_by, b.answered_by_name,
       b.answered_at, b.withdrawn_at, c.id AS curated_id, c.status AS curated_status
  FROM board_questions b LEFT JOIN curated_answers c ON c.board_question_id = b.id`;

function toQuestion(r: Row): BoardQuestion {
  return {
    id: String(r.id),
    questionId: r.question_id === null ? null : String(r.question_id),
    telegramId: Number(r.telegram_id),
    unitCode: r.unit_code,
    askerName: r.asker_name,
    language: r.language,
    question: r.question,
    botAnswer: r.bot_answer,
    botSources: r.bot_sources,
    status: r.status,
    createdAt: r.created_at,
    answer: r.answer,
    answeredBy: r.answered_by === null ? null : Number(r.answered_by),
    answeredByName: r.answered_by_name,
    answeredAt: r.answered_at,
    withdrawnAt: r.withdrawn_at,
    curatedId: r.curated_id === null ? null : String(r.curated_id),
    curatedStatus: r.curated_status,
  };
}

/** "the identical text": folded, punctuation and spacing ignored. */
export function questionKey(question: string): string {
  return (foldText(question).match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

/** A question the bot answered, as its asker saw it: only the asker's own (a forged id finds nothing). */
export async function askedQuestion(
  q: Queryable,
  questionId: string,
  telegramId: number,
): Promise<{ question: string; language: Lang; answer: string; sources: BoardQuestion["botSources"] } | undefined> {
  const { rows } = await q.query<{
    question: string;
    language: Lang;
    answer: string;
    sources: BoardQuestion["botSources"];
  }>("SELECT question, language, answer, sources FROM questions WHERE id = $1 AND telegram_id = $2", [
    questionId,
    telegramId,
  ]);
  return rows[0];
}

export type NewBoardQuestion = {
  questionId: string;
  telegramId: number;
  unitCode: string | null;
  askerName: string;
  language: Lang;
  question: string;
  botAnswer: string;
  botSources: BoardQuestion["botSources"];
};

/**
 * Queues a question, unless the person has the same text open already: then nothing is inserted (the partial
 * unique index decides, so two presses at once cannot both insert) and the open one is returned.
 */
export async function insertBoardQuestion(
  q: Queryable,
  input: NewBoardQuestion,
  now: Date,
): Promise<{ question: BoardQuestion; created: boolean }> {
  const key = questionKey(input.question);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO board_questions (question_id, telegram_id, unit_code, asker_name, language, question, question_key,
                                  bot_answer, bot_sources, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (telegram_id, question_key) WHERE status = 'open' DO NOTHING
     RETURNING id`,
    [
      input.questionId,
      input.telegramId,
      input.unitCode,
      input.askerName,
      input.language,
      input.question,
      key,
      input.botAnswer,
      JSON.stringify(input.botSources),
      now,
    ],
  );
  if (rows[0]) return { question: (await getBoardQuestion(q, String(rows[0].id)))!, created: true };
  const existing = await q.query<Row>(
    `${SELECT} WHERE b.telegram_id = $1 AND b.question_key = $2 AND b.status = 'open'`,
    [input.telegramId, key],
  );
  return { question: toQuestion(existing.rows[0]!), created: false };
}

/** The id of the person's open question with this text (folded), if any. */
export async function openWithText(q: Queryable, telegramId: number, question: string): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    "SELECT id FROM board_questions WHERE telegram_id = $1 AND question_key = $2 AND status = 'open'",
    [telegramId, questionKey(question)],
  );
  return rows[0] ? String(rows[0].id) : undefined;
}

/** How many questions a person sent to the Board since `since`. */
export async function countAskedSince(q: Queryable, telegramId: number, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM board_questions WHERE telegram_id = $1 AND created_at >= $2",
    [telegramId, since],
  );
  return rows[0]!.n;
}

export async function getBoardQuestion(q: Queryable, id: string): Promise<BoardQuestion | undefined> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE b.id = $1`, [id]);
  return rows[0] ? toQuestion(rows[0]) : undefined;
}

/** Open questions, oldest first, a page at a time, with how many there are. */
export async function listOpenQuestions(
  q: Queryable,
  options: { offset: number; limit: number; before?: Date | undefined },
): Promise<{ items: BoardQuestion[]; total: number; oldest: Date | null }> {
  const before = options.before ?? null;
  // One after the other: `q` may be a transaction's client.
  const { rows } = await q.query<Row>(
    `${SELECT} WHERE b.status = 'open' AND ($3::timestamptz IS NULL OR b.created_at < $3)
      ORDER BY b.created_at, b.id OFFSET $1 LIMIT $2`,
    [options.offset, options.limit, before],
  );
  const counted = await q.query<{ n: number; oldest: Date | null }>(
    `SELECT count(*)::int AS n, min(created_at) AS oldest FROM board_questions
      WHERE status = 'open' AND ($1::timestamptz IS NULL OR created_at < $1)`,
    [before],
  );
  return { items: rows.map(toQuestion), total: counted.rows[0]!.n, oldest: counted.rows[0]!.oldest };
}

/**
 * Answers an open question — the one statement that decides who answered. Two Board members answering at once:
 * both UPDATEs target the row, Postgres lets one commit first, and the other's WHERE status = 'open' no longer
 * holds when it re-reads the row, so it updates nothing (READ COMMITTED re-checks the condition after the lock).
 */
export async function answerBoardQuestion(
  q: Queryable,
  input: { id: string; by: number; byName: string; answer: string },
  now: Date,
): Promise<BoardQuestion | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `UPDATE board_questions SET status = 'answered', answer = $2, answered_by = $3, answered_by_name = $4,
            answered_at = $5
      WHERE id = $1 AND status = 'open'
      RETURNING id`,
    [input.id, input.answer, input.by, input.byName, now],
  );
  return rows[0] ? getBoardQuestion(q, String(rows[0].id)) : undefined;
}

/** The asker withdraws an open question of theirs; false when it is not theirs or no longer open. */
export async function withdrawBoardQuestion(q: Queryable, id: string, telegramId: number, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE board_questions SET status = 'withdrawn', withdrawn_at = $3
      WHERE id = $1 AND telegram_id = $2 AND status = 'open'`,
    [id, telegramId, now],
  );
  return (rowCount ?? 0) > 0;
}

/** The question a Board member's notification (a sent outbox message) was about: for answers by reply. */
export async function questionOfMessage(
  q: Queryable,
  telegramId: number,
  messageId: number,
): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT message->>'id' AS id FROM deliveries
      WHERE telegram_id = $1 AND message_id = $2 AND message->>'type' = 'kq-question'`,
    [telegramId, messageId],
  );
  return rows[0]?.id ?? undefined;
}

export type FeedbackReason = "not-my-question" | "wrong" | "outdated" | "too-long";

/** What was wrong with an answer rated 👎; only the asker's own rating. */
export async function setFeedbackReason(
  q: Queryable,
  questionId: string,
  telegramId: number,
  reason: FeedbackReason,
): Promise<boolean> {
  const { rowCount } = await q.query(
    "UPDATE answer_feedback SET reason = $3 WHERE question_id = $1 AND telegram_id = $2 AND NOT helpful",
    [questionId, telegramId, reason],
  );
  return (rowCount ?? 0) > 0;
}

export type WeekStats = {
  /** Monday of the week (local date). */
  week: string;
  asked: number;
  fromDocuments: number;
  curated: number;
  notCovered: number;
  refused: number;
  rated: number;
  notHelpful: number;
  toBoard: number;
  answeredByBoard: number;
};

/**
 * Per week (Monday to Sunday in `timeZone`), from `since`: the questions asked and how they were answered, the
 * 👎 among the rated ones, and the questions sent to and answered by the Board.
 */
export async function weeklyStats(q: Queryable, since: Date, timeZone: string): Promise<WeekStats[]> {
  const { rows } = await q.query<{
    week: string;
    asked: number;
    from_documents: number;
    curated: number;
    not_covered: number;
    refused: number;
    rated: number;
    not_helpful: number;
    to_board: number;
    answered_by_board: number;
  }>(
    `WITH asked AS (
       SELECT date_trunc('week', q.created_at AT TIME ZONE $2)::date AS week, q.mode, q.refusal, f.helpful
         FROM questions q LEFT JOIN answer_feedback f ON f.question_id = q.id AND f.telegram_id = q.telegram_id
        WHERE q.created_at >= $1 AND q.channel <> 'cli'),
     board AS (
       SELECT date_trunc('week', created_at AT TIME ZONE $2)::date AS week, status FROM board_questions
        WHERE created_at >= $1),
     weeks AS (SELECT week FROM asked UNION SELECT week FROM board)
     SELECT to_char(w.week, 'YYYY-MM-DD') AS week,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week) AS asked,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week AND a.mode IN ('llm', 'extractive')) AS from_documents,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week AND a.mode = 'curated') AS curated,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week AND a.refusal = 'not-covered') AS not_covered,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week AND a.refusal IN ('off-topic', 'personnel')) AS refused,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week AND a.helpful IS NOT NULL) AS rated,
            (SELECT count(*)::int FROM asked a WHERE a.week = w.week AND a.helpful = false) AS not_helpful,
            (SELECT count(*)::int FROM board b WHERE b.week = w.week) AS to_board,
            (SELECT count(*)::int FROM board b WHERE b.week = w.week AND b.status = 'answered') AS answered_by_board
       FROM weeks w ORDER BY w.week`,
    [since, timeZone],
  );
  return rows.map((r) => ({
    week: r.week,
    asked: r.asked,
    fromDocuments: r.from_documents,
    curated: r.curated,
    notCovered: r.not_covered,
    refused: r.refused,
    rated: r.rated,
    notHelpful: r.not_helpful,
    toBoard: r.to_board,
    answeredByBoard: r.answered_by_board,
  }));
}
