-- Temperature sweep: the values the sidecar last wrote into the app's Temperature field, so a sweep
-- writes only what changed, and a lease that keeps sweeps of one scope from overlapping (a slow
-- sweep still running when the next five-minute tick arrives, or two replicas picking up ticks).
-- `scope` is the Forge installation id, or 'local' for a sweep an operator starts without Forge.
-- All times are written by the application (its clock is injected), never by now() in SQL.

CREATE TABLE temperature_field_values (
  scope       text        NOT NULL,
  issue_id    text        NOT NULL,
  issue_key   text        NOT NULL,
  score       integer     NOT NULL,
  band        text        NOT NULL,
  written_at  timestamptz NOT NULL,
  PRIMARY KEY (scope, issue_id)
);

CREATE TABLE temperature_sweep_leases (
  scope       text        PRIMARY KEY,
  holder      text        NOT NULL,
  held_until  timestamptz NOT NULL
);
