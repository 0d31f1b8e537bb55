import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { withTransaction, type Pool } from "../db/pool.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import {
  getIndexModel,
  listDocuments,
  removeDocuments,
  replaceDocument,
  resetIndex,
  setIndexModel,
  touchDocument,
  type NewChunk,
} from "./chunk-store.ts";
import type { IndexedEmbeddings } from "./embeddings.ts";
import { DocumentError, isSupportedFile, loadDocument } from "./loaders.ts";
import { foldText } from "./normalize.ts";

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
};

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
  const indexModel = await getIndexModel(pool);
  if (!indexModel || indexModel.model !== embeddings.modelId) {
    // Vectors of two models must never be compared: start over with the new model.
    report.reembedded = Boolean(indexModel);
    await withTransaction(pool, (tx) => resetIndex(tx, embeddings.modelId, embeddings.dimensions));
    if (indexModel)
      logger?.warn(
        { from: indexModel.model, to: embeddings.modelId },
        "embedding model changed: re-embedding the corpus",
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
        searchHeading: foldText(headings[i]!),
        searchText: foldText(bodies[i]!),
        embedding: vectors[i]!,
      }));
      await withTransaction(pool, (tx) =>
        replaceDocument(
          tx,
          { path: file.relative, meta: loaded.meta, sizeBytes: info.size, mtimeMs: info.mtimeMs, checksum },
          chunks,
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
    await setIndexModel(pool, embeddings.modelId, embeddings.dimensions);
  }
  report.removed = [...stored.keys()];
  await removeDocuments(pool, report.removed);
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
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
