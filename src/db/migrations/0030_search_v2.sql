-- Issue 10: retrieval that costs less per query and less memory.

-- Local vectors (local:hash-ngram-v2) are 384-dimensional and get a column and an HNSW index of their own; OpenAI
-- vectors (1536; smaller models zero-padded) stay in `embedding`. Each row fills exactly one of the two — the
-- column of the model named in embedding_index — so vectors of two models are never compared; a model switch
-- still empties the index and re-embeds everything. Rows of the old local model (1536-d, v1) are replaced at the
-- next ingest because the model id changed.
ALTER TABLE chunks ALTER COLUMN embedding DROP NOT NULL;
ALTER TABLE chunks ADD COLUMN embedding_local vector(384);
ALTER TABLE chunks ADD CONSTRAINT chunks_one_embedding CHECK ((embedding IS NULL) <> (embedding_local IS NULL));
-- Cosine distance, as for `embedding`; used only with ORDER BY embedding_local <=> $1 LIMIT n.
CREATE INDEX chunks_embedding_local_idx ON chunks USING hnsw (embedding_local vector_cosine_ops);

-- Scoring reads search_tsv once per question word for each candidate row. Stored compressed or out of line
-- (the default for a value this size), every one of those reads decompressed it again: 14 words over 504 rows
-- took 34 ms on the embedded database, 4 ms kept in the row (MAIN). Applies to rows written from now on; the
-- index is rebuilt anyway (new format, new local model).
ALTER TABLE chunks ALTER COLUMN search_tsv SET STORAGE MAIN;

-- The trigram index was never queried: it only cost ingest time and memory.
DROP INDEX chunks_search_trgm_idx;

-- What the retriever caches (document frequencies, the document list) is keyed by this version, bumped by any
-- statement that changes chunks, instead of a count(*) on every question. `format` is the layout of the
-- searchable text; a retriever of another format re-indexes (ingest compares it, as it compares the model).
ALTER TABLE embedding_index ADD COLUMN format integer NOT NULL DEFAULT 1;
ALTER TABLE embedding_index ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION chunks_bump_index_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE embedding_index SET version = version + 1;
  RETURN NULL;
END
$$;
-- FOR EACH STATEMENT: one bump per insert of a document's chunks, not one per row.
CREATE TRIGGER chunks_bump_index_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chunks
  FOR EACH STATEMENT EXECUTE FUNCTION chunks_bump_index_version();

-- Documents say what kind they are ("gaps": the corpus's own list of what it does not cover) and, for directives
-- that replaced one another, which rule applied when: {"replacedBy": "45-CT/TW", "until": "2025-04-14"} or
-- {"replaces": "35-CT/TW", "from": "2025-04-14"}. Both come from the front matter.
ALTER TABLE documents ADD COLUMN kind text NOT NULL DEFAULT 'document' CHECK (kind IN ('document', 'gaps'));
ALTER TABLE documents ADD COLUMN validity jsonb;
