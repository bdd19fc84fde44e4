// Settings from a file at start (`FRONTLINE_SETTINGS_FILE`): a JSON document validated exactly like
// an API write. When it differs from the live settings it becomes a new version by `file:<path>`;
// when it is the same, nothing is written, so restarts do not pile up versions.
import { readFile } from 'node:fs/promises';
import type { FieldIssue, Result } from '@frontline/shared';
import type { SettingsService } from './service.js';

export type SettingsFileError =
  | { kind: 'unreadable'; message: string }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'conflict'; currentVersion: number };

/** What loading did: the live version afterwards and whether the file created it. */
export interface SettingsFileOutcome {
  version: number;
  created: boolean;
}

/** Loads, validates and stores the settings file; a failure says why, so start-up can stop with it. */
export async function loadSettingsFile(
  path: string,
  settings: SettingsService,
): Promise<Result<SettingsFileOutcome, SettingsFileError>> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return { ok: false, error: { kind: 'unreadable', message: `${path}: ${(error as Error).message}` } };
  }
  const written = await settings.replace(input, { actor: `file:${path}`, source: 'file' });
  if (!written.ok) return { ok: false, error: written.error };
  return { ok: true, value: { version: written.value.version.version, created: written.value.created } };
}

/** One line per problem, naming the file and each field: what start-up prints before it stops. */
export function describeSettingsFileError(path: string, error: SettingsFileError): string {
  if (error.kind === 'unreadable') return `FRONTLINE_SETTINGS_FILE: cannot read ${error.message}`;
  if (error.kind === 'conflict') return `FRONTLINE_SETTINGS_FILE: settings changed while loading ${path}`;
  const lines = error.issues.map((i) => `  ${i.path === '' ? '(document)' : i.path}: ${i.message}`);
  return [`FRONTLINE_SETTINGS_FILE: ${path} is not valid settings:`, ...lines].join('\n');
}
