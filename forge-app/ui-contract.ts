// The shapes that cross the bridge between the UI Kit screens and the resolvers. Kept free of
// imports so the UI bundle never pulls backend code or @frontline/shared in for types.

/**
 * What every resolver answers: never an exception, always `{ ok, value | error }`. `message` is an
 * English fallback; a screen that words the code itself reads `params`.
 */
export type ResolverError = {
  code: string;
  message: string;
  details?: unknown;
  params?: Record<string, string | number>;
};

/** Something the Route screen tells, as a code it translates and the values it fills in. */
export interface RouteNote {
  code: string;
  params: Record<string, string | number>;
}
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
      /** What did not happen after the route (a comment, a link, the team notice), by code. */
      warnings: RouteNote[];
    }
  | {
      state: 'failed';
      presetId: string;
      /** Why, by code (`moveFailed` …); `message` is its English wording. */
      note: RouteNote;
      message: string;
      failures: { issue: string; messages: string[] }[];
    };

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

/** How the Route dialog asks for a missing target field: a text box, a date, or a pick from Jira's allowed values. */
export type FieldInputSpec =
  | { kind: 'text' | 'number' | 'date' }
  | { kind: 'select' | 'multiselect'; options: { value: string; label: string }[] };

/**
 * A target field routing could not fill (`error.details.fields` when `route.execute` answers
 * `missingRequiredFields` or `invalidFieldValues`); `input` is null where a person cannot type it.
 */
export interface MissingTargetField {
  fieldId: string;
  name: string;
  why: string;
  input: FieldInputSpec | null;
}

/** A value typed in the Route dialog: text, a number or date as text, an allowed value's id, or several ids. */
export type EnteredValue = string | string[];

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

/** One settings version in the admin page's history. */
export interface SettingsVersionView {
  version: number;
  /** Who saved it (`forge:<accountId>`, `admin-token`, …). */
  actor: string;
  source: string;
  createdAt: string;
  changed: { op: 'added' | 'removed' | 'changed'; path: string }[];
  /** The earlier version this one restored; `null` for an ordinary save. */
  restoredFrom: number | null;
}

/** A field of the Jira site, for choosing the field ids Frontline reads. */
export interface SiteFieldView {
  id: string;
  name: string;
  custom: boolean;
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
  /** The project's glossary gate: `block` refuses a forbidden term or misspelling without a reason. */
  gate: 'warn' | 'block';
}

/** `reply.post` answers `gateBlocked` with the findings that hold the reply back. */
export interface GateBlockedDetails {
  findings: ReplyFinding[];
}

/**
 * A posted reply; `overrideNote` is the internal note that records a gate override (null when no
 * override was needed, `failed` when the reply went out but the note did not — the reason is still
 * on the reply's comment property).
 */
export interface PostedReply {
  commentId: string;
  overrideNote: { commentId: string } | 'failed' | null;
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

/** Text the sidecar writes in both languages of the desk; the screen shows the user's. */
export interface Bilingual {
  en: string;
  ru: string;
}

export type TemperatureBandName = 'cold' | 'warm' | 'hot' | 'critical';

/** The Temperature glance: the score, its band and what each factor contributed and why. */
export interface TemperatureView {
  issueKey: string;
  computedAt: string;
  score: number;
  band: TemperatureBandName;
  /** Where each band starts (score ≥ threshold). */
  bands: { warm: number; hot: number; critical: number };
  factors: { factor: string; points: number; reason: Bilingual }[];
  customer: { id: string; name: string } | null;
}

/** A special period of a contract's calendar as the contract panel shows it. */
export interface PeriodCardView {
  name: string;
  schedule: { from: string; to: string } | { lastBusinessDaysOfMonth: number };
  active: boolean;
  summary: Bilingual;
}

/** One contract of the issue's customer. */
export interface ContractCardView {
  id: string;
  number: string;
  title: string;
  lineOfBusiness: string;
  tier: string;
  validity: { from: string; to?: string; timeZone: string };
  appliesToThisRequest: boolean;
  sla: {
    name: string;
    calendarId: string;
    timeZone: string | null;
    /** Minutes per target (firstResponse, resolution, …) and priority. */
    targets: Record<string, Record<string, number>>;
    pauseStatuses: string[];
  } | null;
  periods: PeriodCardView[];
  responsibilityZones: { ours: string[]; customers: string[] };
  communication: {
    channel: string;
    detail: string;
    register: string;
    language: string;
    statusMeetings?: { cadence: string; note?: string };
  };
  serviceManager: { accountId: string; name: string; email?: string; timeZone: string };
  masterSystem: { contractUrl: string; configurationItems: { id: string; name: string; url: string }[] };
  /** What the service report measures against: the contract's own targets, or the defaults (`source`). */
  serviceTargets: {
    /** Business minutes from assignment to the start of work, per priority. */
    workStart: Record<string, { minutes: number; source: 'contract' | 'default' }>;
    partsDelivery: { businessDays: number; source: 'contract' | 'default' };
  };
  verdict:
    | { verdict: 'covered'; reason: Bilingual }
    | {
        verdict: 'paidWork';
        requiresApprovalBeforeStart: true;
        reason: Bilingual;
        paidWork?: { description: string; rate?: string };
      }
    | { verdict: 'outsideValidity'; reason: Bilingual };
}

/** The contract panel: the customer's contracts, or why there are none. */
export type ContractPanelView =
  | {
      state: 'matched';
      customer: { id: string; name: string; matchedBy: string };
      request: { requestType: string | null; createdAt: string };
      contracts: ContractCardView[];
    }
  | { state: 'noContracts' | 'noCustomer'; message: Bilingual; contracts: [] };

/** A ranked engineer or an excluded one, with the reasons in both languages. */
export interface CandidateView {
  rank: number;
  accountId: string;
  name: string;
  score: number;
  load: number;
  onDuty: boolean;
  reasons: (Bilingual & { code: string })[];
}
export interface ExcludedView {
  accountId: string;
  name: string;
  reasons: (Bilingual & { code: string; until?: string })[];
}

/** The Suggested assignees panel; `state: 'none'` while the sidecar has not ranked the issue yet. */
export type SuggestionsView =
  | {
      state: 'ranked';
      rankedAt: string;
      assigneeAccountId: string | null;
      offHours: boolean;
      candidates: CandidateView[];
      excluded: ExcludedView[];
      candidatesTotal: number;
      excludedTotal: number;
    }
  | { state: 'none' };

/** What an assignment through the sidecar answers. */
export interface AssignedView {
  accountId: string;
  suggestedRank: number | null;
  /**
   * Whose name Jira's history shows: `person` when the sidecar held the coordinator's Forge user
   * token, `app` when it had to act as the app (the screen says so).
   */
  actingAs: 'person' | 'app';
}
