-- Every event the sidecar accepted (Jira webhooks, Forge events), kept so nothing acknowledged is
-- lost. (source, idempotency_key) is the dedupe key: Jira resends the same webhook identifier on
-- retries, Forge events carry their own id; a body hash stands in when neither is present.
CREATE TABLE intake_events (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  idempotency_key text NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  -- When the vendor says the event happened (deliveries arrive late and out of order).
  occurred_at timestamptz,
  received_at timestamptz NOT NULL,
  -- Set by the intake.process job in the same transaction as its effects: the once-only guard.
  processed_at timestamptz,
  CONSTRAINT intake_events_dedupe UNIQUE (source, idempotency_key)
);

CREATE INDEX intake_events_unprocessed ON intake_events (received_at) WHERE processed_at IS NULL;

-- One row per time a job acted on an event. Deliberately not unique: with the guard above there is
-- exactly one row per event, and a second row would be visible evidence of double processing.
CREATE TABLE intake_event_handling (
  event_id uuid NOT NULL REFERENCES intake_events (id),
  job_id text NOT NULL,
  handled_at timestamptz NOT NULL
);

CREATE INDEX intake_event_handling_event ON intake_event_handling (event_id);
