-- The relay's work list moves out of intake_events into a narrow table of its own. Marking an
-- event enqueued used to rewrite its whole row (payload included) and add entries to every index
-- on it; now accepting an event adds one small row here in the same statement, and relaying it
-- deletes that row in the same transaction as the job insert.
CREATE TABLE intake_outbox (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id uuid NOT NULL
);

INSERT INTO intake_outbox (event_id)
  SELECT id FROM intake_events WHERE enqueued_at IS NULL ORDER BY received_at;

DROP INDEX intake_events_to_enqueue;

ALTER TABLE intake_events DROP COLUMN enqueued_at;

-- No query looks events up by this (each job carries its event's id); it only cost every accepted
-- event one more index entry.
DROP INDEX intake_events_unprocessed;
