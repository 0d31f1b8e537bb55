-- Curated short answers to the questions secretaries ask most: written in our own words from the facts sheet,
-- in the three languages, each resting on corpus sections. Seeded from corpus/short-answers.json at ingest
-- (keyed, idempotent); the City Organization Board adds, corrects and withdraws them (the next issue gives it
-- Telegram commands for that through src/rag/curated-store.ts).
CREATE TABLE curated_answers (
  id            bigserial PRIMARY KEY,
  -- Stable key: the seed file's key, or one made for an answer the Board adds.
  key           text NOT NULL UNIQUE,
  -- {"vi": ["…", …], "pl": […], "en": […]}: how secretaries ask it, matched on folded text.
  variants      jsonb NOT NULL,
  -- {"vi": "…", "pl": "…", "en": "…"}: the answer, plain text, at most about 400 characters.
  texts         jsonb NOT NULL,
  -- [{"doc": "chi-thi-45-2025", "section": "III › 1"}, …]: corpus sections (any language edition) it rests on.
  sources       jsonb NOT NULL,
  -- The facts sheet's confidence of the facts it states (the lowest of them).
  confidence    text NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
  facts         text[] NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
  -- 'seed' rows follow the seed file until someone else edits them; then the edit wins over the file.
  origin        text NOT NULL CHECK (origin IN ('seed', 'board')),
  seed_checksum text,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX curated_answers_status_idx ON curated_answers (status);

-- Append-only: every add, edit, withdrawal and re-publication, with who, when and the row as it was before.
CREATE TABLE curated_answer_history (
  id            bigserial PRIMARY KEY,
  answer_id     bigint NOT NULL REFERENCES curated_answers(id),
  action        text NOT NULL CHECK (action IN ('add', 'edit', 'withdraw', 'publish')),
  changed_by    text NOT NULL,
  changed_at    timestamptz NOT NULL DEFAULT now(),
  -- NULL for 'add'; otherwise {texts, variants, sources, confidence, facts, status} before the change.
  previous      jsonb,
  note          text
);
CREATE INDEX curated_answer_history_answer_idx ON curated_answer_history (answer_id, id);

-- The history is never rewritten: updates and deletes are refused by the database itself.
CREATE FUNCTION curated_answer_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'curated_answer_history is append-only';
END
$$;
CREATE TRIGGER curated_answer_history_append_only BEFORE UPDATE OR DELETE ON curated_answer_history
  FOR EACH ROW EXECUTE FUNCTION curated_answer_history_append_only();
