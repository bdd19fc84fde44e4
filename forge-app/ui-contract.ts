// The shapes that cross the bridge between the UI Kit screens and the resolvers. Kept free of
// imports so the UI bundle never pulls backend code or @frontline/shared in for types.

/** What every resolver answers: never an exception, always `{ ok, value | error }`. */
export type ResolverError = { code: string; message: string; details?: unknown };
export type ResolverAnswer<T> = { ok: true; value: T } | { ok: false; error: ResolverError };

/** What the Route modal shows about a routing in progress or finished. */
export type RouteView =
  | { state: 'moving'; presetId: string; taskId: string; percent: number }
  | {
      state: 'done';
      presetId: string;
      method: 'move' | 'clone';
      sourceKey: string;
      targetKey: string;
      warnings: string[];
    }
  | { state: 'failed'; presetId: string; message: string; failures: { issue: string; messages: string[] }[] };

/** One preset as the Route modal lists it. */
export interface PresetOption {
  id: string;
  name: string;
  description: string;
  method: 'move' | 'clone';
  targetProject: string;
  /** For "order spare parts": the catalog to pick from and the parts the ticket already names. */
  parts?: { options: string[]; suggested: string[]; min: number };
}

/** One field-level problem (`path` is dotted, e.g. `routingPresets.0.name`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** What the admin page shows on load. */
export interface SettingsView {
  sidecar: { reachable: boolean; message: string };
  /** The version live in the sidecar, or the cached one when the sidecar is down. */
  version: number | null;
  document: Record<string, unknown> | null;
  /** Where `document` came from. */
  source: 'sidecar' | 'cache' | 'none';
  cachedAt: string | null;
}
