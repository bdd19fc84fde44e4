// The admin page's resolvers: read and write the settings document through the sidecar's admin
// routes (Forge Remote), report whether the sidecar is reachable and which version is live, and
// refresh the KVS copy that Route and Reply act on.
import { z } from 'zod';
import type { FieldIssue, SettingsDocument } from '@frontline/shared';
import { parseWith, SETTINGS_SECTIONS, SettingsDocumentSchema, unknownJiraFields } from '@frontline/shared';
import { storeKeys } from '../storage/app-store.js';
import type { SettingsVersionView, SettingsView, SiteFieldView } from '../ui-contract.js';
import type { ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { failure, parsePayload } from './resolver-kit.js';
import type { CachedSettings } from './settings-source.js';
import { cacheSettings } from './settings-source.js';

const SavePayload = z.object({
  document: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().optional(),
});

const RestorePayload = z.object({
  version: z.number().int().positive(),
  baseVersion: z.number().int().optional(),
});
const ChannelTestPayload = z.object({
  channel: z.enum(['email', 'telegram', 'slack']),
  recipient: z.string().trim().min(1).max(320).optional(),
});

/**
 * The admin page resolvers: `settings.load`, `settings.save`, `settings.validate`, the version
 * history (`settings.versions`) and `settings.restore`, the site's own Jira fields to choose from
 * (`settings.fields`) and a test send per channel (`settings.testChannel`).
 */
export function settingsResolvers(deps: ResolverDeps): Record<string, ResolverHandler> {
  return {
    'settings.load': () => load(deps),
    'settings.save': (payload) => save(deps, payload),
    'settings.validate': (payload) => validate(payload),
    'settings.versions': () => versions(deps),
    'settings.restore': (payload) => restore(deps, payload),
    'settings.fields': () => siteFields(deps),
    'settings.testChannel': (payload) => testChannel(deps, payload),
  };
}

async function versions(deps: ResolverDeps): Promise<ResolverAnswer<SettingsVersionView[]>> {
  const got = await deps.sidecar.settingsVersions();
  if (!got.ok) return failure('sidecar', got.error.message);
  return {
    ok: true,
    value: got.value.versions.map((v) => ({
      version: v.version,
      actor: v.actor,
      source: v.source,
      createdAt: v.createdAt,
      changed: v.changes.map((c) => ({ op: c.op, path: c.path })),
      restoredFrom: v.restoredFrom ?? null,
    })),
  };
}

async function restore(deps: ResolverDeps, payload: unknown): Promise<ResolverAnswer<{ version: number }>> {
  const input = parsePayload(RestorePayload, payload);
  if (!input.ok) return input;
  const restored = await deps.sidecar.restoreSettings(input.value.version, input.value.baseVersion);
  if (!restored.ok) {
    if (restored.error.status === 409) return failure('conflict', restored.error.message);
    const issues = fieldIssuesIn(restored.error.details);
    // An old version may not pass today's checks (a section added since, a renamed calendar).
    if (issues.length) return failure('invalid', restored.error.message, issues);
    return failure('sidecar', restored.error.message);
  }
  const cached = await cacheSettings(deps, restored.value);
  return { ok: true, value: { version: cached.version } };
}

/** The site's fields (`GET /rest/api/3/field`), named, for the admin to choose the ids Frontline reads. */
async function siteFields(deps: ResolverDeps): Promise<ResolverAnswer<SiteFieldView[]>> {
  const got = await deps.jira.getFields();
  if (!got.ok) return failure('jira', got.error.message);
  return {
    ok: true,
    value: got.value
      .map((f) => ({ id: f.id, name: f.name, custom: f.custom === true }))
      .sort((a, b) => Number(b.custom) - Number(a.custom) || a.name.localeCompare(b.name)),
  };
}

async function testChannel(
  deps: ResolverDeps,
  payload: unknown,
): Promise<ResolverAnswer<{ recipient: string }>> {
  const input = parsePayload(ChannelTestPayload, payload);
  if (!input.ok) return input;
  const sent = await deps.sidecar.testChannel(input.value.channel, input.value.recipient);
  if (sent.ok) return { ok: true, value: { recipient: sent.value.recipient } };
  const refusal = sent.error.body as { ok?: false; code?: unknown; message?: unknown } | undefined;
  if (sent.error.status === 422 && refusal?.ok === false && typeof refusal.code === 'string')
    return failure(
      refusal.code,
      typeof refusal.message === 'string' ? refusal.message : refusal.code,
      refusal,
    );
  return failure(sent.error.status === 0 ? 'unreachable' : 'sidecar', sent.error.message);
}

/**
 * Each chosen Jira field id that is not one of the site's fields, by its path
 * (`jiraFields.organizations`); a field list Jira would not give is not held against the admin.
 */
async function unknownFieldIssues(deps: ResolverDeps, document: SettingsDocument): Promise<FieldIssue[]> {
  const fields = await deps.jira.getFields().catch(() => undefined);
  if (!fields?.ok) return [];
  return unknownJiraFields(document.jiraFields, fields.value).map((i) => ({
    path: `jiraFields.${i.path}`,
    message: i.message,
  }));
}

async function load(deps: ResolverDeps): Promise<ResolverAnswer<SettingsView>> {
  const live = await deps.sidecar.getSettings();
  if (live.ok) {
    const cached = await cacheSettings(deps, live.value);
    return {
      ok: true,
      value: {
        sidecar: { reachable: true, message: 'The sidecar is reachable.' },
        version: cached.version,
        document: cached.document,
        source: 'sidecar',
        cachedAt: cached.cachedAt,
      },
    };
  }
  const cached = await deps.store.get<CachedSettings>(storeKeys.settingsCache);
  return {
    ok: true,
    value: {
      sidecar: { reachable: false, message: live.error.message },
      version: cached?.version ?? null,
      document: cached?.document ?? null,
      source: cached ? 'cache' : 'none',
      cachedAt: cached?.cachedAt ?? null,
    },
  };
}

const ValidatePayload = z.object({ document: z.unknown(), withSchema: z.boolean().default(false) });

let jsonSchema: unknown;
/** The settings schema as JSON Schema (what a blank list item, map entry or section looks like). */
function settingsJsonSchema(): unknown {
  jsonSchema ??= z.toJSONSchema(SettingsDocumentSchema, { io: 'input', unrepresentable: 'any' });
  return jsonSchema;
}

/**
 * Checks a whole settings document with the shared schema; one issue per failing field. With
 * `withSchema`, also sends the schema, so the page can add blanks of the right shape.
 */
async function validate(
  payload: unknown,
): Promise<ResolverAnswer<{ issues: FieldIssue[]; sections: string[]; schema?: unknown }>> {
  const input = parsePayload(ValidatePayload, payload);
  if (!input.ok) return input;
  const parsed = parseWith(SettingsDocumentSchema, input.value.document);
  return {
    ok: true,
    value: {
      issues: parsed.ok ? [] : parsed.error,
      sections: [...SETTINGS_SECTIONS],
      ...(input.value.withSchema ? { schema: settingsJsonSchema() } : {}),
    },
  };
}

async function save(deps: ResolverDeps, payload: unknown): Promise<ResolverAnswer<{ version: number }>> {
  const input = parsePayload(SavePayload, payload);
  if (!input.ok) return input;
  // The same schema the sidecar applies: bad fields are named here without a round trip.
  const checked = parseWith(SettingsDocumentSchema, input.value.document);
  if (!checked.ok)
    return failure('invalid', 'Some settings are not valid; see the marked fields.', checked.error);
  const unknownFields = await unknownFieldIssues(deps, checked.value);
  if (unknownFields.length)
    return failure('invalid', 'Some settings are not valid; see the marked fields.', unknownFields);
  const saved = await deps.sidecar.putSettings(input.value.document, input.value.baseVersion);
  if (!saved.ok) {
    const issues = fieldIssuesIn(saved.error.details);
    if (issues.length)
      return failure('invalid', 'Some settings are not valid; see the marked fields.', issues);
    if (saved.error.status === 409)
      return failure('conflict', 'Someone else saved the settings meanwhile; reload to see their version.');
    return failure('sidecar', `The settings were not saved: ${saved.error.message}`);
  }
  const cached = await cacheSettings(deps, saved.value);
  return { ok: true, value: { version: cached.version } };
}

/** Field-by-field issues from the sidecar's 422 answer (`error.details: [{ path, message }]`). */
function fieldIssuesIn(details: unknown): FieldIssue[] {
  return Array.isArray(details)
    ? details.filter(
        (i): i is FieldIssue =>
          typeof i === 'object' && i !== null && typeof (i as FieldIssue).path === 'string',
      )
    : [];
}
