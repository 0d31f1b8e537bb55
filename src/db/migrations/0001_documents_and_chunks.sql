-- The indexed corpus. One row per source file; its chunks hang off it and go with it.
CREATE TABLE documents (
  path          text PRIMARY KEY,           -- relative to the corpus folder, with forward slashes
  doc_id        text NOT NULL,              -- ties the language editions of one document together
  title         text NOT NULL,
  short_title   text NOT NULL,
  number        text NOT NULL DEFAULT '',
  issuer        text NOT NULL DEFAULT '',
  issued_on     text NOT NULL DEFAULT '',
  language      text NOT NULL,
  sources       jsonb NOT NULL DEFAULT '[]',
  size_bytes    bigint NOT NULL,
  mtime_ms      double precision NOT NULL,
  -- Written in the same transaction as the chunks, so a crash never leaves a checksum without its chunks.
  checksum      text NOT NULL,
  chunk_count   integer NOT NULL,
  ingested_at   timestamptz NOT NULL DEFAULT now()
);

-- Which embedding model made the vectors in chunks. One row; a different model means re-embed everything.
CREATE TABLE embedding_index (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  model         text NOT NULL,
  dimensions    integer NOT NULL,           -- the model's own dimension (vectors are zero-padded to 1536)
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chunks (
  id            bigserial PRIMARY KEY,
  document_path text NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
  ordinal       integer NOT NULL,
  language      text NOT NULL,
  section       text NOT NULL,              -- "Chỉ thị 35-CT/TW › II › 1"
  heading       text NOT NULL,              -- the section's own heading, without its number
  content       text NOT NULL,              -- what is quoted to the user
  -- Lowercased, diacritics folded (đ → d), links left out: what full-text search reads. The heading part
  -- (document, section path, heading) is kept apart so that a match there weighs more than one in the body.
  search_heading text NOT NULL,
  search_text   text NOT NULL,
  -- A stored tsvector with a GIN index: computing to_tsvector per row at query time is 15-20x slower.
  -- 'simple' because Postgres has no Vietnamese or Polish stemmer; folding is done before storing.
  -- Weight A for the heading part, D (the default) for the body: ts_rank_cd counts A matches 10x.
  search_tsv    tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('simple', search_heading), 'A') || to_tsvector('simple', search_text)
                ) STORED,
  -- 1536 = text-embedding-3-small. Smaller models are zero-padded, which keeps cosine distances unchanged.
  embedding     vector(1536) NOT NULL,
  UNIQUE (document_path, ordinal)
);

CREATE INDEX chunks_search_tsv_idx ON chunks USING gin (search_tsv);
-- Cosine distance (<=>), the metric both embedding kinds are normalised for. Used only with ORDER BY ... LIMIT.
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
-- Trigram index for short queries and typos.
CREATE INDEX chunks_search_trgm_idx ON chunks USING gin (search_text gin_trgm_ops);
