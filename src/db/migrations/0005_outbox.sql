-- The outbox stores what to say (a message type and its values, or plain text), not Telegram HTML: the bot
-- renders each message when it sends it, in the recipient's language of that moment, so a reminder retried the
-- next day says how many days are left then. Rows written before keep their HTML as a message of type "html".
ALTER TABLE deliveries ADD COLUMN message jsonb;
UPDATE deliveries SET message = jsonb_build_object('type', 'html', 'html', text);
ALTER TABLE deliveries ALTER COLUMN message SET NOT NULL;
ALTER TABLE deliveries DROP COLUMN text;

-- 'unknown': the send timed out or the connection dropped after the request went out, so Telegram may have
-- delivered it. Sendings have no idempotency key: such a delivery is never sent again; the Board is told.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown'));

-- The sender asks for each chat's oldest pending delivery first (row_number over telegram_id).
CREATE INDEX deliveries_pending_chat_idx ON deliveries (telegram_id, next_attempt_at, id) WHERE status = 'pending';

-- A broadcast's buttons carry this unguessable token, not the sequential id (someone could press another's).
ALTER TABLE broadcasts ADD COLUMN token text;
UPDATE broadcasts SET token = md5(random()::text || id::text) WHERE token IS NULL;
ALTER TABLE broadcasts ALTER COLUMN token SET NOT NULL;
CREATE UNIQUE INDEX broadcasts_token_idx ON broadcasts (token);
