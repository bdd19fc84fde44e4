-- Intake is a transactional outbox: a webhook request commits only its intake_events row (one
-- statement), and the relay turns new rows into intake.process jobs in batches, marking them
-- enqueued in the same transaction. Rows from before this change were enqueued with their insert.
ALTER TABLE intake_events ADD COLUMN enqueued_at timestamptz;

UPDATE intake_events SET enqueued_at = received_at;

CREATE INDEX intake_events_to_enqueue ON intake_events (received_at) WHERE enqueued_at IS NULL;
