-- The customer's side: requests to approve paid work with their audit trail, ratings of resolved
-- tickets and NPS invitations. Each request is answered once: the answer is a conditional UPDATE
-- of its own row (state 'awaiting' → decided), so a reused link changes nothing.
CREATE TABLE customer_approvals (
  id               text PRIMARY KEY,
  issue_key        text NOT NULL,
  installation_id  text,
  summary          text NOT NULL,
  contract_id      text NOT NULL,
  contract_number  text NOT NULL,
  customer_id      text NOT NULL,
  customer_name    text NOT NULL,
  -- {hours?, cost?, note?}
  estimate         jsonb NOT NULL,
  -- Why it is not covered ({en, ru}) and our responsibility zone (list of lines).
  reason           jsonb NOT NULL,
  zone             jsonb NOT NULL,
  language         text NOT NULL,
  register         text NOT NULL,
  contact_email    text NOT NULL,
  contact_name     text,
  manager_name     text NOT NULL,
  manager_email    text,
  pauses_resolution boolean NOT NULL,
  state            text NOT NULL CHECK (state IN ('awaiting', 'approved', 'declined', 'expired', 'withdrawn')),
  requested_by     text NOT NULL,
  requested_at     timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  decided_at       timestamptz,
  decided_by       text,
  decided_via      text,
  decision_note    text,
  -- The tracker writes (comment, issue property) are done once the request is stored.
  property_written boolean NOT NULL DEFAULT false
);
CREATE INDEX customer_approvals_issue ON customer_approvals (issue_key, requested_at DESC);
-- At most one request awaits an answer per issue.
CREATE UNIQUE INDEX customer_approvals_one_awaiting ON customer_approvals (issue_key) WHERE state = 'awaiting';

CREATE TABLE customer_approval_audit (
  id           bigserial PRIMARY KEY,
  approval_id  text NOT NULL REFERENCES customer_approvals (id),
  at           timestamptz NOT NULL,
  action       text NOT NULL,
  -- Who: an Atlassian account id, the customer's contact, or the person a manager names.
  actor        text NOT NULL,
  via          text NOT NULL,
  note         text
);
CREATE INDEX customer_approval_audit_approval ON customer_approval_audit (approval_id, id);

CREATE TABLE customer_ratings (
  id             text PRIMARY KEY,
  issue_key      text NOT NULL UNIQUE,
  summary        text NOT NULL,
  customer_id    text,
  customer_name  text,
  engineer_id    text,
  team           text NOT NULL,
  contact_email  text NOT NULL,
  language       text NOT NULL,
  register       text NOT NULL,
  manager_name   text,
  manager_email  text,
  requested_at   timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  score          smallint CHECK (score BETWEEN 1 AND 5),
  comment        text,
  answered_at    timestamptz,
  -- The portal comment with the link is written once (a claim on this flag).
  comment_posted boolean NOT NULL DEFAULT false
);
CREATE INDEX customer_ratings_answered ON customer_ratings (answered_at) WHERE answered_at IS NOT NULL;

CREATE TABLE customer_nps (
  id             text PRIMARY KEY,
  period         text NOT NULL,
  customer_id    text NOT NULL,
  customer_name  text NOT NULL,
  contact_email  text NOT NULL,
  language       text NOT NULL,
  register       text NOT NULL,
  manager_name   text,
  sent_at        timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  score          smallint CHECK (score BETWEEN 0 AND 10),
  comment        text,
  answered_at    timestamptz,
  UNIQUE (period, customer_id, contact_email)
);
