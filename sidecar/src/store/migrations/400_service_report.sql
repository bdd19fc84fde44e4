-- Service report facts. One row per ticket lifecycle (written by the ticket's one evaluation, on
-- every processed event, and by the backfill), one row per parts order with a line per part, and
-- the backfill's resumable progress. Durations are minutes in the contract's business calendar
-- (wall-clock minutes when a ticket has no contract; `business_time` says which), computed when
-- the row is written so the report's aggregates are plain SQL. All times come from the application.

CREATE TABLE report_tickets (
  issue_key                 text        PRIMARY KEY,
  project                   text        NOT NULL,
  team                      text        NOT NULL,
  customer_id               text,
  customer_name             text,
  contract_id               text,
  engineer_id               text,
  priority                  text        NOT NULL,
  request_type              text,
  created_at                timestamptz NOT NULL,
  first_response_at         timestamptz,
  first_assigned_at         timestamptz,
  work_started_at           timestamptz,
  resolved_at               timestamptz,
  reopened_count            integer     NOT NULL DEFAULT 0,
  first_response_min        double precision,
  assign_min                double precision,
  work_start_min            double precision,
  work_start_target_min     double precision NOT NULL,
  resolution_min            double precision,
  business_time             boolean     NOT NULL,
  -- Per SLA clock: 'met', 'breached' or NULL (open, or no such clock), with target and elapsed.
  sla_first_response        text,
  sla_first_response_target double precision,
  sla_first_response_elapsed double precision,
  sla_update                text,
  sla_update_target         double precision,
  sla_update_elapsed        double precision,
  sla_resolution            text,
  sla_resolution_target     double precision,
  sla_resolution_elapsed    double precision,
  -- 'event' or 'backfill': a backfilled row never overwrites one events wrote.
  source                    text        NOT NULL,
  updated_at                timestamptz NOT NULL
);
CREATE INDEX report_tickets_created ON report_tickets (created_at);
CREATE INDEX report_tickets_project_created ON report_tickets (project, created_at);

CREATE TABLE report_parts_orders (
  order_key      text        PRIMARY KEY,
  project        text        NOT NULL,
  ticket_key     text,
  customer_id    text,
  customer_name  text,
  contract_id    text,
  ordered_at     timestamptz NOT NULL,
  delivered_at   timestamptz,
  due_at         timestamptz NOT NULL,
  delivery_min   double precision,
  -- NULL while not delivered.
  on_time        boolean,
  parts          jsonb       NOT NULL DEFAULT '[]',
  updated_at     timestamptz NOT NULL
);
CREATE INDEX report_parts_orders_ordered ON report_parts_orders (ordered_at);

CREATE TABLE report_parts_lines (
  order_key  text    NOT NULL REFERENCES report_parts_orders (order_key) ON DELETE CASCADE,
  part       text    NOT NULL,
  quantity   integer NOT NULL,
  PRIMARY KEY (order_key, part)
);

CREATE TABLE report_backfill (
  scope            text        PRIMARY KEY,
  state            text        NOT NULL,
  jql              text        NOT NULL,
  resume_created   text,
  pages            integer     NOT NULL DEFAULT 0,
  issues           integer     NOT NULL DEFAULT 0,
  started_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  error            text
);
