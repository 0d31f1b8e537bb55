-- People who talked to the bot, and the language they chose with /lang (NULL: follow Telegram's language_code).
CREATE TABLE telegram_users (
  telegram_id   bigint PRIMARY KEY,
  first_name    text NOT NULL DEFAULT '',
  username      text,
  language_code text,
  chosen_lang   text CHECK (chosen_lang IN ('vi', 'pl', 'en')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Telegram delivers updates at least once. A row here means "already taken": the insert is the claim, so two
-- concurrent deliveries of one update_id cannot both pass. Kept at least 24 h (Telegram keeps updates 24 h).
CREATE TABLE processed_updates (
  update_id     bigint PRIMARY KEY,
  processed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_updates_processed_at_idx ON processed_updates (processed_at);

-- Every question and its answer, with the sources shown, how long it took and which model wrote it.
CREATE TABLE questions (
  id            bigserial PRIMARY KEY,
  telegram_id   bigint,                      -- NULL for the command line
  chat_id       bigint,
  update_id     bigint,
  channel       text NOT NULL,               -- telegram | console | cli
  language      text NOT NULL,
  question      text NOT NULL,
  answer        text NOT NULL,
  mode          text NOT NULL CHECK (mode IN ('llm', 'extractive', 'none')),
  sources       jsonb NOT NULL DEFAULT '[]',
  latency_ms    integer NOT NULL,
  model         text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questions_created_at_idx ON questions (created_at);

-- 👍 / 👎 under an answer; one vote per person per answer, the last press wins.
CREATE TABLE answer_feedback (
  question_id   bigint NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  telegram_id   bigint NOT NULL,
  helpful       boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (question_id, telegram_id)
);
