import pgvector from "pgvector";
import type { Lang } from "../config.ts";
import type { Queryable } from "../db/pool.ts";
import type { StoredDimensions } from "./embeddings.ts";
import type { DocumentMeta, Validity } from "./loaders.ts";

export type StoredDocument = { path: string; sizeBytes: number; mtimeMs: number; checksum: string };

/** What the index holds: which model made its vectors, the layout of its search text, and a change counter. */
export type IndexState = { model: string; dimensions: number; format: number; version: string };

/** One document of the index, as the retriever keeps it in memory (a few dozen rows). */
export type CatalogDocument = {
  path: string;
  docId: string;
  title: string;
  shortTitle: string;
  number: string;
  issuedOn: string;
  language: Lang;
  kind: "document" | "gaps";
  validity: Validity | undefined;
  sources: string[];
};

export type NewChunk = {
  ordinal: number;
  language: Lang;
  section: string;
  heading: string;
  content: string;
  searchHeading: string;
  searchText: string;
  embedding: number[];
};

/** The vector column for each stored dimension (migration 0030). Never built from input: a fixed map. */
const VECTOR_COLUMN: Record<StoredDimensions, string> = { 1536: "embedding", 384: "embedding_local" };

export async function getIndexState(q: Queryable): Promise<IndexState | undefined> {
  const { rows } = await q.query<{ model: string; dimensions: number; format: number; version: string }>(
    "SELECT model, dimensions, format, version FROM embedding_index WHERE singleton",
  );
  const row = rows[0];
  return row ? { ...row, version: String(row.version) } : undefined;
}

/** The model and dimension only (kept for callers that do not care about the format or version). */
export async function getIndexModel(q: Queryable): Promise<{ model: string; dimensions: number } | undefined> {
  const state = await getIndexState(q);
  return state ? { model: state.model, dimensions: state.dimensions } : undefined;
}

/** Empties the index and records what will fill it: vectors of two models never share the index. */
export async function resetIndex(q: Queryable, model: string, dimensions: number, format: number): Promise<void> {
  await setIndexModel(q, model, dimensions, format);
  await q.query("DELETE FROM documents");
}

export async function setIndexModel(q: Queryable, model: string, dimensions: number, format: number): Promise<void> {
  await q.query(
    `INSERT INTO embedding_index (singleton, model, dimensions, format) VALUES (true, $1, $2, $3)
     ON CONFLICT (singleton) DO UPDATE
       SET model = EXCLUDED.model, dimensions = EXCLUDED.dimensions, format = EXCLUDED.format, updated_at = now()`,
    [model, dimensions, format],
  );
}

export async function listDocuments(q: Queryable): Promise<Map<string, StoredDocument>> {
  const { rows } = await q.query<{ path: string; size_bytes: string; mtime_ms: number; checksum: string }>(
    "SELECT path, size_bytes, mtime_ms, checksum FROM documents",
  );
  return new Map(
    rows.map((r) => [
      r.path,
      { path: r.path, sizeBytes: Number(r.size_bytes), mtimeMs: r.mtime_ms, checksum: r.checksum },
    ]),
  );
}

export async function countChunks(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: string }>("SELECT count(*) AS n FROM chunks");
  return Number(rows[0]?.n ?? 0);
}

/** Every document with what a source line needs; small (one row per file), cached by the retriever. */
export async function listCatalog(q: Queryable): Promise<CatalogDocument[]> {
  const { rows } = await q.query<{
    path: string;
    doc_id: string;
    title: string;
    short_title: string;
    number: string;
    issued_on: string;
    language: Lang;
    kind: "document" | "gaps";
    validity: Validity | null;
    sources: string[];
  }>(
    `SELECT path, doc_id, title, short_title, number, issued_on, language, kind, validity, sources
       FROM documents ORDER BY path`,
  );
  return rows.map((r) => ({
    path: r.path,
    docId: r.doc_id,
    title: r.title,
    shortTitle: r.short_title,
    number: r.number,
    issuedOn: r.issued_on,
    language: r.language,
    kind: r.kind,
    validity: r.validity ?? undefined,
    sources: r.sources,
  }));
}

/** Rows per INSERT statement: few round trips, and a statement small enough for the embedded database. */
const INSERT_BATCH = 50;

/** Replaces a document and all its chunks. Call inside a transaction: the checksum lands with the chunks. */
export async function replaceDocument(
  tx: Queryable,
  doc: { path: string; meta: DocumentMeta; sizeBytes: number; mtimeMs: number; checksum: string },
  chunks: NewChunk[],
  storedDimensions: StoredDimensions,
): Promise<void> {
  const column = VECTOR_COLUMN[storedDimensions];
  await tx.query("DELETE FROM documents WHERE path = $1", [doc.path]);
  await tx.query(
    `INSERT INTO documents (path, doc_id, title, short_title, number, issuer, issued_on, language, sources,
                            size_bytes, mtime_ms, checksum, chunk_count, kind, validity)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      doc.path,
      doc.meta.docId,
      doc.meta.title,
      doc.meta.shortTitle,
      doc.meta.number,
      doc.meta.issuer,
      doc.meta.issuedOn,
      doc.meta.language,
      JSON.stringify(doc.meta.sources),
      doc.sizeBytes,
      doc.mtimeMs,
      doc.checksum,
      chunks.length,
      doc.meta.kind,
      doc.meta.validity ? JSON.stringify(doc.meta.validity) : null,
    ],
  );
  for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
    const batch = chunks.slice(start, start + INSERT_BATCH);
    const params: unknown[] = [];
    const rows = batch.map((chunk) => {
      params.push(
        doc.path,
        chunk.ordinal,
        chunk.language,
        chunk.section,
        chunk.heading,
        chunk.content,
        chunk.searchHeading,
        chunk.searchText,
        pgvector.toSql(chunk.embedding),
      );
      const n = params.length;
      const p = (i: number) => `$${n - 8 + i}`;
      return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::vector)`;
    });
    await tx.query(
      `INSERT INTO chunks (document_path, ordinal, language, section, heading, content, search_heading, search_text,
                           ${column})
       VALUES ${rows.join(", ")}`,
      params,
    );
  }
}

/** Updates the planner's statistics of the index tables (ANALYZE): run after an ingest changed them. */
export async function analyzeIndex(q: Queryable): Promise<void> {
  await q.query("ANALYZE documents, chunks");
}

/** Records a new mtime for a file whose content did not change, so the next run skips it without reading. */
export async function touchDocument(q: Queryable, path: string, sizeBytes: number, mtimeMs: number): Promise<void> {
  await q.query("UPDATE documents SET size_bytes = $2, mtime_ms = $3 WHERE path = $1", [path, sizeBytes, mtimeMs]);
}

export async function removeDocuments(q: Queryable, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await q.query("DELETE FROM documents WHERE path = ANY($1::text[])", [paths]);
}

export type Ranked = { id: string; language: Lang; score: number };

/** Nearest chunks by cosine distance. ORDER BY distance LIMIT k is the shape that lets HNSW serve it. */
export async function vectorSearch(
  q: Queryable,
  storedDimensions: StoredDimensions,
  embedding: number[],
  limit: number,
): Promise<Ranked[]> {
  const column = VECTOR_COLUMN[storedDimensions];
  const { rows } = await q.query<{ id: string; language: Lang; distance: number }>(
    `SELECT id, language, ${column} <=> $1::vector AS distance FROM chunks ORDER BY ${column} <=> $1::vector LIMIT $2`,
    [pgvector.toSql(embedding), limit],
  );
  return rows.map((r) => ({ id: String(r.id), language: r.language, score: 1 - Number(r.distance) }));
}

/**
 * A question's words for full-text scoring, each a tsquery made by the retriever from folded tokens only
 * ("hoi", "zjazd:*"), with its IDF weight; `heading` is the same word restricted to the weighted heading part
 * ("hoi:A"); `pairs` are adjacent question words side by side ("chi <-> bo").
 */
export type TextQuery = {
  /** The words that select candidates (the rarest ones, so that ranking never scans most of the index). */
  select: string[];
  terms: { query: string; heading: string; weight: number }[];
  pairs: { query: string; weight: number }[];
  /** Documents the question names ("Chỉ thị 45"): their chunks get `documentBonus`. */
  documents: string[];
  documentBonus: number;
};

/** Candidate rows read before scoring, at most: a bound on the work of one query whatever the corpus. */
export const TEXT_CANDIDATE_ROWS = 1000;
/** Candidates ranked by their words that then get the full score. */
export const RESCORED_ROWS = 60;

/**
 * Builds the scoring expression: Σ weight of the words a chunk contains (matched), plus half as much again for
 * words in its heading, for adjacent question words side by side, and a bonus for a named document. Every value
 * is a parameter; only placeholders are generated.
 */
function scoreSql(query: TextQuery, params: unknown[], what: "matched" | "bonus" | "score" = "score"): string {
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const parts: string[] = [];
  if (what !== "bonus") {
    parts.push(
      ...query.terms.map(
        (t) => `(CASE WHEN search_tsv @@ ${param(t.query, "tsquery")} THEN ${param(t.weight, "float8")} ELSE 0 END)`,
      ),
    );
  }
  if (what !== "matched") {
    parts.push(
      ...query.terms.map(
        (t) =>
          `(CASE WHEN search_tsv @@ ${param(t.heading, "tsquery")} THEN ${param(t.weight * 0.5, "float8")} ELSE 0 END)`,
      ),
      ...query.pairs.map(
        (p) => `(CASE WHEN search_tsv @@ ${param(p.query, "tsquery")} THEN ${param(p.weight, "float8")} ELSE 0 END)`,
      ),
    );
    if (query.documents.length) {
      parts.push(
        `(CASE WHEN document_path = ANY(${param(query.documents, "text[]")}) THEN ${param(query.documentBonus, "float8")} ELSE 0 END)`,
      );
    }
  }
  return parts.length ? parts.join(" + ") : "0";
}

/**
 * Full-text candidates, best first by the IDF-weighted score. The rows come from the GIN index through the
 * selecting words only, at most TEXT_CANDIDATE_ROWS of them; they are ranked by the words they contain, and only
 * the best RESCORED_ROWS get the full score (headings, adjacent pairs, a named document) — every check reads the
 * row's tsvector, so scoring every candidate fully cost three times as much for the same order at the top.
 * Never ts_rank_cd over every row that shares a common word with the question (that was 3/4 of the query time).
 */
export async function textSearch(q: Queryable, query: TextQuery, limit: number): Promise<Ranked[]> {
  if (query.select.length === 0 || query.terms.length === 0) return [];
  const params: unknown[] = [];
  const matched = scoreSql(query, params, "matched");
  params.push(query.select.join(" | "), TEXT_CANDIDATE_ROWS, RESCORED_ROWS);
  const n = params.length;
  const bonus = scoreSql(query, params, "bonus");
  params.push(limit);
  const { rows } = await q.query<{ id: string; language: Lang; score: number }>(
    `SELECT id, language, matched + ${bonus} AS score
       FROM (SELECT id, language, document_path, search_tsv, ${matched} AS matched
               FROM (SELECT id, language, document_path, search_tsv FROM chunks
                      WHERE search_tsv @@ $${n - 2}::tsquery LIMIT $${n - 1}) AS candidates
              ORDER BY matched DESC, id
              LIMIT $${n}) AS best
      ORDER BY score DESC, id
      LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({ id: String(r.id), language: r.language, score: Number(r.score) }));
}

export type ChunkRow = {
  id: string;
  documentPath: string;
  language: Lang;
  section: string;
  heading: string;
  content: string;
  /** Σ weight of the question's own words the chunk contains (for its coverage). */
  matched: number;
  /** The full-text score (as in textSearch), 0 without a query. */
  score: number;
  /** Cosine similarity to the question's vector, when one was given. */
  similarity: number | undefined;
};

/**
 * The candidates of both searches, scored alike: the full-text score and the question's matched weight for
 * every one of them (also those only the vector search found), and the cosine similarity for every one (also
 * those only the text search found). At most a few dozen rows, fetched by primary key.
 */
export async function getChunks(
  q: Queryable,
  ids: string[],
  scoring?: {
    query: TextQuery;
    ownTerms: number;
    vector?: { storedDimensions: StoredDimensions; embedding: number[] };
  },
): Promise<Map<string, ChunkRow>> {
  if (ids.length === 0) return new Map();
  const params: unknown[] = [];
  let matched = "0";
  let score = "0";
  let similarity = "NULL::float8";
  if (scoring && scoring.query.terms.length) {
    score = scoreSql(scoring.query, params);
    matched = scoreSql({ ...scoring.query, terms: scoring.query.terms.slice(0, scoring.ownTerms) }, params, "matched");
  }
  if (scoring?.vector) {
    params.push(pgvector.toSql(scoring.vector.embedding));
    similarity = `1 - (${VECTOR_COLUMN[scoring.vector.storedDimensions]} <=> $${params.length}::vector)`;
  }
  params.push(ids);
  const { rows } = await q.query<{
    id: string;
    document_path: string;
    language: Lang;
    section: string;
    heading: string;
    content: string;
    matched: number;
    score: number;
    similarity: number | null;
  }>(
    `SELECT id, document_path, language, section, heading, content, ${matched} AS matched, ${score} AS score,
            ${similarity} AS similarity
       FROM chunks WHERE id = ANY($${params.length}::bigint[])`,
    params,
  );
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        documentPath: r.document_path,
        language: r.language,
        section: r.section,
        heading: r.heading,
        content: r.content,
        matched: Number(r.matched),
        score: Number(r.score),
        similarity: r.similarity === null ? undefined : Number(r.similarity),
      },
    ]),
  );
}

/** Chunks of a document edition by section path ("Chỉ thị 45-CT/TW › III › 1" less its root): curated sources. */
export async function findSections(
  q: Queryable,
  wanted: { docId: string; section: string }[],
  lang: Lang,
): Promise<ChunkRow[]> {
  if (wanted.length === 0) return [];
  const { rows } = await q.query<{
    id: string;
    document_path: string;
    language: Lang;
    section: string;
    heading: string;
    content: string;
    doc_id: string;
    path: string;
  }>(
    `SELECT c.id, c.document_path, c.language, c.section, c.heading, c.content, d.doc_id,
            array_to_string((string_to_array(c.section, ' › '))[2:], ' › ') AS path
       FROM chunks c JOIN documents d ON d.path = c.document_path
      WHERE (d.doc_id, array_to_string((string_to_array(c.section, ' › '))[2:], ' › '))
            IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY (c.language = $3) DESC, c.language = 'vi' DESC, c.ordinal`,
    [wanted.map((w) => w.docId), wanted.map((w) => w.section), lang],
  );
  // One chunk per wanted section (its first piece), in the asker's language when that edition exists.
  const out: ChunkRow[] = [];
  for (const w of wanted) {
    const row = rows.find((r) => r.doc_id === w.docId && r.path === w.section);
    if (!row) continue;
    out.push({
      id: String(row.id),
      documentPath: row.document_path,
      language: row.language,
      section: row.section,
      heading: row.heading,
      content: row.content,
      matched: 0,
      score: 0,
      similarity: undefined,
    });
  }
  return out;
}

/** In how many chunks each folded word occurs (for IDF weights), from the stored tsvectors. */
export async function termDocumentFrequencies(q: Queryable): Promise<Map<string, number>> {
  const { rows } = await q.query<{ word: string; ndoc: number }>(
    "SELECT word, ndoc FROM ts_stat('SELECT search_tsv FROM chunks')",
  );
  return new Map(rows.map((r) => [r.word, Number(r.ndoc)]));
}
