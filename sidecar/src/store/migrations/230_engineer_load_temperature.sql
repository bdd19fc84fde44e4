-- Load weighted by temperature: open assigned issues per engineer, priority and temperature, kept
-- current by the trigger on every write to tracked_issues (now also when only the temperature
-- changes). Which weight a row carries — its temperature band's, or its priority's when the policy
-- weighs by priority only — is decided when loads are read, from the live settings, so a change of
-- weights or bands needs no rebuild. Rows that drop to zero are removed: temperatures move every
-- sweep and would otherwise leave a trail of empty rows.
DROP TRIGGER tracked_issues_engineer_load ON tracked_issues;
DROP TABLE engineer_load;

CREATE TABLE engineer_load (
  account_id   text    NOT NULL,
  priority     text    NOT NULL,
  temperature  integer NOT NULL,
  open_count   integer NOT NULL,
  PRIMARY KEY (account_id, priority, temperature)
);

CREATE OR REPLACE FUNCTION engineer_load_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.assignee_id IS NOT NULL AND NOT OLD.resolved THEN
    UPDATE engineer_load SET open_count = open_count - 1
     WHERE account_id = OLD.assignee_id AND priority = OLD.priority AND temperature = OLD.temperature;
    DELETE FROM engineer_load
     WHERE account_id = OLD.assignee_id AND priority = OLD.priority AND temperature = OLD.temperature
       AND open_count <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.assignee_id IS NOT NULL AND NOT NEW.resolved THEN
    INSERT INTO engineer_load (account_id, priority, temperature, open_count)
    VALUES (NEW.assignee_id, NEW.priority, NEW.temperature, 1)
    ON CONFLICT (account_id, priority, temperature) DO UPDATE SET open_count = engineer_load.open_count + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER tracked_issues_engineer_load
  AFTER INSERT OR DELETE OR UPDATE OF assignee_id, priority, resolved, temperature ON tracked_issues
  FOR EACH ROW EXECUTE FUNCTION engineer_load_track();

INSERT INTO engineer_load (account_id, priority, temperature, open_count)
SELECT assignee_id, priority, temperature, count(*) FROM tracked_issues
 WHERE assignee_id IS NOT NULL AND NOT resolved GROUP BY assignee_id, priority, temperature;
