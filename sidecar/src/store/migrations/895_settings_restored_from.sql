-- A version made by restoring an earlier one records which: the history says "restored from
-- version N" instead of only listing the paths the restore changed. NULL for every other write.
ALTER TABLE settings_versions
  ADD COLUMN restored_from integer NULL REFERENCES settings_versions (version)
  CHECK (restored_from > 0 AND restored_from < version);
