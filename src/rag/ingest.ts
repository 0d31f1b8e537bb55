import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { withTransaction, type Pool } from "../db/pool.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import {
  getIndexState,
  listDocuments,
  removeDocuments,
  replaceDocument,
  resetIndex,
  setIndexModel,
  analyzeIndex,
  touchDocument,
  type NewChunk,
} from "./chunk-store.ts";
import { loadCuratedSeeds } from "./curated.ts";
import { seedCuratedAnswers, type SeedReport } from "./curated-store.ts";
import type { IndexedEmbeddings } from "./embeddings.ts";
import { DocumentError, isSupportedFile, loadDocument } from "./loaders.ts";
import { tokenize } from "./normalize.ts";

/**
 * The layout of the searchable text. 2: search_text holds folded word tokens separated by single spaces, so
 * Postgres's parser and our tokenizer see the same words (issue 10). An index of another format is rebuilt.
 */
export const INDEX_FORMAT = 2;

export type IngestReport = {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  failed: { path: string; error: string }[];
  chunks: number;
  seconds: number;
  /** True when the embedding model changed and the whole index was rebuilt. */
  reembedded: boolean;
  /** The curated short answers of CURATED_SEED_FILE, when the folder has one. */
  curated?: SeedReport;
};

/** The seed file of curated short answers in a corpus folder (not indexed as a document). */
export const CURATED_SEED_FILE = "short-answers.json";

export type IngestProgress = { done: number; total: number; path: string };

export type IngestDeps = { pool: Pool; embeddings: IndexedEmbeddings; logger?: Logger };

/**
 * Brings the index in line with a folder: new and changed files are (re)chunked and embedded, deleted ones
 * removed, unchanged ones (same size and mtime, or same checksum) not re-read or re-embedded. Each file is
 * written in one transaction, checksum with chunks, so a crash never leaves a file half-indexed.
 */
export async function ingestDirectory(
  deps: IngestDeps,
  dir: string,
  onProgress?: (progress: IngestProgress) => void,
): Promise<IngestReport> {
  const started = performance.now();
  const report: IngestReport = {
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
    failed: [],
    chunks: 0,
    seconds: 0,
    reembedded: false,
  };
  const { pool, embeddings, logger } = deps;

  const files = await listFiles(dir);
  const state = await getIndexState(pool);
  if (!state || state.model !== embeddings.modelId || state.format !== INDEX_FORMAT) {
    // Vectors of two models must never be compared, nor text of two layouts: start over.
    report.reembedded = Boolean(state);
    await withTransaction(pool, (tx) => resetIndex(tx, embeddings.modelId, embeddings.dimensions, INDEX_FORMAT));
    if (state)
      logger?.warn(
        { from: state.model, to: embeddings.modelId, format: { from: state.format, to: INDEX_FORMAT } },
        "embedding model or index format changed: re-embedding the corpus",
      );
  }
  const stored = await listDocuments(pool);

  let done = 0;
  for (const file of files) {
    const info = await stat(file.absolute);
    const previous = stored.get(file.relative);
    stored.delete(file.relative);
    try {
      if (previous && previous.sizeBytes === info.size && previous.mtimeMs === info.mtimeMs) {
        report.unchanged.push(file.relative);
        continue;
      }
      const bytes = await readFile(file.absolute);
      const checksum = createHash("sha256").update(bytes).digest("hex");
      if (previous && previous.checksum === checksum) {
        await touchDocument(pool, file.relative, info.size, info.mtimeMs);
        report.unchanged.push(file.relative);
        continue;
      }
      const loaded = await loadDocument(file.absolute, file.relative);
      // What is searched and embedded: the chunk's headings and its text, without links (URL slugs repeat
      // Vietnamese words such as "dai-hoi-dang-bo" and would match every question).
      // The document title is shared by all its chunks: it goes with the body, not the weighted heading part.
      const headings = loaded.chunks.map((c) => [c.path.join(" "), c.heading].filter(Boolean).join("\n"));
      const bodies = loaded.chunks.map((c) => `${loaded.meta.title}\n${withoutLinks(c.content)}`);
      const texts = loaded.chunks.map((_, i) => `${headings[i]}\n${bodies[i]}`);
      // Embed before opening the transaction: a slow embedding service must not hold a database connection.
      const vectors = texts.length ? await embeddings.embedDocuments(texts) : [];
      const chunks: NewChunk[] = loaded.chunks.map((c, i) => ({
        ordinal: c.ordinal,
        language: loaded.meta.language,
        section: c.path.join(" › "),
        heading: c.heading,
        content: c.content,
        searchHeading: tokenize(headings[i]!).join(" "),
        searchText: tokenize(bodies[i]!).join(" "),
        embedding: vectors[i]!,
      }));
      await withTransaction(pool, (tx) =>
        replaceDocument(
          tx,
          { path: file.relative, meta: loaded.meta, sizeBytes: info.size, mtimeMs: info.mtimeMs, checksum },
          chunks,
          embeddings.storedDimensions,
        ),
      );
      (previous ? report.updated : report.added).push(file.relative);
      report.chunks += chunks.length;
    } catch (error) {
      // Our own errors that are not about the file (the embedding service failing) stop the run; a file that
      // cannot be read or parsed (DocumentError, or a parser's own error) is reported and skipped.
      if (error instanceof AppError && !(error instanceof DocumentError)) throw error;
      logger?.error({ err: error, path: file.relative }, "could not index file");
      report.failed.push({ path: file.relative, error: error instanceof Error ? error.message : String(error) });
    } finally {
      done++;
      onProgress?.({ done, total: files.length, path: file.relative });
    }
  }
  if (report.chunks > 0) {
    // A remote model's own dimension is known only after its first answer.
    await setIndexModel(pool, embeddings.modelId, embeddings.dimensions, INDEX_FORMAT);
  }
  report.removed = [...stored.keys()];
  await removeDocuments(pool, report.removed);
  // Fresh planner statistics after a change: the embedded database runs no autovacuum, and a server's may not
  // have come round yet — without them the first questions after a large ingest get slow plans.
  if (report.chunks > 0 || report.removed.length > 0) await analyzeIndex(pool);
  await seedCurated(deps, dir, report);
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

/** Loads the folder's curated short answers, if it has a seed file, after the documents they rest on. */
async function seedCurated(deps: IngestDeps, dir: string, report: IngestReport): Promise<void> {
  const path = join(dir, CURATED_SEED_FILE);
  let seeds;
  try {
    await stat(path);
  } catch {
    return;
  }
  try {
    seeds = await loadCuratedSeeds(path);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    report.failed.push({ path: CURATED_SEED_FILE, error: error.message });
    return;
  }
  report.curated = await seedCuratedAnswers(deps.pool, seeds);
  for (const f of report.curated.failed) report.failed.push({ path: `${CURATED_SEED_FILE}#${f.key}`, error: f.error });
  deps.logger?.info(
    {
      added: report.curated.added.length,
      updated: report.curated.updated.length,
      withdrawn: report.curated.withdrawn.length,
      kept_edits: report.curated.keptEdits.length,
      failed: report.curated.failed.length,
    },
    "curated short answers seeded",
  );
}

export function withoutLinks(text: string): string {
  return text.replace(/https?:\/\/\S+/g, " ");
}

async function listFiles(dir: string): Promise<{ absolute: string; relative: string }[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new AppError(`Cannot read the corpus folder ${dir}: does it exist?`, { cause: error });
  }
  return entries
    .filter((e) => e.isFile() && isSupportedFile(e.name) && !e.name.startsWith("."))
    .map((e) => {
      const absolute = join(e.parentPath, e.name);
      return { absolute, relative: relative(dir, absolute).split(sep).join("/") };
    })
    .filter((f) => !/(^|\/)README\.md$/i.test(f.relative))
    .sort((a, b) => a.relative.localeCompare(b.relative));
}
