// Where Route and Reply get their settings: the KVS copy first (so clicks keep working while the
// sidecar is down), refreshed from the sidecar when it is older than REFRESH_AFTER_MS.
import type { Result } from '@frontline/shared';
import type { JiraFields, RoutingPreset } from '@frontline/shared';
import { JiraFieldsSchema, RoutingPresetSchema } from '@frontline/shared';
import { storeKeys } from '../storage/app-store.js';
import type { ResolverDeps } from './resolver-kit.js';

export const REFRESH_AFTER_MS = 5 * 60 * 1000;

/** The settings document as cached in KVS. */
export interface CachedSettings {
  version: number;
  document: Record<string, unknown>;
  cachedAt: string;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Stores a settings snapshot from the sidecar as the KVS copy. */
export async function cacheSettings(
  deps: Pick<ResolverDeps, 'store' | 'now'>,
  snapshot: { version: number; document: unknown },
): Promise<CachedSettings> {
  const cached = {
    version: snapshot.version,
    document: asRecord(snapshot.document),
    cachedAt: deps.now().toISOString(),
  };
  await deps.store.set(storeKeys.settingsCache, cached);
  return cached;
}

/** The settings to act on: a fresh KVS copy, else the sidecar's (cached on the way), else a stale copy. */
export async function loadSettings(
  deps: Pick<ResolverDeps, 'store' | 'sidecar' | 'now'>,
): Promise<Result<CachedSettings, string>> {
  const cached = await deps.store.get<CachedSettings>(storeKeys.settingsCache);
  const age = cached ? deps.now().getTime() - Date.parse(cached.cachedAt) : Infinity;
  if (cached && age < REFRESH_AFTER_MS) return { ok: true, value: cached };
  const live = await deps.sidecar.getSettings();
  if (live.ok) return { ok: true, value: await cacheSettings(deps, live.value) };
  if (cached) return { ok: true, value: cached };
  return { ok: false, error: `No settings yet, and the sidecar cannot be reached (${live.error.message})` };
}

/** The routing presets of a settings document; entries that fail validation are left out. */
export function routingPresetsOf(document: Record<string, unknown>): RoutingPreset[] {
  const raw = Array.isArray(document.routingPresets) ? document.routingPresets : [];
  return raw.flatMap((entry) => {
    const parsed = RoutingPresetSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The site's Jira field ids of a settings document (the parts picker fills `parts`); where the
 * section does not parse, none are known and a picker falls back on what its preset names.
 */
export function jiraFieldsOf(document: Record<string, unknown>): Partial<JiraFields> {
  const parsed = JiraFieldsSchema.safeParse(document.jiraFields ?? {});
  return parsed.success ? parsed.data : {};
}
