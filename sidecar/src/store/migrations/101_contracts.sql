-- Customer contracts as pushed or imported from the master system; the document is the validated
-- shared ContractSchema value, the columns are what we look contracts up by.
CREATE TABLE contracts (
  id           text        PRIMARY KEY,
  customer_id  text        NOT NULL,
  document     jsonb       NOT NULL,
  updated_by   text        NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contracts_customer_id_idx ON contracts (customer_id);
