import pgvector from "pgvector";
import type { Lang } from "../config.ts";
import type { Queryable } from "../db/pool.ts";
import type { DocumentMeta } from "./loaders.ts";

export type StoredDocument = { path: string; sizeBytes: number; mtimeMs: number; checksum: string };

export type ChunkRow = {
  id: string;
  documentPath: string;
  docId: string;
  title: string;
  number: string;
  language: Lang;
  section: string;
  heading: string;
  content: string;
  searchText: string;
  sources: string[];
  /** The same section in the Vietnamese reference edition ("Chỉ thị 35-CT/TW › III › 1"), for other editions. */
  referenceSection: string | undefined;
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

export async function getIndexModel(q: Queryable): Promise<{ model: string; dimensions: number } | undefined> {
  const { rows } = await q.query<{ model: string; dimensions: number }>(
    "SELECT model, dimensions FROM embedding_index WHERE singleton",
  );
  return rows[0];
}

/** Empties the index and records the model that will fill it: vectors of two models never share the index. */
export async function resetIndex(q: Queryable, model: string, dimensions: number): Promise<void> {
  await q.query("DELETE FROM documents");
  await setIndexModel(q, model, dimensions);
}

export async function setIndexModel(q: Queryable, model: string, dimensions: number): Promise<void> {
  await q.query(
    `INSERT INTO embedding_index (singleton, model, dimensions) VALUES (true, $1, $2)
     ON CONFLICT (singleton) DO UPDATE SET model = EXCLUDED.model, dimensions = EXCLUDED.dimensions, updated_at = now()`,
    [model, dimensions],
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

/** Replaces a document and all its chunks. Call inside a transaction: the checksum lands with the chunks. */
export async function replaceDocument(
  tx: Queryable,
  doc: { path: string; meta: DocumentMeta; sizeBytes: number; mtimeMs: number; checksum: string },
  chunks: NewChunk[],
): Promise<void> {
  await tx.query("DELETE FROM documents WHERE path = $1", [doc.path]);
  await tx.query(
    `INSERT INTO documents (path, doc_id, title, short_title, number, issuer, issued_on, language, sources,
                            size_bytes, mtime_ms, checksum, chunk_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
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
    ],
  );
  for (const chunk of chunks) {
    await tx.query(
      `INSERT INTO chunks (document_path, ordinal, language, section, heading, content, search_heading, search_text,
                           embedding)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::vector)`,
      [
        doc.path,
        chunk.ordinal,
        chunk.language,
        chunk.section,
        chunk.heading,
        chunk.content,
        chunk.searchHeading,
        chunk.searchText,
        pgvector.toSql(chunk.embedding),
      ],
    );
  }
}

/** Records a new mtime for a file whose content did not change, so the next run skips it without reading. */
export async function touchDocument(q: Queryable, path: string, sizeBytes: number, mtimeMs: number): Promise<void> {
  await q.query("UPDATE documents SET size_bytes = $2, mtime_ms = $3 WHERE path = $1", [path, sizeBytes, mtimeMs]);
}

export async function removeDocuments(q: Queryable, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await q.query("DELETE FROM documents WHERE path = ANY($1::text[])", [paths]);
}

export type Ranked = { id: string; score: number };

/** Nearest chunks by cosine distance. ORDER BY distance LIMIT k is the shape that lets HNSW serve it. */
export async function vectorSearch(q: Queryable, embedding: number[], limit: number): Promise<Ranked[]> {
  const { rows } = await q.query<{ id: string; distance: number }>(
    `SELECT id, embedding <=> $1::vector AS distance FROM chunks ORDER BY embedding <=> $1::vector LIMIT $2`,
    [pgvector.toSql(embedding), limit],
  );
  return rows.map((r) => ({ id: String(r.id), score: 1 - Number(r.distance) }));
}

/**
 * Full-text search over the stored, folded tsvector. Terms are OR-ed (a question rarely repeats the text's exact
 * wording); ts_rank_cd rewards terms that appear close together.
 */
export async function textSearch(
  q: Queryable,
  terms: string[],
  limit: number,
  options: { prefix?: boolean } = {},
): Promise<Ranked[]> {
  const safe = terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  if (safe.length === 0) return [];
  // prefix: "zjazd:*" also matches zjazdu, zjazdy… (an inflected language with no stemmer in Postgres).
  const { rows } = await q.query<{ id: string; rank: number }>(
    `SELECT id, ts_rank_cd(search_tsv, query, 1) AS rank
       FROM chunks, to_tsquery('simple', $1) AS query
      WHERE search_tsv @@ query
      ORDER BY rank DESC, id
      LIMIT $2`,
    [safe.map((t) => (options.prefix ? `${t}:*` : t)).join(" | "), limit],
  );
  return rows.map((r) => ({ id: String(r.id), score: Number(r.rank) }));
}

export async function getChunks(q: Queryable, ids: string[]): Promise<Map<string, ChunkRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{
    id: string;
    document_path: string;
    doc_id: string;
    title: string;
    number: string;
    language: Lang;
    section: string;
    heading: string;
    content: string;
    search_text: string;
    sources: string[];
    reference_short: string | null;
  }>(
    `SELECT c.id, c.document_path, d.doc_id, d.title, d.number, c.language, c.section, c.heading, c.content,
            c.search_heading || ' ' || c.search_text AS search_text, d.sources,
            -- The Vietnamese edition of the same document (same id), whose section numbering this one mirrors.
            (SELECT v.short_title FROM documents v
              WHERE v.doc_id = d.doc_id AND v.language = 'vi' AND d.language <> 'vi'
              ORDER BY v.path LIMIT 1) AS reference_short
       FROM chunks c JOIN documents d ON d.path = c.document_path
      WHERE c.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        documentPath: r.document_path,
        docId: r.doc_id,
        title: r.title,
        number: r.number,
        language: r.language,
        section: r.section,
        heading: r.heading,
        content: r.content,
        searchText: r.search_text,
        sources: r.sources,
        referenceSection: r.reference_short
          ? [r.reference_short, ...r.section.split(" › ").slice(1)].join(" › ")
          : undefined,
      },
    ]),
  );
}

/** A cheap fingerprint of the index's content: changes whenever chunks are added or removed. */
export async function indexFingerprint(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ n: string; max: string | null }>("SELECT count(*) AS n, max(id) AS max FROM chunks");
  return `${rows[0]?.n}:${rows[0]?.max}`;
}

/** In how many chunks each folded word occurs (for IDF weights), from the stored tsvectors. */
export async function termDocumentFrequencies(q: Queryable): Promise<Map<string, number>> {
  const { rows } = await q.query<{ word: string; ndoc: number }>(
    "SELECT word, ndoc FROM ts_stat('SELECT search_tsv FROM chunks')",
  );
  return new Map(rows.map((r) => [r.word, Number(r.ndoc)]));
}
