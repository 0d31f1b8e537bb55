import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Lang } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Logger } from "../logger.ts";
import {
  getChunks,
  getIndexModel,
  indexFingerprint,
  termDocumentFrequencies,
  textSearch,
  vectorSearch,
  type ChunkRow,
} from "./chunk-store.ts";
import type { IndexedEmbeddings } from "./embeddings.ts";
import { reciprocalRankFusion } from "./fusion.ts";
import { contentTokens, stem, tokenize } from "./normalize.ts";

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
  /** Other editions: the Vietnamese section this one mirrors. */
  referenceSection: string | undefined;
  /** Fused rank score (higher is better); comparable only within one query. */
  score: number;
  /** IDF-weighted share of the question's content words found in the chunk (0–1): an absolute relevance measure. */
  coverage: number;
  /** Cosine similarity of the embeddings (0–1), when the vector search found this chunk. */
  similarity: number | undefined;
};

export type RetrieveOptions = { lang: Lang; limit?: number };

export type RetrieverDeps = { pool: Pool; embeddings: IndexedEmbeddings; logger?: Logger };

const CANDIDATES_PER_LIST = 30;
// Full-text search casts a wide net (any question word); the IDF-weighted re-scoring then picks the best.
const TEXT_CANDIDATES = 200;
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

  private stats: TermStats | undefined;

  /** Document frequencies, reloaded when the index changed (ingestion). */
  private async termStats() {
    const fingerprint = await indexFingerprint(this.deps.pool);
    if (this.stats?.fingerprint !== fingerprint) {
      const df = await termDocumentFrequencies(this.deps.pool);
      // Document frequencies of stems (an upper bound: the sum over the words sharing the stem).
      const stemDf = { pl: new Map<string, number>(), en: new Map<string, number>() };
      for (const [word, n] of df) {
        for (const lang of ["pl", "en"] as const) {
          const s = stem(word, lang);
          stemDf[lang].set(s, (stemDf[lang].get(s) ?? 0) + n);
        }
      }
      this.stats = { fingerprint, df, stemDf, total: Number(fingerprint.split(":")[0]) || 1 };
    }
    return this.stats;
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
    const [byVector, byText, stats] = await Promise.all([
      vectorUsable ? this.searchByVector(query) : [],
      options.lang === "pl"
        ? textSearch(pool, [...new Set(terms.map((t) => stem(t, "pl")))], TEXT_CANDIDATES, { prefix: true })
        : textSearch(pool, terms.length ? terms : tokenize(query), TEXT_CANDIDATES),
      this.termStats(),
    ]);
    const rows = await getChunks(pool, [...new Set([...byVector.map((r) => r.id), ...byText.map((r) => r.id)])]);
    const lexical = new Map<string, { score: number; coverage: number }>();
    for (const row of rows.values()) lexical.set(row.id, lexicalScore(terms, row, stats, options.lang));
    // The text list, re-ranked: words that are rare in the corpus count more (ts_rank has no IDF), and so do
    // adjacent pairs of question words found side by side (Vietnamese words are mostly two syllables).
    const textRanked = byText
      .map((r) => r.id)
      .filter((id) => (lexical.get(id)?.score ?? 0) > 0)
      .sort((a, b) => lexical.get(b)!.score - lexical.get(a)!.score)
      .slice(0, CANDIDATES_PER_LIST);
    const fused = reciprocalRankFusion([byVector.map((r) => r.id), textRanked]);
    const similarity = new Map(byVector.map((r) => [r.id, r.score]));
    const results: RetrievedChunk[] = [];
    for (const [id, fusedScore] of fused) {
      const row = rows.get(id);
      if (!row) continue;
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
        referenceSection: row.referenceSection,
        score: fusedScore * languageFactor,
        coverage: lexical.get(id)?.coverage ?? 0,
        similarity: similarity.get(id),
      });
    }
    results.sort((a, b) => b.score - a.score || b.coverage - a.coverage);
    return results.slice(0, limit);
  }
}

/**
 * IDF-weighted overlap of the question's content words with a chunk: Σ idf of the words it contains, plus the
 * pairs of adjacent question words it contains side by side, plus a bonus for words in its heading. `coverage`
 * is the share of the question's total IDF that the chunk contains; a word the corpus never uses has the highest
 * IDF, so a question about something the corpus lacks gets a low coverage.
 */
export type TermStats = {
  fingerprint: string;
  df: Map<string, number>;
  stemDf: { pl: Map<string, number>; en: Map<string, number> };
  total: number;
};

export function lexicalScore(
  queryTerms: string[],
  row: Pick<ChunkRow, "searchText" | "heading" | "section">,
  stats: Pick<TermStats, "df" | "total"> & Partial<Pick<TermStats, "stemDf">>,
  lang: Lang = "vi",
): { score: number; coverage: number } {
  if (queryTerms.length === 0) return { score: 0, coverage: 0 };
  const norm = (t: string) => stem(t, lang);
  const terms = queryTerms.map(norm);
  const tokens = tokenize(row.searchText).map(norm);
  const present = new Set(tokens);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) pairs.add(`${tokens[i]} ${tokens[i + 1]}`);
  const headingTokens = new Set(tokenize(`${row.section} ${row.heading}`).map(norm));
  const df = lang === "vi" ? stats.df : (stats.stemDf?.[lang] ?? stats.df);
  const idf = (t: string) => Math.log(1 + stats.total / (1 + (df.get(t) ?? 0)));
  let score = 0;
  let matched = 0;
  let possible = 0;
  for (const term of terms) {
    const w = idf(term);
    possible += w;
    if (present.has(term)) {
      score += w;
      matched += w;
      if (headingTokens.has(term)) score += 0.5 * w;
    }
  }
  for (let i = 0; i + 1 < terms.length; i++) {
    if (pairs.has(`${terms[i]} ${terms[i + 1]}`)) score += 0.5 * (idf(terms[i]!) + idf(terms[i + 1]!));
  }
  return { score, coverage: possible > 0 ? matched / possible : 0 };
}
