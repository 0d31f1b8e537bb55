import { Embeddings } from "@langchain/core/embeddings";
import type OpenAI from "openai";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { tokenize } from "./normalize.ts";

/** OpenAI-compatible vectors are stored with this many dimensions (migration 0001); shorter ones zero-padded. */
export const INDEX_DIMENSIONS = 1536;
/** The local hash embedding's dimension (migration 0030 gives it a column of its own). */
export const LOCAL_DIMENSIONS = 384;

/** The two vector columns of `chunks`, by the dimension stored in them. */
export type StoredDimensions = typeof INDEX_DIMENSIONS | typeof LOCAL_DIMENSIONS;

/** Embeddings that say which model made them, so the index can refuse to mix two models. */
export abstract class IndexedEmbeddings extends Embeddings {
  /** Stored with the index, e.g. "local:hash-ngram-v2" or "openai:text-embedding-3-small". */
  abstract readonly modelId: string;
  /** The model's own dimension, before padding. */
  abstract readonly dimensions: number;
  /** The dimension of the vectors this model stores, which picks their column (384 local, 1536 otherwise). */
  abstract readonly storedDimensions: StoredDimensions;
  /** True for embeddings that capture meaning across languages (not just shared letters). */
  abstract readonly semantic: boolean;
}

/**
 * A local, deterministic embedding that needs no download: folded word unigrams and bigrams plus character
 * 3- and 4-grams, hashed (FNV-1a) into 384 signed buckets, log-scaled and L2-normalised. It measures shared
 * wording — good at diacritic-free and misspelt Vietnamese, useless across languages or for synonyms.
 * v1 used 1536 buckets: four times the storage and index memory, and an HNSW search 40× slower on the embedded
 * database at 10,000 chunks, for no gain on the evaluation set (measured; see the README).
 */
export class LocalHashEmbeddings extends IndexedEmbeddings {
  readonly modelId = "local:hash-ngram-v2";
  readonly dimensions = LOCAL_DIMENSIONS;
  readonly storedDimensions = LOCAL_DIMENSIONS;
  readonly semantic = false;

  constructor() {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => hashEmbed(t, LOCAL_DIMENSIONS));
  }

  async embedQuery(text: string): Promise<number[]> {
    return hashEmbed(text, LOCAL_DIMENSIONS);
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function hashEmbed(text: string, dimensions: number = LOCAL_DIMENSIONS): number[] {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    add(`w:${token}`, 1);
    if (i + 1 < tokens.length) add(`b:${token}_${tokens[i + 1]}`, 1);
    const padded = `<${token}>`;
    for (const n of [3, 4]) {
      for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, 0.35);
    }
  }
  const vector = new Array<number>(dimensions).fill(0);
  for (const [feature, count] of counts) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    const index = hash % dimensions;
    vector[index] = vector[index]! + sign * Math.log1p(count);
  }
  return normalise(vector);
}

function normalise(vector: number[]): number[] {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm === 0) {
    // An empty text still needs a valid (non-zero) vector for cosine distance.
    const unit = new Array<number>(vector.length).fill(0);
    unit[0] = 1;
    return unit;
  }
  return vector.map((v) => v / norm);
}

export function padVector(vector: number[], dimensions = INDEX_DIMENSIONS): number[] {
  if (vector.length === dimensions) return vector;
  if (vector.length > dimensions) {
    throw new AppError(
      `The embedding model returned ${vector.length} dimensions; the index holds at most ${dimensions}. ` +
        `Choose a model with ${dimensions} dimensions or fewer (or one that accepts the "dimensions" option).`,
    );
  }
  return [...vector, ...new Array<number>(dimensions - vector.length).fill(0)];
}

export type OpenAIEmbeddingsOptions = {
  client: OpenAI;
  model: string;
  logger?: Logger;
  batchSize?: number;
  /** Retries of one batch while indexing (429, 5xx, connection errors), by the SDK, honouring Retry-After. */
  maxRetries?: number;
};

/**
 * OpenAI (or any OpenAI-compatible server) embeddings: batched; a batch is retried by the SDK itself on 429, 5xx
 * and connection errors, with its exponential backoff and the server's Retry-After; each request bounded by the
 * client's timeout.
 */
export class OpenAIEmbeddings extends IndexedEmbeddings {
  readonly modelId: string;
  readonly semantic = true;
  readonly storedDimensions = INDEX_DIMENSIONS;
  dimensions = INDEX_DIMENSIONS;
  private readonly options: Required<Omit<OpenAIEmbeddingsOptions, "logger">> & { logger?: Logger };

  constructor(options: OpenAIEmbeddingsOptions) {
    super({});
    this.modelId = `openai:${options.model}`;
    this.options = { batchSize: 128, maxRetries: 3, ...options };
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      out.push(...(await this.embedBatch(texts.slice(i, i + this.options.batchSize))));
    }
    return out;
  }

  /** A question: one attempt only — someone is waiting; the retriever falls back to text search. */
  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedBatch([text], 0);
    return vector!;
  }

  private async embedBatch(input: string[], maxRetries = this.options.maxRetries): Promise<number[][]> {
    const { client, model } = this.options;
    let response;
    try {
      response = await client.embeddings.create(
        {
          model,
          input,
          // text-embedding-3-large is 3072-d natively; ask for the index's size (the API shortens it properly).
          ...(/text-embedding-3-large/.test(model) ? { dimensions: INDEX_DIMENSIONS } : {}),
        },
        { maxRetries },
      );
    } catch (error) {
      throw new AppError("embedding request failed", { cause: error });
    }
    const sorted = [...response.data].sort((a, b) => a.index - b.index);
    if (sorted.length !== input.length)
      throw new AppError(`embeddings: asked for ${input.length}, got ${sorted.length}`);
    const first = sorted[0]?.embedding.length;
    if (first) this.dimensions = first;
    return sorted.map((d) => padVector(d.embedding));
  }
}
