import type { Queryable } from "../db/pool.ts";

/** Where the corpus falls short: questions the documents did not answer, and answers their asker rated 👎. */
export type QuestionGap = { kind: "unanswered" | "disliked"; question: string; language: string; at: Date };
export type QuestionGapWeek = { week: string; unanswered: number; disliked: number };

// "Did not answer": the documents lack it (refusal 'not-covered'), or nothing was found (mode 'none' without a
// refusal). Off-topic and personnel questions are refused on purpose and are no gap of the corpus.
const UNANSWERED = `(q.refusal = 'not-covered' OR (q.mode = 'none' AND q.refusal IS NULL))`;

/** Counts per week (Monday, in `timeZone`) over the last `weeks` weeks up to `now`, oldest first. */
export async function questionGapWeeks(
  q: Queryable,
  options: { now: Date; timeZone: string; weeks: number },
): Promise<QuestionGapWeek[]> {
  const since = new Date(options.now.getTime() - options.weeks * 7 * 86_400_000);
  const { rows } = await q.query<{ week: string; unanswered: string; disliked: string }>(
    `WITH gaps AS (
       SELECT q.created_at AS at, 'unanswered' AS kind FROM questions q WHERE ${UNANSWERED} AND q.created_at >= $1
       UNION ALL
       SELECT f.created_at, 'disliked' FROM answer_feedback f WHERE NOT f.helpful AND f.created_at >= $1)
     SELECT to_char(date_trunc('week', at AT TIME ZONE $2), 'YYYY-MM-DD') AS week,
            count(*) FILTER (WHERE kind = 'unanswered') AS unanswered,
            count(*) FILTER (WHERE kind = 'disliked') AS disliked
       FROM gaps GROUP BY 1 ORDER BY 1`,
    [since, options.timeZone],
  );
  return rows.map((r) => ({ week: r.week, unanswered: Number(r.unanswered), disliked: Number(r.disliked) }));
}

/** The latest `limit` of each kind, newest first. */
export async function latestQuestionGaps(q: Queryable, limit: number): Promise<QuestionGap[]> {
  const { rows } = await q.query<{ kind: QuestionGap["kind"]; question: string; language: string; at: Date }>(
    `(SELECT 'unanswered' AS kind, q.question, q.language, q.created_at AS at
        FROM questions q WHERE ${UNANSWERED} ORDER BY q.created_at DESC, q.id DESC LIMIT $1)
     UNION ALL
     (SELECT 'disliked', q.question, q.language, f.created_at
        FROM answer_feedback f JOIN questions q ON q.id = f.question_id
       WHERE NOT f.helpful ORDER BY f.created_at DESC LIMIT $1)
     ORDER BY at DESC`,
    [limit],
  );
  return rows.map((r) => ({ kind: r.kind, question: r.question, language: r.language, at: r.at }));
}
