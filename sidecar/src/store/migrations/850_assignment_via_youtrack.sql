-- Assignments picked in the YouTrack app's issue view are recorded as made there, not as Forge's.
ALTER TABLE assignment_decisions DROP CONSTRAINT assignment_decisions_via_check;
ALTER TABLE assignment_decisions
  ADD CONSTRAINT assignment_decisions_via_check CHECK (via IN ('auto', 'forge', 'telegram', 'youtrack'));
