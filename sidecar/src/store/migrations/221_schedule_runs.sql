-- One row per scheduled run that must happen once per slot (a manager's digest for a local date):
-- replicas and overlapping ticks race on the primary key, and only the winner builds and sends.
CREATE TABLE schedule_runs (
  name     text NOT NULL,
  run_key  text NOT NULL,
  slot     text NOT NULL,
  ran_at   timestamptz NOT NULL,
  -- What the run did, e.g. how many tickets the digest listed (0: nothing to send).
  outcome  jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (name, run_key, slot)
);
