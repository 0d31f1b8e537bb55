-- One morning message per person: each reminder or nudge it carries is an item recorded here under its own key
-- (the key a single reminder had before), in the same transaction as the message: an item goes at most once,
-- whatever message it is grouped into, across crashes, restarts and instances.
CREATE TABLE delivery_items (
  item_key text PRIMARY KEY,
  delivery_id bigint REFERENCES deliveries (id) ON DELETE CASCADE,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_items_delivery_idx ON delivery_items (delivery_id);
-- Single reminders recorded before this change count as items too.
INSERT INTO delivery_items (item_key, delivery_id)
  SELECT dedupe_key, id FROM deliveries WHERE kind IN ('reminder', 'nudge') ON CONFLICT DO NOTHING;

-- "Not yet — expected on…": the date a member expects a step to be done; overdue nudges wait until it, and the
-- Board sees it. One per unit and step (the latest); who said it and when.
CREATE TABLE expected_dates (
  unit_code text NOT NULL REFERENCES units (code) ON DELETE CASCADE,
  milestone text NOT NULL,
  expected_on date NOT NULL,
  set_by bigint,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, milestone)
);
