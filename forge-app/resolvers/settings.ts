// The admin page's resolvers: read and write the settings document through the sidecar's admin
// routes (Forge Remote), report whether the sidecar is reachable and which version is live, and
// refresh the KVS copy that Route and Reply act on.
import { z } from 'zod';
import type { FieldIssue } from '@frontline/shared';
import { parseWith, SETTINGS_SECTIONS, SettingsDocumentSchema } from '@frontline/shared';
import { storeKeys } from '../storage/app-store.js';
import type { SettingsView } from '../ui-contract.js';
import type { ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { failure, parsePayload } from './resolver-kit.js';
import type { CachedSettings } from './settings-source.js';
import { cacheSettings } from './settings-source.js';

const SavePayload = z.object({
  document: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().optional(),
});

/** The admin page resolvers: `settings.load`, `settings.save`. */
export function settingsResolvers(deps: ResolverDeps): Record<string, ResolverHandler> {
  return {
    'settings.load': () => load(deps),
    'settings.save': (payload) => save(deps, payload),
    'settings.validate': (payload) => validate(payload),
  };
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

const ValidatePayload = z.object({ document: z.unknown() });

/** Checks a whole settings document with the shared schema; one issue per failing field. */
async function validate(
  payload: unknown,
): Promise<ResolverAnswer<{ issues: FieldIssue[]; sections: string[] }>> {
  const input = parsePayload(ValidatePayload, payload);
  if (!input.ok) return input;
  const parsed = parseWith(SettingsDocumentSchema, input.value.document);
  return { ok: true, value: { issues: parsed.ok ? [] : parsed.error, sections: [...SETTINGS_SECTIONS] } };
}

async function save(deps: ResolverDeps, payload: unknown): Promise<ResolverAnswer<{ version: number }>> {
  const input = parsePayload(SavePayload, payload);
  if (!input.ok) return input;
  // The same schema the sidecar applies: bad fields are named here without a round trip.
  const checked = parseWith(SettingsDocumentSchema, input.value.document);
  if (!checked.ok)
    return failure('invalid', 'Some settings are not valid; see the marked fields.', checked.error);
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
