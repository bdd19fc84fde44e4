// Versioned settings: validation with the shared schemas, storage, diffs and the settings file.
export * from './service.js';
export type {
  SettingsRepository,
  SettingsSource,
  SettingsVersion,
  SettingsVersionSummary,
  SettingsWriteError,
  SettingsWriteOutcome,
} from './repository.js';
export { createSettingsRepository } from './repository.js';
export { diffJson, jsonEqual, type JsonChange } from './diff.js';
export { loadSettingsFile, describeSettingsFileError, type SettingsFileError } from './file.js';
