import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Lang } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Logger } from "../logger.ts";
import {
  countChunks,
  getChunks,
  getIndexState,
  listCatalog,
  termDocumentFrequencies,
  textSearch,
  vectorSearch,
  type CatalogDocument,
  type ChunkRow,
  type TextQuery,
} from "./chunk-store.ts";
import type { IndexedEmbeddings } from "./embeddings.ts";
import {
  answerTypeBonus,
  documentReferences,
  questionParts,
  questionTypes,
  searchTokens,
  synonymsOf,
} from "./question.ts";
import type { Validity } from "./loaders.ts";
import { stem, tokenize } from "./normalize.ts";

export type RetrievedChunk = {
  id: string;
  docId: string;
  title: string;
  /** The edition's short title ("Chỉ thị 45-CT/TW", "Dyrektywa 45-CT/TW"). */
  shortTitle: string;
  number: string;
  /** The document's date as written in its front matter (ISO, "2025-04-14"), or "". */
  issuedOn: string;
  kind: "document" | "gaps";
  validity: Validity | undefined;
  section: string;
  heading: string;
  text: string;
  language: Lang;
  /** The document's own sources (front matter); the section's are in its text's line of sources. */
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

export type RetrieveOptions = {
  lang: Lang;
  limit?: number;
  /** A follow-up's earlier question: its words join the search at half weight. */
  context?: string | undefined;
};

export type RetrieverDeps = { pool: Pool; embeddings: IndexedEmbeddings; logger?: Logger };

/** A question word as searched: its folded form, the key it is matched by, its tsquery and its IDF weight. */
export type QueryTerm = { token: string; key: string; query: string; weight: number; df: number; context: boolean };

const CANDIDATES_PER_LIST = 30;
// A chunk in another language than the question still counts, at this share of its score.
const OTHER_LANGUAGE_FACTOR = 0.5;
// How much the vector similarity counts next to the full-text score (1 = as much). The local hash embedding
// measures shared wording, which the full-text score already counts with IDF weights: it breaks ties and catches
// misspellings. A semantic model also finds passages that share no word with the question: it counts fully.
const LOCAL_VECTOR_WEIGHT = 0.5;
const SEMANTIC_VECTOR_WEIGHT = 1;
// Words of a follow-up's earlier question count this much of their IDF weight.
const CONTEXT_WEIGHT = 0.5;
// The candidate rows selected through the rarest question words, at most (see chunk-store's textSearch).
const SELECT_ROWS = 1000;

type Stats = {
  version: string;
  model: string;
  total: number;
  df: Map<string, number>;
  /** Every indexed word, sorted: document frequency of a prefix ("zjazd:*") by binary search. */
  vocabulary: { words: string[]; prefixSums: number[] };
  catalog: Map<string, CatalogDocument>;
  /** docId → short title of its Vietnamese edition. */
  referenceShort: Map<string, string>;
  /** docId → the designation numbers in its number and title ("45", "118", "8548"). */
  designations: Map<string, Set<string>>;
};

/**
 * Hybrid retrieval: vector search and full-text search over folded text, fused by reciprocal rank fusion,
 * chunks in the asker's language preferred. Diacritic-insensitive because both sides are folded.
 *
 * Per question it costs one small query for the index's version, the vector search and the full-text search
 * (run together), and one query for the few chunks it returns. What depends only on the index — document
 * frequencies, the list of documents — is loaded once per index version.
 */
export class CorpusRetriever extends BaseRetriever {
  override lc_namespace = ["daihoi", "retrievers"];
  private readonly deps: RetrieverDeps;
  private readonly defaultLang: Lang;
  private stats: Stats | undefined;
  private loading: Promise<Stats | undefined> | undefined;

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

  /** The index's statistics, reloaded when its version changed (an ingest, here or in another process). */
  private async currentStats(): Promise<Stats | undefined> {
    const state = await getIndexState(this.deps.pool);
    if (!state) return undefined;
    if (this.stats?.version === state.version && this.stats.model === state.model) return this.stats;
    // One load at a time: questions arriving together after an ingest share it.
    this.loading ??= this.loadStats(state.version, state.model).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async loadStats(version: string, model: string): Promise<Stats> {
    const [df, catalogRows] = await Promise.all([termDocumentFrequencies(this.deps.pool), listCatalog(this.deps.pool)]);
    const words = [...df.keys()].sort();
    const prefixSums: number[] = [];
    let sum = 0;
    for (const w of words) prefixSums.push((sum += df.get(w)!));
    const catalog = new Map(catalogRows.map((d) => [d.path, d]));
    const referenceShort = new Map<string, string>();
    const designations = new Map<string, Set<string>>();
    for (const d of catalogRows) {
      if (d.language === "vi" && !referenceShort.has(d.docId)) referenceShort.set(d.docId, d.shortTitle);
      const set = designations.get(d.docId) ?? new Set<string>();
      for (const n of designationNumbers(`${d.number} ${d.title}`)) set.add(n);
      designations.set(d.docId, set);
    }
    const total = Math.max(1, await countChunks(this.deps.pool));
    this.stats = {
      version,
      model,
      total,
      df,
      vocabulary: { words, prefixSums },
      catalog,
      referenceShort,
      designations,
    };
    return this.stats;
  }

  /** Document frequency of a key: exact for Vietnamese words, the sum over words with that prefix otherwise. */
  private frequency(stats: Stats, key: string, prefix: boolean): number {
    if (!prefix) return stats.df.get(key) ?? 0;
    const { words, prefixSums } = stats.vocabulary;
    const from = lowerBound(words, key);
    const to = lowerBound(words, `${key}\uffff`);
    if (to <= from) return 0;
    return Math.min(stats.total, prefixSums[to - 1]! - (from > 0 ? prefixSums[from - 1]! : 0));
  }

  /** The question's content words (and a follow-up's context words), keyed and weighted for this index. */
  async weighQuery(question: string, options: { lang: Lang; context?: string | undefined }): Promise<QueryTerm[]> {
    const stats = await this.currentStats();
    return stats ? this.weigh(stats, question, options) : [];
  }

  private weigh(stats: Stats, question: string, options: { lang: Lang; context?: string | undefined }): QueryTerm[] {
    const { lang } = options;
    const own = searchTokens(question, lang);
    const tokens = own.length ? own : tokenize(question);
    const context = options.context ? searchTokens(options.context, lang).filter((t) => !tokens.includes(t)) : [];
    // Words the documents use for some question words ("signed" for "issued"): they help find, not vouch.
    const synonyms = tokens.flatMap((t) => synonymsOf(t, lang)).filter((t) => !tokens.includes(t));
    const out: QueryTerm[] = [];
    const seen = new Set<string>();
    for (const [list, isContext] of [
      [tokens, false],
      [context, true],
      [synonyms, true],
    ] as const) {
      for (const token of list) {
        if (!/^[\p{L}\p{N}]+$/u.test(token)) continue;
        // Polish and English words are matched by prefix of their stem (zjazd:* finds zjazdu, zjazdy…).
        const prefix = lang !== "vi" && token.length >= 4;
        const key = prefix ? stem(token, lang) : token;
        if (seen.has(key)) continue;
        seen.add(key);
        const df = this.frequency(stats, key, prefix);
        const idf = Math.log(1 + stats.total / (1 + df));
        out.push({
          token,
          key,
          query: prefix ? `${key}:*` : key,
          weight: idf * (isContext ? CONTEXT_WEIGHT : 1),
          df,
          context: isContext,
        });
      }
    }
    return out;
  }

  private textQuery(stats: Stats, question: string, terms: QueryTerm[], context?: string): TextQuery {
    // Select candidates through the rarest words, as many as keep the candidate rows under the bound; the
    // common ones still count in the score of every candidate.
    const bySelectivity = terms.filter((t) => t.df > 0).sort((a, b) => a.df - b.df);
    const select: string[] = [];
    let rows = 0;
    for (const t of bySelectivity) {
      if (select.length > 0 && rows + t.df > SELECT_ROWS) break;
      select.push(t.query);
      rows += t.df;
    }
    const own = terms.filter((t) => !t.context);
    const pairs: TextQuery["pairs"] = [];
    for (let i = 0; i + 1 < own.length; i++) {
      pairs.push({
        query: `${own[i]!.query} <-> ${own[i + 1]!.query}`,
        weight: 0.5 * (own[i]!.weight + own[i + 1]!.weight),
      });
    }
    const documents = namedDocuments(context ? `${question}\n${context}` : question, stats);
    const maxWeight = Math.max(0, ...own.map((t) => t.weight));
    return {
      select,
      // "hoi:A", "zjazd:*A": the word in the weighted heading part of the chunk.
      terms: terms.map((t) => ({
        query: t.query,
        heading: t.query.endsWith(":*") ? `${t.query}A` : `${t.query}:A`,
        weight: t.weight,
      })),
      pairs,
      documents,
      documentBonus: maxWeight,
    };
  }

  /** The question's vector; if the embedding service fails, text search alone must still answer. */
  private async embed(query: string): Promise<number[] | undefined> {
    try {
      return await this.deps.embeddings.embedQuery(query);
    } catch (error) {
      this.deps.logger?.warn({ err: error }, "query embedding failed; using text search only");
      return undefined;
    }
  }

  /**
   * The best chunks for a question. A question of several parts ("… mấy ngày, và hồ sơ gồm những gì?") is
   * searched part by part — each part with the whole question as context — and the results interleaved, so the
   * best passage for every part is near the top, the first part's first.
   */
  async retrieve(query: string, options: RetrieveOptions): Promise<RetrievedChunk[]> {
    const parts = questionParts(query);
    if (parts.length === 1) return this.retrieveOne(query, options);
    const limit = options.limit ?? 5;
    // Later parts take their subject from the first ("…, và phải xong trước ngày nào?"); the first stands alone.
    const lists = await Promise.all(
      parts.map((part, i) =>
        this.retrieveOne(part, {
          ...options,
          limit,
          context: [i > 0 ? parts[0] : undefined, options.context].filter(Boolean).join("\n") || undefined,
        }),
      ),
    );
    const seen = new Set<string>();
    const out: RetrievedChunk[] = [];
    for (let rank = 0; out.length < limit && lists.some((l) => rank < l.length); rank++) {
      for (const list of lists) {
        const chunk = list[rank];
        if (!chunk || seen.has(chunk.id) || out.length >= limit) continue;
        seen.add(chunk.id);
        out.push(chunk);
      }
    }
    return out;
  }

  private async retrieveOne(query: string, options: RetrieveOptions): Promise<RetrievedChunk[]> {
    const { pool, embeddings, logger } = this.deps;
    const limit = options.limit ?? 5;
    const stats = await this.currentStats();
    if (!stats) return [];
    const vectorUsable = stats.model === embeddings.modelId;
    if (!vectorUsable) {
      logger?.warn(
        { index: stats.model, configured: embeddings.modelId },
        "index made by another model: text search only until re-ingested",
      );
    }
    const terms = this.weigh(stats, query, options);
    const ownTerms = terms.filter((t) => !t.context).length;
    const textQuery = this.textQuery(stats, query, terms, options.context);
    const vectorText = options.context ? `${query}\n${options.context}` : query;
    const vector = vectorUsable ? await this.embed(vectorText) : undefined;
    const stored = embeddings.storedDimensions;
    const [byVector, byText] = await Promise.all([
      vector ? vectorSearch(pool, stored, vector, CANDIDATES_PER_LIST) : Promise.resolve([]),
      textSearch(pool, textQuery, CANDIDATES_PER_LIST),
    ]);
    const ids = [...new Set([...byText.map((r) => r.id), ...byVector.map((r) => r.id)])];
    const rows = await getChunks(pool, ids, {
      query: textQuery,
      ownTerms,
      ...(vector ? { vector: { storedDimensions: stored, embedding: vector } } : {}),
    });
    // Convex combination of the two scores, each relative to the best candidate: full-text (IDF-weighted words,
    // pairs, headings) plus the cosine similarity at VECTOR_WEIGHT. Rank fusion (RRF) was used before; with the
    // local embedding, which only measures shared wording, it let a passage that is mediocre in both lists beat
    // the clear best of the text list (hit@1 0.77 against 0.85 on the evaluation set).
    const vectorWeight = embeddings.semantic ? SEMANTIC_VECTOR_WEIGHT : LOCAL_VECTOR_WEIGHT;
    const all = [...rows.values()];
    const maxScore = Math.max(0, ...all.map((r) => r.score));
    const maxSimilarity = Math.max(0, ...all.map((r) => r.similarity ?? 0));
    const types = questionTypes(options.context ? `${query} ${options.context}` : query);
    const possible = terms.slice(0, ownTerms).reduce((sum, t) => sum + t.weight, 0);
    const results: RetrievedChunk[] = [];
    for (const row of all) {
      const doc = stats.catalog.get(row.documentPath);
      if (!doc) continue;
      let score =
        (maxScore > 0 ? row.score / maxScore : 0) +
        (maxSimilarity > 0 && row.similarity !== undefined
          ? (vectorWeight * Math.max(0, row.similarity)) / maxSimilarity
          : 0);
      // A passage that holds what the question asks for (a duration for "bao lâu", a date for "khi nào"…).
      score += answerTypeBonus(row.content, types);
      if (row.language !== options.lang) score *= OTHER_LANGUAGE_FACTOR;
      results.push(this.toResult(stats, row, doc, score, possible));
    }
    results.sort((a, b) => b.score - a.score || b.coverage - a.coverage || Number(a.id) - Number(b.id));
    return results.slice(0, limit);
  }

  /** Chunks found some other way (a curated answer's sections) described like retrieved ones, in their order. */
  async describe(rows: ChunkRow[]): Promise<RetrievedChunk[]> {
    const stats = await this.currentStats();
    if (!stats) return [];
    return rows.flatMap((row) => {
      const doc = stats.catalog.get(row.documentPath);
      return doc ? [{ ...this.toResult(stats, row, doc, 0, 0), coverage: 1 }] : [];
    });
  }

  private toResult(stats: Stats, row: ChunkRow, doc: CatalogDocument, score: number, possible: number): RetrievedChunk {
    const reference = doc.language !== "vi" ? stats.referenceShort.get(doc.docId) : undefined;
    return {
      id: row.id,
      docId: doc.docId,
      title: doc.title,
      shortTitle: doc.shortTitle,
      number: doc.number,
      issuedOn: doc.issuedOn,
      kind: doc.kind,
      validity: doc.validity,
      section: row.section,
      heading: row.heading,
      text: row.content,
      language: row.language,
      sources: doc.sources,
      referenceSection: reference ? [reference, ...row.section.split(" › ").slice(1)].join(" › ") : undefined,
      score,
      coverage: possible > 0 ? Math.min(1, row.matched / possible) : 0,
      similarity: row.similarity,
    };
  }
}

function lowerBound(words: string[], key: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Designation numbers of a document ("45" of 45-CT/TW, "118" … of a title listing conclusions), not dates or years. */
export function designationNumbers(text: string): string[] {
  return [...text.matchAll(/(?<![\d/.])(\d{2,4})(?![\d/.])/g)]
    .map((m) => m[1]!)
    .filter((n) => {
      const v = Number(n);
      return !(v >= 1900 && v <= 2100);
    });
}

/** Documents a question names ("Chỉ thị 45", "Konkluzja 127"): the paths of their editions. */
function namedDocuments(question: string, stats: Stats): string[] {
  const { numbers } = documentReferences(question);
  if (numbers.size === 0) return [];
  const paths: string[] = [];
  for (const doc of stats.catalog.values()) {
    const designations = stats.designations.get(doc.docId);
    if (designations && [...numbers].some((n) => designations.has(n))) paths.push(doc.path);
  }
  return paths;
}
