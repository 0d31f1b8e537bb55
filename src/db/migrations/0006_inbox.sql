-- Telegram updates are kept here before their offset is confirmed (the next getUpdates call confirms it), handled
-- from here, and marked done when their handler has finished. An update in flight when the process stops or dies
-- is handled again after the restart (at least once); its handler's effects are idempotent by update id.
-- status: pending (stored, not started) → handling (by the process run `handled_by`) → done.
CREATE TABLE inbox (
  update_id    bigint PRIMARY KEY,
  chat_key     text NOT NULL,               -- updates of one chat are handled in order
  payload      jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'handling', 'done')),
  attempts     integer NOT NULL DEFAULT 0,
  handled_by   text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  done_at      timestamptz
);
-- What is left to handle after a restart, in update order.
CREATE INDEX inbox_unfinished_idx ON inbox (update_id) WHERE status <> 'done';
CREATE INDEX inbox_done_at_idx ON inbox (done_at) WHERE status = 'done';

-- Existing claims become done inbox rows, so that a redelivery of a recent update is still recognised.
INSERT INTO inbox (update_id, chat_key, payload, status, received_at, done_at)
SELECT update_id, '', '{}', 'done', processed_at, processed_at FROM processed_updates;
DROP TABLE processed_updates;

-- An answer already computed for an update is sent again after a restart, not computed again (the answer is kept
-- whole in questions.shown, migration 0031); replied_at says whether it reached the asker.
ALTER TABLE questions ADD COLUMN replied_at timestamptz;
CREATE UNIQUE INDEX questions_update_id_idx ON questions (update_id) WHERE update_id IS NOT NULL;

-- A report made by an update is made once, however often the update is handled.
ALTER TABLE report_events ADD COLUMN update_id bigint;
CREATE UNIQUE INDEX report_events_update_id_idx ON report_events (update_id) WHERE update_id IS NOT NULL;

-- Replies that could not be sent at once (a long 429, repeated 5xx) go through the outbox and arrive once, later.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('reminder', 'nudge', 'digest', 'broadcast', 'alert', 'reply'));

-- Wrong invite codes, per person: throttled, and the Board told of a burst.
CREATE TABLE invite_attempts (
  id           bigserial PRIMARY KEY,
  telegram_id  bigint NOT NULL,
  ok           boolean NOT NULL,
  attempted_at timestamptz NOT NULL
);
CREATE INDEX invite_attempts_person_idx ON invite_attempts (telegram_id, attempted_at);
