-- Issue 14: the Board's dashboard. One-time login links and browser sessions, both kept only as a SHA-256 of the
-- token (a database dump or a log of this table gives nobody a way in). A login token becomes used once; a session
-- ends when it expires, on logout, or when its person's Board rights are revoked (checked on every request).
CREATE TABLE dashboard_tokens (
  token_hash   text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('login', 'session')),
  telegram_id  bigint NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
-- Ending every session of a person whose rights were revoked; pruning the expired.
CREATE INDEX dashboard_tokens_person_idx ON dashboard_tokens (telegram_id);
CREATE INDEX dashboard_tokens_expires_idx ON dashboard_tokens (expires_at);
