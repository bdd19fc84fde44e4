-- Outbound notifications: every message goes through this table and is sent at most once per
-- idempotency key. Life of a row:
--   pending --claim--> sending (lease_until, claim_token) --in_flight=true--> external call
--     --> sent | pending (retry at next_attempt_at) | failed (permanent or out of attempts)
--   sending + lease expired + in_flight=false --> claimable again (the worker died before calling out)
--   sending + lease expired + in_flight=true  --> uncertain (the worker died during the call: the
--     message may have been delivered; never resent automatically, listed with the failures)
--   held: no channel was configured when the message came due; kept and printed in the log.
-- All times are written by the application (its clock is injected), never by now() in SQL.
CREATE TABLE notify_outbox (
  id              text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  channel         text NOT NULL CHECK (channel IN ('email', 'telegram', 'slack')),
  recipient       text NOT NULL,
  issue_key       text,
  message         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'held')),
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL DEFAULT 8,
  next_attempt_at timestamptz NOT NULL,
  lease_until     timestamptz,
  claim_token     text,
  in_flight       boolean NOT NULL DEFAULT false,
  last_error      text,
  provider_ref    text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  sent_at         timestamptz
);

CREATE INDEX notify_outbox_due ON notify_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notify_outbox_leased ON notify_outbox (lease_until) WHERE status = 'sending';
CREATE INDEX notify_outbox_attention ON notify_outbox (updated_at) WHERE status IN ('failed', 'uncertain', 'held');
CREATE INDEX notify_outbox_issue ON notify_outbox (issue_key, channel) WHERE issue_key IS NOT NULL;

-- Telegram re-delivers an update until it gets a 2xx; one row per update id makes a redelivered
-- "Take" press a no-op.
CREATE TABLE notify_telegram_updates (
  update_id   bigint PRIMARY KEY,
  received_at timestamptz NOT NULL
);
