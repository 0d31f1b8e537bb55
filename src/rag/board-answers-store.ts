import pgvector from "pgvector";
import type { Lang } from "../config.ts";
import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { CLOSE_MATCH, createMatcher, LANGS } from "./curated.ts";
import { padVector, type IndexedEmbeddings } from "./embeddings.ts";
import { foldText } from "./normalize.ts";
import { searchTokens } from "./question.ts";

/**
 * Board answers published to everyone: curated answers of kind 'board' (migration 0050), each the answer to one
 * question of the Board's queue, in the language it was written in, cited as the Board's answer of its date.
 * Every change goes to curated_answer_history with the row as it was; each is indexed like the corpus (folded
 * full text and an embedding) in curated_answer_index. `by` says who ("telegram:<id>").
 */

export type BoardAnswer = {
  id: string;
  boardQuestionId: string;
  language: Lang;
  question: string;
  text: string;
  answeredOn: string;
  status: "published" | "withdrawn";
  supersedes: { doc: string; section: string } | null;
  updatedAt: Date;
};

type Row = {
  id: string;
  board_question_id: string;
  variants: Record<Lang, string[]>;
  texts: Partial<Record<Lang, string>>;
  answered_on: string;
  status: "published" | "withdrawn";
  supersedes: { doc: string; section: string } | null;
  updated_at: Date;
  sources: unknown;
  confidence: string;
  facts: string[];
};

const COLUMNS =
  "id, board_question_id, variants, texts, to_char(answered_on, 'YYYY-MM-DD') AS answered_on, status, supersedes, updated_at, sources, confidence, facts";

function languageOf(texts: Row["texts"]): Lang {
  return LANGS.find((l) => texts[l]) ?? "vi";
}

function toAnswer(r: Row): BoardAnswer {
  const language = languageOf(r.texts);
  return {
    id: String(r.id),
    boardQuestionId: String(r.board_question_id),
    language,
    question: r.variants[language]?.[0] ?? "",
    text: r.texts[language] ?? "",
    answeredOn: r.answered_on,
    status: r.status,
    supersedes: r.supersedes,
    updatedAt: r.updated_at,
  };
}

async function history(tx: Queryable, r: Row, action: "add" | "edit" | "supersede", by: string, note?: string) {
  await tx.query(
    "INSERT INTO curated_answer_history (answer_id, action, changed_by, previous, note) VALUES ($1, $2, $3, $4, $5)",
    [
      r.id,
      action,
      by,
      action === "add"
        ? null
        : JSON.stringify({
            texts: r.texts,
            variants: r.variants,
            sources: r.sources,
            confidence: r.confidence,
            facts: r.facts,
            status: r.status,
            supersedes: r.supersedes,
          }),
      note ?? null,
    ],
  );
}

/** What a Board answer is found by: its question and its answer, folded (diacritics optional). */
function searchText(question: string, text: string): string {
  return foldText(`${question}\n${text}`);
}

type Vector = { model: string; storedDimensions: 384 | 1536; vector: number[] };

async function embed(embeddings: IndexedEmbeddings, question: string): Promise<Vector> {
  // The question is what the next asker's question is compared with; the answer's words only widen full text.
  const [vector] = await embeddings.embedDocuments([question]);
  return {
    model: embeddings.modelId,
    storedDimensions: embeddings.storedDimensions,
    vector: embeddings.storedDimensions === 1536 ? padVector(vector!) : vector!,
  };
}

async function writeIndex(tx: Queryable, answerId: string, question: string, text: string, v: Vector) {
  const column = v.storedDimensions === 1536 ? "embedding" : "embedding_local";
  const other = v.storedDimensions === 1536 ? "embedding_local" : "embedding";
  await tx.query(
    `INSERT INTO curated_answer_index (answer_id, model, search_text, ${column}) VALUES ($1, $2, $3, $4::vector)
     ON CONFLICT (answer_id) DO UPDATE SET model = EXCLUDED.model, search_text = EXCLUDED.search_text,
            ${column} = EXCLUDED.${column}, ${other} = NULL`,
    [answerId, v.model, searchText(question, text), pgvector.toSql(v.vector)],
  );
}

async function lockRow(tx: Queryable, boardQuestionId: string): Promise<Row | undefined> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM curated_answers WHERE board_question_id = $1 AND kind = 'board' FOR UPDATE`,
    [boardQuestionId],
  );
  return rows[0];
}

export async function boardAnswerOf(q: Queryable, boardQuestionId: string): Promise<BoardAnswer | undefined> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM curated_answers WHERE board_question_id = $1 AND kind = 'board'`,
    [boardQuestionId],
  );
  return rows[0] ? toAnswer(rows[0]) : undefined;
}

/**
 * Publishes a Board answer (or publishes it again after a withdrawal): the curated answer, its history row and its
 * index row in one transaction. The embedding is computed before the transaction (it may be a network call).
 */
export async function publishBoardAnswer(
  pool: Pool,
  embeddings: IndexedEmbeddings,
  input: { boardQuestionId: string; language: Lang; question: string; text: string; answeredOn: string },
  by: string,
): Promise<{ answer: BoardAnswer; created: boolean }> {
  const vector = await embed(embeddings, input.question);
  return withTransaction(pool, async (tx) => {
    const existing = await lockRow(tx, input.boardQuestionId);
    if (existing) {
      if (existing.status === "published") return { answer: toAnswer(existing), created: false };
      const { rows } = await tx.query<Row>(
        `UPDATE curated_answers SET status = 'published', updated_by = $2, updated_at = now() WHERE id = $1
         RETURNING ${COLUMNS}`,
        [existing.id, by],
      );
      await tx.query(
        "INSERT INTO curated_answer_history (answer_id, action, changed_by, previous) VALUES ($1, 'publish', $2, $3)",
        [
          existing.id,
          by,
          JSON.stringify({ texts: existing.texts, variants: existing.variants, status: existing.status }),
        ],
      );
      return { answer: toAnswer(rows[0]!), created: false };
    }
    const variants = Object.fromEntries(LANGS.map((l) => [l, l === input.language ? [input.question] : []]));
    const { rows } = await tx.query<Row>(
      `INSERT INTO curated_answers (key, variants, texts, sources, confidence, origin, kind, board_question_id,
                                    answered_on, created_by, updated_by)
       VALUES ($1, $2, $3, '[]', 'high', 'board', 'board', $4, $5, $6, $6) RETURNING ${COLUMNS}`,
      [
        `board-q-${input.boardQuestionId}`,
        JSON.stringify(variants),
        JSON.stringify({ [input.language]: input.text }),
        input.boardQuestionId,
        input.answeredOn,
        by,
      ],
    );
    const row = rows[0]!;
    await history(tx, row, "add", by);
    await writeIndex(tx, row.id, input.question, input.text, vector);
    return { answer: toAnswer(row), created: true };
  });
}

/** Corrects a published (or withdrawn) Board answer's text: the old one to history, the index rewritten. */
export async function editBoardAnswer(
  pool: Pool,
  embeddings: IndexedEmbeddings,
  boardQuestionId: string,
  text: string,
  by: string,
): Promise<BoardAnswer> {
  const current = await boardAnswerOf(pool, boardQuestionId);
  if (!current) throw new AppError(`question ${boardQuestionId} has no published answer`);
  const vector = await embed(embeddings, current.question);
  return withTransaction(pool, async (tx) => {
    const before = (await lockRow(tx, boardQuestionId))!;
    const language = languageOf(before.texts);
    const { rows } = await tx.query<Row>(
      `UPDATE curated_answers SET texts = $2, updated_by = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [before.id, JSON.stringify({ ...before.texts, [language]: text }), by],
    );
    await history(tx, before, "edit", by);
    await writeIndex(tx, before.id, current.question, text, vector);
    return toAnswer(rows[0]!);
  });
}

/** Marks a Board answer as superseding a corpus passage (or clears it with `null`); kept in history. */
export async function setSupersedes(
  pool: Pool,
  boardQuestionId: string,
  passage: { doc: string; section: string } | null,
  by: string,
): Promise<BoardAnswer> {
  return withTransaction(pool, async (tx) => {
    const before = await lockRow(tx, boardQuestionId);
    if (!before) throw new AppError(`question ${boardQuestionId} has no published answer`);
    const { rows } = await tx.query<Row>(
      `UPDATE curated_answers SET supersedes = $2, updated_by = $3, updated_at = now() WHERE id = $1
       RETURNING ${COLUMNS}`,
      [before.id, passage ? JSON.stringify(passage) : null, by],
    );
    await history(tx, before, "supersede", by);
    return toAnswer(rows[0]!);
  });
}

/** The curated answer's id of a Board answer (withdraw and publish again go through curated-store). */
export async function curatedIdOf(q: Queryable, boardQuestionId: string): Promise<string | undefined> {
  return (await boardAnswerOf(q, boardQuestionId))?.id;
}

export type BoardHit = {
  answer: BoardAnswer;
  /** Dice of the question with the Board's question (folded words and pairs), 0–1. */
  wording: number;
  /** Cosine similarity of the two questions' embeddings, 0–1. */
  similarity: number;
  /** Share of the question's content words found in the Board answer's full text. */
  coverage: number;
  close: boolean;
};

/**
 * With an embedding that only measures shared wording (local), a question this similar asks the same thing…
 * (measured: "…kéo dài bao lâu?" against "…có được kéo dài sang buổi chiều không?" is 0.67 — another question.)
 */
export const LOCAL_CLOSE_SIMILARITY = 0.75;
/** …and with a semantic one (OpenAI). */
export const SEMANTIC_CLOSE_SIMILARITY = 0.8;
/** Either way, at least this share of the question's words must be in the Board's question or answer. */
export const CLOSE_COVERAGE = 0.5;
/** Candidates compared in full: the nearest by vector and the best by full text. */
const CANDIDATES = 5;

/**
 * Finds the published Board answer a question asks for: candidates by vector (the question's embedding against
 * each Board question's) and by full text (its folded words), then scored on wording, similarity and coverage.
 * Close when the wording matches as closely as a curated answer must, or when the embedding says it is the same
 * question and most of its words are in the Board's text.
 */
export function createBoardAnswerMatcher(deps: { pool: Pool; embeddings: IndexedEmbeddings; logger?: Logger }) {
  const { pool, embeddings } = deps;
  const closeSimilarity = embeddings.semantic ? SEMANTIC_CLOSE_SIMILARITY : LOCAL_CLOSE_SIMILARITY;

  async function candidates(question: string, lang: Lang) {
    const tokens = [...new Set(searchTokens(question, lang))].filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
    let vector: number[] | undefined;
    try {
      const v = await embeddings.embedQuery(question);
      vector = embeddings.storedDimensions === 1536 ? padVector(v) : v;
    } catch (error) {
      // The embedding service down: full text alone still finds the Board's answer.
      deps.logger?.warn({ err: error }, "could not embed the question for Board answers; full text only");
    }
    const column = embeddings.storedDimensions === 1536 ? "i.embedding" : "i.embedding_local";
    const { rows } = await pool.query<Row & { search_text: string; similarity: number | null }>(
      `WITH published AS (
         SELECT c.id, i.search_text, i.search_tsv, i.model, ${column} AS vec
           FROM curated_answers c JOIN curated_answer_index i ON i.answer_id = c.id
          WHERE c.kind = 'board' AND c.status = 'published'),
       by_vector AS (
         SELECT id FROM published WHERE $1::vector IS NOT NULL AND model = $2 AND vec IS NOT NULL
          ORDER BY vec <=> $1::vector LIMIT $4),
       by_text AS (
         SELECT id FROM published WHERE $3::text <> '' AND search_tsv @@ to_tsquery('simple', $3)
          ORDER BY ts_rank(search_tsv, to_tsquery('simple', $3)) DESC LIMIT $4)
       SELECT c.id, c.board_question_id, c.variants, c.texts, to_char(c.answered_on, 'YYYY-MM-DD') AS answered_on,
              c.status, c.supersedes, c.updated_at, c.sources, c.confidence, c.facts, p.search_text,
              CASE WHEN p.model = $2 AND p.vec IS NOT NULL AND $1::vector IS NOT NULL
                   THEN 1 - (p.vec <=> $1::vector) END AS similarity
         FROM published p JOIN curated_answers c ON c.id = p.id
        WHERE p.id IN (SELECT id FROM by_vector UNION SELECT id FROM by_text)`,
      [vector ? pgvector.toSql(vector) : null, embeddings.modelId, tokens.join(" | "), CANDIDATES],
    );
    return rows;
  }

  return {
    async match(question: string, lang: Lang): Promise<BoardHit | undefined> {
      // No published Board answer yet (the usual case early on): no embedding call for nothing.
      const { rows: any } = await pool.query<{ found: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM curated_answers WHERE kind = 'board' AND status = 'published') AS found",
      );
      if (!any[0]?.found) return undefined;
      const rows = await candidates(question, lang);
      if (rows.length === 0) return undefined;
      const answers = rows.map((r) => ({ ...toAnswer(r), variants: r.variants, searchText: r.search_text }));
      const words = [...new Set(searchTokens(question, lang))];
      let best: BoardHit | undefined;
      for (const [i, a] of answers.entries()) {
        const wording = createMatcher([a])(question, lang)?.score ?? 0;
        const haystack = new Set(a.searchText.match(/[\p{L}\p{N}]+/gu) ?? []);
        const coverage = words.length ? words.filter((w) => haystack.has(w)).length / words.length : 0;
        const similarity = Math.max(0, Number(rows[i]!.similarity ?? 0));
        const close = wording >= CLOSE_MATCH || (similarity >= closeSimilarity && coverage >= CLOSE_COVERAGE);
        const hit: BoardHit = { answer: a, wording, similarity, coverage, close };
        const rank = (h: BoardHit) => (h.close ? 2 : 0) + Math.max(h.wording, h.similarity);
        if (!best || rank(hit) > rank(best)) best = hit;
      }
      return best;
    },
    /** The published Board answers that supersede any of `passages` (by document and section path). */
    async superseding(passages: { docId: string; section: string }[]): Promise<BoardAnswer[]> {
      if (passages.length === 0) return [];
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM curated_answers
          WHERE kind = 'board' AND status = 'published' AND supersedes IS NOT NULL
            AND (supersedes->>'doc') || '#' || (supersedes->>'section') = ANY($1::text[])`,
        [passages.map((p) => `${p.docId}#${p.section.split(" › ").slice(1).join(" › ")}`)],
      );
      return rows.map(toAnswer);
    },
  };
}

export type BoardAnswerMatcher = ReturnType<typeof createBoardAnswerMatcher>;
