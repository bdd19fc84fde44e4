-- Every settings write is a new row: the whole validated document, who wrote it, when, through
-- which door (admin API, Forge admin page, settings file) and the paths that changed.
CREATE TABLE settings_versions (
  version     integer     PRIMARY KEY CHECK (version > 0),
  document    jsonb       NOT NULL,
  actor       text        NOT NULL,
  source      text        NOT NULL CHECK (source IN ('admin-api', 'forge', 'file')),
  changes     jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
