import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Lang } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Logger } from "../logger.ts";
import { getChunks, getIndexModel, textSearch, vectorSearch } from "./chunk-store.ts";
import type { IndexedEmbeddings } from "./embeddings.ts";
import { reciprocalRankFusion } from "./fusion.ts";
import { contentTokens, tokenize } from "./normalize.ts";

export type RetrievedChunk = {
  id: string;
  docId: string;
  title: string;
  number: string;
  section: string;
  heading: string;
  text: string;
  language: Lang;
  sources: string[];
  /** Fused rank score (higher is better); comparable only within one query. */
  score: number;
  /** Share of the question's content words found in the chunk (0–1): an absolute measure of relevance. */
  coverage: number;
  /** Cosine similarity of the embeddings (0–1), when the vector search found this chunk. */
  similarity: number | undefined;
};

export type RetrieveOptions = { lang: Lang; limit?: number };

export type RetrieverDeps = { pool: Pool; embeddings: IndexedEmbeddings; logger?: Logger };

const CANDIDATES_PER_LIST = 30;
// A chunk in another language than the question still counts, at this share of its fused score.
const OTHER_LANGUAGE_FACTOR = 0.5;

/**
 * Hybrid retrieval: vector search and full-text search over folded text, fused by reciprocal rank fusion,
 * chunks in the asker's language preferred. Diacritic-insensitive because both sides are folded.
 */
export class CorpusRetriever extends BaseRetriever {
  override lc_namespace = ["daihoi", "retrievers"];
  private readonly deps: RetrieverDeps;
  private readonly defaultLang: Lang;

  constructor(deps: RetrieverDeps, fields: BaseRetrieverInput & { lang?: Lang } = {}) {
    super(fields);
    this.deps = deps;
    this.defaultLang = fields.lang ?? "vi";
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const chunks = await this.retrieve(query, { lang: this.defaultLang });
    return chunks.map(
      (c) =>
        new Document({
          pageContent: c.text,
          metadata: { ...c, text: undefined },
          id: c.id,
        }),
    );
  }

  /** Vector candidates; if the embedding service fails, text search alone must still answer. */
  private async searchByVector(query: string) {
    let vector: number[];
    try {
      vector = await this.deps.embeddings.embedQuery(query);
    } catch (error) {
      this.deps.logger?.warn({ err: error }, "query embedding failed; using text search only");
      return [];
    }
    return vectorSearch(this.deps.pool, vector, CANDIDATES_PER_LIST);
  }

  async retrieve(query: string, options: RetrieveOptions): Promise<RetrievedChunk[]> {
    const { pool, embeddings, logger } = this.deps;
    const limit = options.limit ?? 5;
    const terms = contentTokens(query, options.lang);
    const indexModel = await getIndexModel(pool);
    const vectorUsable = indexModel?.model === embeddings.modelId;
    if (!vectorUsable && indexModel) {
      logger?.warn(
        { index: indexModel.model, configured: embeddings.modelId },
        "index made by another model: text search only until re-ingested",
      );
    }
    const [byVector, byText] = await Promise.all([
      vectorUsable ? this.searchByVector(query) : [],
      textSearch(pool, terms.length ? terms : tokenize(query), CANDIDATES_PER_LIST),
    ]);
    const fused = reciprocalRankFusion([byVector.map((r) => r.id), byText.map((r) => r.id)]);
    const similarity = new Map(byVector.map((r) => [r.id, r.score]));
    const rows = await getChunks(pool, [...fused.keys()]);
    const results: RetrievedChunk[] = [];
    for (const [id, fusedScore] of fused) {
      const row = rows.get(id);
      if (!row) continue;
      const chunkTokens = new Set(tokenize(row.searchText));
      const coverage = terms.length ? terms.filter((t) => chunkTokens.has(t)).length / terms.length : 0;
      const languageFactor = row.language === options.lang ? 1 : OTHER_LANGUAGE_FACTOR;
      results.push({
        id,
        docId: row.docId,
        title: row.title,
        number: row.number,
        section: row.section,
        heading: row.heading,
        text: row.content,
        language: row.language,
        sources: row.sources,
        score: fusedScore * languageFactor,
        coverage,
        similarity: similarity.get(id),
      });
    }
    results.sort((a, b) => b.score - a.score || b.coverage - a.coverage);
    return results.slice(0, limit);
  }
}
