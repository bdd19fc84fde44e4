-- Calendar feeds an engineer links on "My availability" (Outlook/Google "secret address"): the URL
-- is sealed with the sidecar's secret key (bound to the engineer), never stored or shown in clear.
CREATE TABLE availability_feed_links (
  account_id text PRIMARY KEY,
  sealed_url text NOT NULL,
  linked_by  text NOT NULL,
  linked_at  timestamptz NOT NULL
);
