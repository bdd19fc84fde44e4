-- Who pressed "Take" first: one row per issue. Two presses at once race on the primary key and only
-- the winner assigns in Jira; a claim whose assignment failed is released, and a ticket unassigned
-- again after the claim (tracked_issues.unassigned_since later than claimed_at) may be claimed anew.
CREATE TABLE notify_take_claims (
  issue_key   text PRIMARY KEY,
  account_id  text NOT NULL,
  claimed_at  timestamptz NOT NULL,
  released    boolean NOT NULL DEFAULT false
);
