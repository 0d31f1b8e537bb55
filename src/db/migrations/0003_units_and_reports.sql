-- The city's subordinate party organisations.
CREATE TABLE units (
  code                  text PRIMARY KEY,
  name                  text NOT NULL,
  kind                  text NOT NULL CHECK (kind IN ('committee', 'cell')),
  type                  text NOT NULL,          -- ward, commune, school, agency, enterprise, …
  model                 boolean NOT NULL DEFAULT false,
  planned_congress_date date,                   -- from the registry; a 'plan' report overrides it
  active                boolean NOT NULL DEFAULT true,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Board members granted in chat (those in ADMIN_TELEGRAM_IDS are Board members without a row).
CREATE TABLE board_members (
  telegram_id  bigint PRIMARY KEY,
  granted_by   bigint NOT NULL,
  granted_at   timestamptz NOT NULL DEFAULT now()
);

-- Secretaries and deputies. A person belongs to one unit at a time: removal keeps the row as history.
CREATE TABLE unit_members (
  id           bigserial PRIMARY KEY,
  telegram_id  bigint NOT NULL,
  unit_code    text NOT NULL REFERENCES units(code),
  role         text NOT NULL CHECK (role IN ('secretary', 'deputy')),
  invite_id    bigint,
  joined_at    timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz,
  removed_by   bigint
);
-- "Exactly one unit each": at most one active membership per person.
CREATE UNIQUE INDEX unit_members_one_active_idx ON unit_members (telegram_id) WHERE removed_at IS NULL;
CREATE INDEX unit_members_unit_idx ON unit_members (unit_code) WHERE removed_at IS NULL;

-- One-time invite codes. Only a hash is stored: a leaked table does not leak usable codes.
CREATE TABLE invites (
  id           bigserial PRIMARY KEY,
  code_hash    text NOT NULL UNIQUE,
  unit_code    text NOT NULL REFERENCES units(code),
  role         text NOT NULL CHECK (role IN ('secretary', 'deputy')),
  created_by   bigint,                          -- NULL: made on the command line
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_by      bigint,
  used_at      timestamptz
);

-- Congress progress as append-only events; the current state is derived (latest event per unit and milestone).
-- A correction is a new event whose `supersedes` points at the one it replaces; both stay in the history.
CREATE TABLE report_events (
  id           bigserial PRIMARY KEY,
  unit_code    text NOT NULL REFERENCES units(code),
  milestone    text NOT NULL,
  event_date   date NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  supersedes   bigint REFERENCES report_events(id),
  reported_by  bigint,                          -- Telegram id; NULL from the command line
  chat_id      bigint,
  reported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_events_unit_milestone_idx ON report_events (unit_code, milestone, id DESC);
CREATE INDEX report_events_reported_at_idx ON report_events (reported_at);

-- A guided /report in progress, per chat: survives a restart mid-flow.
CREATE TABLE report_flows (
  chat_id      bigint PRIMARY KEY,
  telegram_id  bigint NOT NULL,
  unit_code    text NOT NULL REFERENCES units(code),
  step         text NOT NULL,
  milestone    text,
  data         jsonb NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL DEFAULT now()
);
