-- Forge app tokens (x-forge-oauth-system / x-forge-oauth-user) that must outlive the request,
-- sealed with AES-256-GCM; rows are deleted once expired. `principal` is '' for system tokens.
CREATE TABLE forge_app_tokens (
  installation_id  text        NOT NULL,
  kind             text        NOT NULL CHECK (kind IN ('system', 'user')),
  principal        text        NOT NULL DEFAULT '',
  api_base_url     text        NOT NULL,
  sealed_token     text        NOT NULL,
  expires_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (installation_id, kind, principal)
);
CREATE INDEX forge_app_tokens_expires_at_idx ON forge_app_tokens (expires_at);
