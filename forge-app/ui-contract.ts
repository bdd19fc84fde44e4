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

/** A reply template as the picker lists it. */
export interface TemplateOption {
  id: string;
  name: { en?: string; ru?: string };
  tags: string[];
  languages: ('en' | 'ru')[];
  visibility: 'public' | 'internal';
}

export type ReplyLanguage = 'en' | 'ru';
export type ReplyStyleChoice = { detail: 'brief' | 'detailed'; register: 'formal' | 'informal' };

/** What the Reply modal opens with: the library and the customer's preferred language and style. */
export interface ReplySetup {
  templates: TemplateOption[];
  language: ReplyLanguage;
  style: ReplyStyleChoice;
  /** Where language and style came from. */
  styleSource: 'contract' | 'default';
}

/** A template filled in; `missing` variables appear in `text` as MISSING_MARK(name). */
export interface ReplyDraft {
  text: string;
  subject: string | null;
  missing: string[];
  visibility: 'public' | 'internal';
  /** Values that are right whatever the dictionary says (names filled in from the issue). */
  knownWords: string[];
}

/** One glossary, tone or spelling finding in the reply text. */
export interface ReplyFinding {
  kind: string;
  start: number;
  end: number;
  text: string;
  message: string;
  replacements: string[];
}

/** How a missing variable shows in a draft, so it cannot be posted by mistake. */
export const missingMark = (name: string): string => `[[${name}?]]`;
