-- People who blocked the bot (403) get nothing more until they unblock it (my_chat_member).
ALTER TABLE telegram_users ADD COLUMN unreachable_at timestamptz;

-- Every message the bot sends on its own (reminders, overdue nudges, the Board's digest, broadcasts, alerts).
-- The row is the intent, written before sending under a unique key: a message is sent at most once per key.
-- status: pending → sending (claimed with FOR UPDATE SKIP LOCKED) → sent | failed | skipped.
-- A crash between the send and the 'sent' mark leaves 'sending': never sent again (at most once).
CREATE TABLE deliveries (
  id              bigserial PRIMARY KEY,
  dedupe_key      text NOT NULL UNIQUE,
  kind            text NOT NULL CHECK (kind IN ('reminder', 'nudge', 'digest', 'broadcast', 'alert')),
  telegram_id     bigint NOT NULL,
  unit_code       text,
  milestone       text,
  deadline        date,
  lead_days       integer,
  text            text NOT NULL,            -- Telegram HTML, rendered in the recipient's language
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_at      timestamptz,
  sent_at         timestamptz,
  message_id      bigint,
  last_error      text,
  created_at      timestamptz NOT NULL
);
-- The claim query: pending rows whose time has come, oldest first.
CREATE INDEX deliveries_pending_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending';

CREATE TABLE broadcasts (
  id            bigserial PRIMARY KEY,
  text          text NOT NULL,
  created_by    bigint NOT NULL,
  created_at    timestamptz NOT NULL,
  confirmed_at  timestamptz,
  cancelled_at  timestamptz
);
