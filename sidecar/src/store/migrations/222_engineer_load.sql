-- Open assigned issues per engineer and priority, kept current by a trigger on every write to
-- tracked_issues (insert, update, delete — whichever code path makes it), so a decision reads at
-- most engineers × priorities rows instead of scanning every open issue.
CREATE TABLE engineer_load (
  account_id  text    NOT NULL,
  priority    text    NOT NULL,
  open_count  integer NOT NULL,
  PRIMARY KEY (account_id, priority)
);

CREATE FUNCTION engineer_load_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.assignee_id IS NOT NULL AND NOT OLD.resolved THEN
    UPDATE engineer_load SET open_count = open_count - 1
     WHERE account_id = OLD.assignee_id AND priority = OLD.priority;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.assignee_id IS NOT NULL AND NOT NEW.resolved THEN
    INSERT INTO engineer_load (account_id, priority, open_count) VALUES (NEW.assignee_id, NEW.priority, 1)
    ON CONFLICT (account_id, priority) DO UPDATE SET open_count = engineer_load.open_count + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER tracked_issues_engineer_load
  AFTER INSERT OR DELETE OR UPDATE OF assignee_id, priority, resolved ON tracked_issues
  FOR EACH ROW EXECUTE FUNCTION engineer_load_track();

-- Issues tracked before this migration.
INSERT INTO engineer_load (account_id, priority, open_count)
SELECT assignee_id, priority, count(*) FROM tracked_issues
 WHERE assignee_id IS NOT NULL AND NOT resolved GROUP BY assignee_id, priority;
