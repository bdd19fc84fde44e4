-- Engineers' availability entered in Jira ("My availability"): one row per absence with who entered
-- it and when, and who changed it last. Bounds are kept as written (a date, or an instant) for the
-- shared Absence, and as instants for range queries.
CREATE TABLE availability_absences (
  id          text PRIMARY KEY,
  account_id  text NOT NULL,
  kind        text NOT NULL,
  starts      text NOT NULL,
  ends        text NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  note        text,
  entered_by  text NOT NULL,
  entered_at  timestamptz NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX availability_absences_account ON availability_absences (account_id, starts_at);

-- "I have checked this week": confirming a week with no absences counts.
CREATE TABLE availability_confirmations (
  account_id   text NOT NULL,
  week_start   text NOT NULL,
  confirmed_by text NOT NULL,
  confirmed_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, week_start)
);

-- The last refresh of each engineer's calendar feed: when it last read well, and its last error.
CREATE TABLE availability_feed_status (
  account_id    text PRIMARY KEY,
  source        text NOT NULL,
  last_ok_at    timestamptz,
  absences      integer,
  last_error    text,
  last_error_at timestamptz
);

-- One counter every write of entered absences bumps, in the same transaction: the assignment world
-- rebuilds when it changes (on every replica), and writes are serialised by its row lock.
CREATE TABLE availability_revision (
  id       integer PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL
);
INSERT INTO availability_revision (id, revision) VALUES (1, 0);
