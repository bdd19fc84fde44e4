// Settings as the admin API, the Forge admin page and the settings file see them: the whole
// document or one section of it, always validated with the shared schemas before it is stored.
import {
  parseWith,
  SettingsDocumentSchema,
  SETTINGS_SECTIONS,
  type FieldIssue,
  type Result,
  type SettingsDocument,
} from '@frontline/shared';
import type { z } from 'zod';
import type { Db } from '../store/db.js';
import {
  createSettingsRepository,
  type SettingsRepository,
  type SettingsSource,
  type SettingsVersion,
  type SettingsVersionSummary,
  type SettingsWriteError,
  type SettingsWriteOutcome,
} from './repository.js';

export { SETTINGS_SECTIONS };

/** Whether `name` is a section of the settings document (`calendars`, `slaPolicies`, …). */
export function isSection(name: string): boolean {
  return (SETTINGS_SECTIONS as readonly string[]).includes(name);
}

/** The settings in force before anything is stored: the schema's defaults, or `{}` if it has none. */
export function baselineSettings(): unknown {
  baseline ??= computeBaseline();
  return structuredClone(baseline);
}

let baseline: unknown;

function computeBaseline(): unknown {
  const parsed = SettingsDocumentSchema.safeParse({});
  return parsed.success ? JSON.parse(JSON.stringify(parsed.data)) : {};
}

/** The live settings: version 0 is the baseline, nothing stored yet. */
export interface LiveSettings {
  version: number;
  settings: unknown;
  actor?: string;
  source?: SettingsSource;
  createdAt?: Date;
}

export type SectionWriteError = SettingsWriteError | { kind: 'unknown_section'; section: string };

export interface WriteMeta {
  actor: string;
  source: SettingsSource;
  ifVersion?: number;
}

export interface SettingsService {
  live(): Promise<LiveSettings>;
  version(n: number): Promise<SettingsVersion | undefined>;
  versions(opts?: { limit?: number; before?: number }): Promise<SettingsVersionSummary[]>;
  /** Replaces the whole document. */
  replace(input: unknown, meta: WriteMeta): Promise<Result<SettingsWriteOutcome, SettingsWriteError>>;
  /**
   * Makes version `n`'s document live again as a NEW version (history is never rewritten) that
   * records `restoredFrom: n`, checked with today's schema; `not_found` when there is no such
   * version. When `n`'s document is the live one already, nothing is stored.
   */
  restore(
    n: number,
    meta: WriteMeta,
  ): Promise<Result<SettingsWriteOutcome, SettingsWriteError | { kind: 'not_found'; version: number }>>;
  /** Replaces one section, keeping the others as they are at the moment of the write. */
  replaceSection(
    section: string,
    input: unknown,
    meta: WriteMeta,
  ): Promise<Result<SettingsWriteOutcome, SectionWriteError>>;
}

function sectionSchema(section: string): z.ZodType | undefined {
  return isSection(section)
    ? (SettingsDocumentSchema.shape as Record<string, z.ZodType>)[section]
    : undefined;
}

/** Validates a whole document; issue paths are relative to it. */
export function validateSettings(input: unknown): Result<SettingsDocument, FieldIssue[]> {
  return parseWith(SettingsDocumentSchema, input);
}

/**
 * Keys refused anywhere in a settings document. JSON.parse makes them own properties, harmless as
 * such, but any later copy that assigns key by key (a merge, a hand-written record copy) would write
 * through `__proto__` into a prototype, or reach one through `constructor.prototype`; zod's record
 * parser drops `__proto__` without a word, so what is stored would not be what was sent; and a
 * lookup of a label such as `constructor` in a plain object finds Object's own member. No setting
 * needs them, so they are refused by path like any other bad field.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

/** Each reserved key in `input` (at any depth), by its dotted path; empty when there is none. */
export function reservedKeyIssues(input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // An explicit stack: the body parser bounds depth, but the settings file is read without it.
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (RESERVED_KEYS.has(key))
        issues.push({ path: at, message: `"${key}" cannot be used as a key in settings` });
      else stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
  return issues.sort((a, b) => a.path.localeCompare(b.path));
}

function withSection(current: unknown, section: string, value: unknown): Record<string, unknown> {
  const base = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
  return { ...base, [section]: value };
}

/** Creates the service over `db`. */
export function createSettingsService(db: Db, repository?: SettingsRepository): SettingsService {
  const repo = repository ?? createSettingsRepository(db, baselineSettings());
  const replaceWith = (
    input: unknown,
    meta: WriteMeta & { restoredFrom?: number },
  ): Promise<Result<SettingsWriteOutcome, SettingsWriteError>> => {
    const reserved = reservedKeyIssues(input);
    if (reserved.length > 0)
      return Promise.resolve({ ok: false, error: { kind: 'invalid', issues: reserved } });
    const validated = validateSettings(input);
    if (!validated.ok)
      return Promise.resolve({ ok: false, error: { kind: 'invalid', issues: validated.error } });
    return repo.write({ ...meta, build: () => validated });
  };
  return {
    async live() {
      const current = await repo.current();
      if (!current) return { version: 0, settings: baselineSettings() };
      return {
        version: current.version,
        settings: current.settings,
        actor: current.actor,
        source: current.source,
        createdAt: current.createdAt,
      };
    },
    version: (n) => repo.get(n),
    versions: (opts) => repo.list(opts),
    replace: (input, meta) => replaceWith(input, meta),
    async restore(n, meta) {
      const old = await repo.get(n);
      if (!old) return { ok: false, error: { kind: 'not_found', version: n } };
      return replaceWith(old.settings, { ...meta, restoredFrom: n });
    },
    async replaceSection(section, input, meta) {
      const schema = sectionSchema(section);
      if (!schema) return { ok: false, error: { kind: 'unknown_section', section } };
      // Section issues are reported relative to the section body the caller sent.
      const reserved = reservedKeyIssues(input);
      if (reserved.length > 0) return { ok: false, error: { kind: 'invalid', issues: reserved } };
      const parsedSection = parseWith(schema, input);
      if (!parsedSection.ok) return { ok: false, error: { kind: 'invalid', issues: parsedSection.error } };
      return repo.write({
        ...meta,
        build: (current) => validateSettings(withSection(current, section, parsedSection.value)),
      });
    },
  };
}
