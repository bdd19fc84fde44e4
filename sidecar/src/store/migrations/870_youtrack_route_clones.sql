-- A clone routed from the YouTrack app: one row per source issue (YouTrack's database id) and preset.
-- The row is claimed before the create, so a double click makes one issue: a repeat click gets the
-- finished answer, or is told a route is under way. A create whose outcome is unknown leaves the row
-- 'unknown' with when it was tried, and the next click looks for that issue before creating one.
CREATE TABLE youtrack_route_clones (
  source_id          text NOT NULL,
  preset_id          text NOT NULL,
  source_key         text NOT NULL,
  state              text NOT NULL CHECK (state IN ('creating', 'unknown', 'created', 'done')),
  summary            text NOT NULL,
  attempt_started_at timestamptz NOT NULL,
  target_id          text,
  target_key         text,
  answer             jsonb,
  updated_at         timestamptz NOT NULL,
  PRIMARY KEY (source_id, preset_id)
);
