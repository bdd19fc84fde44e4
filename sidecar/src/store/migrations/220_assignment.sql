-- Coordinator assignment: what the sidecar keeps about issues (Jira stays the source of truth).
-- All times are written by the application (its clock is injected), never by now() in SQL.

-- One row per issue we have heard of, kept current from events: engineers' load, the morning digest
-- and the reminders read it. `fact_at` is when Jira says the snapshot was true, so a late delivery
-- never overwrites a newer one.
CREATE TABLE tracked_issues (
  issue_key          text PRIMARY KEY,
  issue_id           text,
  project            text NOT NULL,
  summary            text NOT NULL DEFAULT '',
  priority           text NOT NULL,
  status             text,
  status_since       timestamptz,
  resolved           boolean NOT NULL DEFAULT false,
  assignee_id        text,
  request_type       text,
  labels             jsonb NOT NULL DEFAULT '[]',
  customer_id        text,
  customer_name      text,
  contract_id        text,
  service_manager_id text,
  -- The adjacent team (project key) the issue was last routed to, if it was.
  routed_team        text,
  temperature        integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL,
  -- Since when the issue has had no assignee (null while assigned).
  unassigned_since   timestamptz,
  last_public_update_at timestamptz NOT NULL,
  fact_at            timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);

CREATE INDEX tracked_issues_open_assignee ON tracked_issues (assignee_id) WHERE NOT resolved AND assignee_id IS NOT NULL;
CREATE INDEX tracked_issues_open_unassigned ON tracked_issues (unassigned_since) WHERE NOT resolved AND assignee_id IS NULL;

-- The SLA facts of each issue (shared SlaEvent values), one per accepted event and position in it.
CREATE TABLE issue_history (
  issue_key  text NOT NULL,
  event_id   uuid NOT NULL,
  seq        integer NOT NULL,
  at         timestamptz NOT NULL,
  fact       jsonb NOT NULL,
  PRIMARY KEY (event_id, seq)
);

CREATE INDEX issue_history_issue ON issue_history (issue_key, at);

-- A ranking made for an issue when an event asked for one (created, routed in, assignee removed):
-- the suggestions the coordinator sees and, in auto mode, the assignment the sidecar carries out.
-- One per triggering event, so a redelivered or retried event decides nothing twice.
CREATE TABLE assignment_rankings (
  id              uuid PRIMARY KEY,
  issue_key       text NOT NULL,
  trigger_event   uuid NOT NULL UNIQUE,
  trigger_kind    text NOT NULL,
  ranking         jsonb NOT NULL,
  decision        jsonb NOT NULL,
  -- Auto mode: pending → assigned → commented → done (or superseded when a person got there first).
  action_state    text CHECK (action_state IN ('pending', 'assigned', 'commented', 'done', 'superseded')),
  action_account  text,
  comment_text    text,
  comment_id      text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);

CREATE INDEX assignment_rankings_issue ON assignment_rankings (issue_key, created_at DESC);
CREATE INDEX assignment_rankings_pending ON assignment_rankings (trigger_event) WHERE action_state IN ('pending', 'assigned', 'commented');

-- Every assignment the sidecar made or carried out for a person: who, when, and which suggested rank
-- the chosen engineer had (null when they were not suggested) — the time-to-assign record.
CREATE TABLE assignment_decisions (
  id                  uuid PRIMARY KEY,
  issue_key           text NOT NULL,
  account_id          text NOT NULL,
  actor               text NOT NULL,
  via                 text NOT NULL CHECK (via IN ('auto', 'forge', 'telegram')),
  suggested_rank      integer,
  waiting_since       timestamptz NOT NULL,
  decided_at          timestamptz NOT NULL,
  time_to_assign_ms   bigint NOT NULL,
  idempotency_key     text NOT NULL UNIQUE
);

CREATE INDEX assignment_decisions_issue ON assignment_decisions (issue_key, decided_at DESC);

-- Absences read from engineers' iCalendar feeds; replaced as a whole per engineer on each refresh.
CREATE TABLE engineer_absences (
  account_id   text NOT NULL,
  uid          text NOT NULL,
  kind         text NOT NULL,
  starts       text NOT NULL,
  ends         text NOT NULL,
  note         text,
  refreshed_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, uid, starts)
);
