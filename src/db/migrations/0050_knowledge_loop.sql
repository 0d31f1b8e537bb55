-- Issue 13, the knowledge loop: a question the documents do not answer goes to the City Organization Board, the
-- Board's answer goes back to the asker, and — once published — answers the next asker first.

-- The queue of questions to the Board. The asker's question, the bot's answer and its sources are copied in (not
-- only referenced) so that the Board sees what the asker saw, even after the question log is pruned.
CREATE TABLE board_questions (
  id                bigserial PRIMARY KEY,
  question_id       bigint REFERENCES questions(id) ON DELETE SET NULL,
  telegram_id       bigint NOT NULL,
  unit_code         text,
  asker_name        text NOT NULL,
  language          text NOT NULL CHECK (language IN ('vi', 'pl', 'en')),
  question          text NOT NULL,
  -- The question folded (lowercase, no diacritics, single spaces): "the identical text" of the one-open rule.
  question_key      text NOT NULL,
  bot_answer        text NOT NULL,
  bot_sources       jsonb NOT NULL DEFAULT '[]',
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'withdrawn')),
  created_at        timestamptz NOT NULL,
  answer            text,
  answered_by       bigint,
  answered_by_name  text,
  answered_at       timestamptz,
  withdrawn_at      timestamptz,
  CHECK ((status = 'answered') = (answer IS NOT NULL AND answered_at IS NOT NULL))
);
-- One open question per person per identical text: a second press inserts nothing (ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX board_questions_one_open_idx ON board_questions (telegram_id, question_key) WHERE status = 'open';
-- /questions lists the open ones oldest first; the digest counts them.
CREATE INDEX board_questions_open_idx ON board_questions (created_at, id) WHERE status = 'open';
-- The per-person daily limit counts a person's questions of the day.
CREATE INDEX board_questions_asker_idx ON board_questions (telegram_id, created_at);

-- Published Board answers are curated answers of their own kind: they rest on no corpus section (sources '[]'),
-- are written in one language, and are cited as the Board's answer of `answered_on`. The seed matcher ignores them.
ALTER TABLE curated_answers ADD COLUMN kind text NOT NULL DEFAULT 'short' CHECK (kind IN ('short', 'board'));
ALTER TABLE curated_answers ADD COLUMN board_question_id bigint UNIQUE REFERENCES board_questions(id);
ALTER TABLE curated_answers ADD COLUMN answered_on date;
-- {"doc": "chi-thi-45-2025", "section": "III › 1"}: a corpus passage this answer supersedes (answers in its place).
ALTER TABLE curated_answers ADD COLUMN supersedes jsonb;
ALTER TABLE curated_answer_history DROP CONSTRAINT curated_answer_history_action_check;
ALTER TABLE curated_answer_history ADD CONSTRAINT curated_answer_history_action_check
  CHECK (action IN ('add', 'edit', 'withdraw', 'publish', 'supersede'));

-- Board answers are indexed like the corpus: folded text for full-text search (a stored tsvector, as in chunks)
-- and an embedding of the model that indexed the corpus (one of the two columns, by its dimension). A few hundred
-- rows at most: the vector is compared over all of them (no HNSW), which also keeps the WHERE filter exact.
CREATE TABLE curated_answer_index (
  answer_id       bigint PRIMARY KEY REFERENCES curated_answers(id),
  model           text NOT NULL,
  search_text     text NOT NULL,
  search_tsv      tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  embedding       vector(1536),
  embedding_local vector(384),
  CHECK ((embedding IS NULL) <> (embedding_local IS NULL))
);
CREATE INDEX curated_answer_index_tsv_idx ON curated_answer_index USING gin (search_tsv);

-- What was wrong with an answer rated 👎 (asked once, optional).
ALTER TABLE answer_feedback ADD COLUMN reason text
  CHECK (reason IN ('not-my-question', 'wrong', 'outdated', 'too-long'));
