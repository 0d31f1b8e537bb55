import type { Pool } from "../db/pool.ts";
import type { Logger } from "../logger.ts";
import { countChunks } from "../rag/chunk-store.ts";
import type { IndexedEmbeddings } from "../rag/embeddings.ts";
import { ingestDirectory, type IngestProgress, type IngestReport } from "../rag/ingest.ts";

/** The indexed documents. */
export function createCorpusService(deps: {
  pool: Pool;
  embeddings: IndexedEmbeddings;
  corpusDir: string;
  logger?: Logger;
}) {
  const { pool, embeddings, logger } = deps;
  return {
    corpusDir: deps.corpusDir,
    /** Brings the index in line with a folder (default: the configured corpus); cheap when nothing changed. */
    ingest(dir = deps.corpusDir, onProgress?: (p: IngestProgress) => void): Promise<IngestReport> {
      return ingestDirectory({ pool, embeddings, ...(logger ? { logger } : {}) }, dir, onProgress);
    },
    countChunks: (): Promise<number> => countChunks(pool),
  };
}

export type CorpusService = ReturnType<typeof createCorpusService>;
