-- Invite codes can be revoked (a newer code for the same unit and role revokes the open older ones).
ALTER TABLE invites ADD COLUMN revoked_at timestamptz;
ALTER TABLE invites ADD COLUMN revoked_by bigint;
CREATE INDEX invites_open_idx ON invites (unit_code, role) WHERE used_at IS NULL AND revoked_at IS NULL;
-- Before this, several open codes per unit and role were possible: keep only the newest.
UPDATE invites i SET revoked_at = now()
 WHERE i.used_at IS NULL AND EXISTS (SELECT 1 FROM invites n WHERE n.unit_code = i.unit_code AND n.role = i.role
                                        AND n.used_at IS NULL AND n.id > i.id);

-- Board rights granted in chat can be taken back; the row stays as history.
ALTER TABLE board_members ADD COLUMN revoked_at timestamptz;
ALTER TABLE board_members ADD COLUMN revoked_by bigint;

-- Who did what, append-only: grants, revocations, invites (made, revoked), removals, broadcasts.
CREATE TABLE audit_events (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor       bigint,                       -- Telegram id; NULL: the command line
  action      text NOT NULL,
  subject     text NOT NULL DEFAULT '',
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_at_idx ON audit_events (at DESC, id DESC);

-- Which command menu a person was last given (the bot publishes a menu per chat only when it changes).
ALTER TABLE telegram_users ADD COLUMN menu text;

-- 'notice': a message to one person about their unit (a report of theirs replaced); not sent in quiet hours.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('reminder', 'nudge', 'digest', 'broadcast', 'alert', 'reply', 'notice'));
