// Generators for the intake fuzz test: signed Jira webhook deliveries and contract CSV imports, each
// paired with what the sidecar must answer. A case records why it must be refused (a value the store
// cannot hold, a time out of range, bytes that are not UTF-8…) or that it must be accepted; shapes
// the oracle does not model (a field of the wrong type deep in the issue) may go either way, and
// then only the general properties (a documented status, the error shape, bounded processing) hold.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { CONTRACT_CSV_COLUMNS, contractCsvCells } from './contract-csv.js';

// ---------------------------------------------------------------------------------------------
// Text

/** Characters that have broken stores, parsers and encoders before. */
const NASTY_PIECES = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\udc00tail',
  'head\ud83d',
  '"',
  '\\',
  "'",
  ',',
  ';',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u0085',
  '\ufeff',
  '\uffff',
  '😀',
  'Закрытие месяца',
  'ß',
  '${x}',
  '{{issue.key}}',
  '<script>',
  "'; DROP TABLE intake_events; --",
  '%00',
  '__proto__',
] as const;

/** Any text, weighted towards the characters above; may hold NUL and lone surrogates. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...NASTY_PIECES), { maxLength: 4 }).map((p) => p.join('')),
  },
);

/** Text the store can hold: no NUL, no lone surrogate. */
export const storableText: fc.Arbitrary<string> = anyText.map(withoutUnstorable);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutUnstorable(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '');
}

/** Whether a string holds what PostgreSQL text and jsonb refuse. */
export function isUnstorable(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return text.includes('\u0000') || new RegExp(LONE_SURROGATE.source).test(text);
}

/** Whether any key or string in a JSON value is unstorable (values here are shallow enough to recurse). */
export function holdsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return isUnstorable(value);
  if (Array.isArray(value)) return value.some(holdsUnstorable);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => isUnstorable(k) || holdsUnstorable(v));
  return false;
}

/** Nesting of arrays and objects in a (shallow) JSON value: `{}` is 1, a scalar 0. */
export function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

/** An object whose keys are all own data properties, `__proto__` included (JSON.stringify keeps them). */
function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Keys that name the prototype machinery or that the store cannot hold. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'x',
  '',
  'a\u0000b',
  '\ud800',
  'key\udc00',
] as const;

// ---------------------------------------------------------------------------------------------
// Times

const DAY = 86_400_000;
/** The moment the generators are built; each delivery's timestamp is chosen relative to it. */
const NOW = Date.now();

export type TimestampSpec =
  | { kind: 'recent'; offsetMs: number }
  | { kind: 'absurd'; value: number }
  | { kind: 'not-an-integer'; raw: string }
  | { kind: 'wrong-type'; value: unknown }
  | { kind: 'missing' };

/**
 * Event times: recent ones intake keeps (up to 30 days back, up to an hour ahead), and ones it must
 * refuse: before 2000, more than a day ahead, beyond the Date range, fractions, text, null.
 */
export const timestampSpec: fc.Arbitrary<TimestampSpec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: -30 * DAY, max: 3_600_000 })
      .map((offsetMs) => ({ kind: 'recent' as const, offsetMs })),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          8_640_000_000_000_000,
          8_640_000_000_000_001,
          -8_640_000_000_000_000,
          -1,
          0,
          Date.UTC(2000, 0, 1),
          Date.UTC(1999, 11, 31),
          253_402_300_800_000,
          Number.MAX_SAFE_INTEGER,
          1e21,
          NOW + 2 * DAY,
        ),
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Date.UTC(2000, 0, 1) }),
        fc.integer({ min: NOW + 2 * DAY, max: Number.MAX_SAFE_INTEGER }),
      )
      .map((value) => ({ kind: 'absurd' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('1790000000000.5', '1e400', '-1e400', '17900000000001e-1')
      .map((raw) => ({ kind: 'not-an-integer' as const, raw })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>('1790000000000', '2026-11-23T09:00:00Z', null, true, [1_790_000_000_000], {})
      .map((value) => ({ kind: 'wrong-type' as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);

/**
 * Date-time text as Jira sends it in `fields.created`, `comment.created` and the like, plus the
 * extremes `Date.parse` still reads (years 275760 and −271821, five-digit years) and text it does not.
 */
export const dateText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -365 * DAY, max: DAY }).map((offset) => new Date(NOW + offset).toISOString()),
  fc
    .integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 })
    .map((ms) => new Date(ms).toISOString()),
  fc.constantFrom(
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+010000-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '0000-01-01T00:00:00.000Z',
    '0001-01-01T00:00:00+14:00',
    '1969-12-31T23:59:59.999-12:00',
    '2026-11-23T09:00:00.000+0300',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '8640000000000000',
    'yesterday',
    '',
  ),
  storableText,
);

// ---------------------------------------------------------------------------------------------
// Jira webhook deliveries

export const HANDLED_EVENTS = [
  'jira:issue_created',
  'jira:issue_updated',
  'comment_created',
  'avi:jira:created:issue',
  'avi:jira:updated:issue',
  'avi:jira:assigned:issue',
  'avi:jira:commented:issue',
  'scheduled:temperature-sweep',
  'frontline:issue-routed',
] as const;

type EventSpec =
  { kind: 'name'; value: string } | { kind: 'wrong-type'; value: unknown } | { kind: 'missing' };

const eventSpec: fc.Arbitrary<EventSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(...HANDLED_EVENTS).map((value) => ({ kind: 'name' as const, value })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.constantFrom('jira:issue_deleted', 'worklog_created', 'JIRA:ISSUE_CREATED'), storableText)
      .filter((s) => s.length > 0)
      .map((value) => ({ kind: 'name' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>('', 42, null, ['jira:issue_created'])
      .map((value) => ({ kind: 'wrong-type' as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);

type IssueSpec =
  | { kind: 'object'; key: string | number | undefined; id: string | number | undefined; fields: unknown }
  | { kind: 'wrong-type'; value: unknown }
  | { kind: 'missing' };

/**
 * The parts of a delivery the handlers read, with strings drawn from `text`: any text (NUL and lone
 * surrogates included) for poison deliveries, storable text for deliveries intake must accept.
 */
function payloadParts(text: fc.Arbitrary<string>) {
  /** Issue keys: well formed from a small pool (so events meet the same issue), and malformed ones. */
  const issueKey: fc.Arbitrary<string> = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => `SUP-${n}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'HW-7',
        'OPS-1',
        'A-0',
        'sup-1',
        'SUP-',
        '-1',
        'SUP-01',
        'SUP-1-2',
        'ÄÖ-1',
        'SUP-99999999999999999999',
      ),
    },
    { weight: 2, arbitrary: text },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((n) => 'K'.repeat(n * 500) + '-1') },
  );

  const named = fc.option(
    fc.record({
      name: fc.oneof(fc.constantFrom('Highest', 'High', 'Medium', 'Low', 'Lowest', 'Blocker'), text),
    }),
    { nil: null },
  );

  const fieldsSpec = fc.record(
    {
      summary: fc.oneof(text, fc.constant(null), fc.integer()),
      project: fc.record({ key: fc.oneof(fc.constantFrom('SUP', 'HW', 'OPS'), text) }),
      priority: named,
      status: fc.option(
        fc.record({
          name: fc.oneof(fc.constantFrom('Open', 'In Progress', 'Waiting for customer', 'Done'), text),
          statusCategory: fc.record({ key: fc.constantFrom('new', 'indeterminate', 'done') }),
        }),
        { nil: null },
      ),
      issuetype: named,
      assignee: fc.option(fc.record({ accountId: fc.oneof(fc.constant('5b10ac8d82e05b22cc7d4ef6'), text) }), {
        nil: null,
      }),
      reporter: fc.option(
        fc.record({
          emailAddress: fc.oneof(
            fc.constantFrom(
              'a.petrova@volga-freight.example',
              'x@severny-bank.example',
              'no-at-sign',
              '@',
              'a@b@c',
            ),
            text.map((t) => `${t}@${t}`),
          ),
          accountType: fc.constantFrom('customer', 'atlassian', 'app'),
        }),
        { nil: null },
      ),
      labels: fc.oneof(fc.array(text, { maxLength: 5 }), fc.constant('not-a-list')),
      resolution: fc.option(fc.record({ name: text }), { nil: null }),
      created: fc.oneof(dateText, fc.constant(null)),
      updated: dateText,
      customfield_10002: fc.oneof(
        fc.array(fc.record({ id: fc.oneof(text, fc.integer()), name: text }), { maxLength: 3 }),
        text,
      ),
      customfield_10010: fc.oneof(fc.record({ requestType: fc.record({ name: text }) }), text, fc.integer()),
    },
    { requiredKeys: [] },
  );

  const issue: fc.Arbitrary<IssueSpec> = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({
        kind: fc.constant('object' as const),
        key: fc.oneof(
          { weight: 8, arbitrary: issueKey },
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.integer() },
        ),
        id: fc.oneof(
          fc.integer({ min: 1, max: 99_999 }).map(String),
          fc.constant(undefined),
          fc.integer(),
          text,
        ),
        fields: fc.oneof(
          { weight: 8, arbitrary: fieldsSpec },
          { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'fields', []) },
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<unknown>(null, 'SUP-1', 7, [])
        .map((value) => ({ kind: 'wrong-type' as const, value })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  );

  const changelog = fc.option(
    fc.record({
      items: fc.array(
        fc.record(
          {
            field: fc.oneof(
              fc.constantFrom('status', 'priority', 'assignee', 'project', 'resolution', 'Key', 'labels'),
              text,
            ),
            fieldId: fc.option(text, { nil: null }),
            from: fc.option(text, { nil: null }),
            fromString: fc.option(text, { nil: null }),
            to: fc.option(text, { nil: null }),
            toString: fc.option(text, { nil: null }),
          },
          { requiredKeys: ['field'] },
        ),
        { maxLength: 4 },
      ),
    }),
    { nil: undefined },
  );

  const comment = fc.option(
    fc.record(
      {
        id: fc.oneof(fc.integer({ min: 1, max: 1e6 }).map(String), fc.integer()),
        author: fc.record({
          accountId: text,
          accountType: fc.oneof(fc.constantFrom('customer', 'atlassian'), text),
        }),
        jsdPublic: fc.boolean(),
        created: dateText,
        body: text,
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );

  /** A key and value added at the top level or under `issue.fields`. */
  const extra = fc.option(
    fc.record({
      where: fc.constantFrom('root', 'fields'),
      key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), text),
      value: fc.oneof(text, fc.constant({ x: 'polluted' }), fc.integer(), fc.constant(null)),
    }),
    { nil: undefined },
  );
  return { issue, changelog, comment, extra };
}

const anyParts = payloadParts(anyText);
const storableParts = payloadParts(storableText);

/** Nesting added under a root key: shallow, near the limit, and far beyond it. */
const nestingSpec = fc.option(
  fc.record({
    depth: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 70 }) },
      { weight: 1, arbitrary: fc.constantFrom(1_000, 20_000, 100_000) },
    ),
    shape: fc.constantFrom('array', 'object'),
  }),
  { nil: undefined },
);

/** Padding added to the body: mostly small, sometimes a few MB, rarely over the 10 MB limit. */
const paddingSpec = fc.oneof(
  { weight: 12, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 64 * 1024 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 3_000_000 }) },
  { weight: 1, arbitrary: fc.constant(10_000_001) },
);

type EncodingSpec =
  | { kind: 'utf8' }
  | { kind: 'windows-1251'; declared: boolean }
  | { kind: 'invalid-utf8'; bytes: readonly number[] }
  | { kind: 'raw-nul' };

const encodingSpec: fc.Arbitrary<EncodingSpec> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'utf8' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((declared) => ({ kind: 'windows-1251' as const, declared })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<readonly number[]>(
        [0xff],
        [0xc3, 0x28],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0xe2, 0x82],
      )
      .map((bytes) => ({ kind: 'invalid-utf8' as const, bytes })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'raw-nul' as const }) },
);

const contentTypeSpec = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json;charset="utf8"',
      'application/vnd.atlassian.webhook+json',
      'APPLICATION/JSON',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'text/json',
      'application/jsonx',
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);

type IdentifierSpec =
  | { kind: 'fresh' }
  | { kind: 'none' }
  | { kind: 'repeated'; same: boolean }
  | { kind: 'long'; length: number }
  | { kind: 'earlier' };

const identifierSpec: fc.Arbitrary<IdentifierSpec> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'fresh' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((same) => ({ kind: 'repeated' as const, same })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.integer({ min: 250, max: 260 }), fc.integer({ min: 261, max: 10_000 }), fc.constant(20_000))
      .map((length) => ({ kind: 'long' as const, length })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'earlier' as const }) },
);

const signatureSpec = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('current', 'previous') },
  { weight: 1, arbitrary: fc.constantFrom('missing', 'foreign', 'flipped', 'sha1') },
);

const anySpec = fc.record({
  event: eventSpec,
  timestamp: timestampSpec,
  issue: anyParts.issue,
  changelog: anyParts.changelog,
  comment: anyParts.comment,
  extra: anyParts.extra,
  nesting: nestingSpec,
  padding: paddingSpec,
  encoding: encodingSpec,
  contentType: contentTypeSpec,
  identifier: identifierSpec,
  signature: signatureSpec,
});

/**
 * Deliveries intake must accept: a sound envelope, storable text, nesting within the limit, so the
 * fuzz reaches the handlers (dates, keys, hostile key names, odd shapes) rather than stopping at 400.
 */
const acceptableSpec = fc.record({
  event: fc.constantFrom(...HANDLED_EVENTS).map((value) => ({ kind: 'name' as const, value })),
  timestamp: fc
    .integer({ min: -30 * DAY, max: 3_600_000 })
    .map((offsetMs) => ({ kind: 'recent' as const, offsetMs })),
  issue: storableParts.issue.filter(
    (i) =>
      i.kind === 'object' && typeof i.key !== 'number' && (i.id === undefined || typeof i.id === 'string'),
  ),
  changelog: storableParts.changelog,
  comment: storableParts.comment,
  extra: storableParts.extra,
  nesting: fc.option(
    fc.record({ depth: fc.integer({ min: 1, max: 60 }), shape: fc.constantFrom('array', 'object') }),
    { nil: undefined },
  ),
  padding: fc.oneof(
    { weight: 8, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 64 * 1024 }) },
  ),
  encoding: fc.constant<EncodingSpec>({ kind: 'utf8' }),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  identifier: fc.oneof(
    { weight: 6, arbitrary: fc.constant<IdentifierSpec>({ kind: 'fresh' }) },
    { weight: 1, arbitrary: fc.constant<IdentifierSpec>({ kind: 'earlier' }) },
  ),
  signature: fc.constantFrom('current', 'previous'),
});

/** Three in five deliveries are ones intake must accept; the rest may be poison in any way. */
export const webhookSpec = fc.oneof(
  { weight: 3, arbitrary: acceptableSpec },
  { weight: 2, arbitrary: anySpec },
);
export type WebhookSpec = typeof webhookSpec extends fc.Arbitrary<infer T> ? T : never;

/** Largest identifier intake keeps (its dedupe index holds it); longer ones are refused with 400. */
export const MAX_IDENTIFIER = 256;
/** Node refuses request headers beyond 16 KiB in all with 431, before any route runs. */
const HEADER_LIMIT = 16 * 1024;
/** The documented body limit: 10 MB. */
const BODY_LIMIT = 10_000_000;
/** The nesting intake keeps. */
const MAX_DEPTH = 64;

export interface WebhookCase {
  spec: WebhookSpec;
  body: Buffer;
  contentType: string | null;
  /** Header values of X-Atlassian-Webhook-Identifier; several become repeated header lines. */
  identifiers: string[];
  signature: WebhookSpec['signature'];
  /** The status the oracle is sure of, if it is. */
  exactStatus?: number;
  /** Why it must be refused (empty: it must be accepted, unless `unsure`). */
  refuse: string[];
  /** It may go either way (a shape the intake schema may or may not take). */
  unsure: string[];
  /** Set when it repeats an identifier accepted before: the id it must be answered with. */
  duplicateOf?: string;
}

/** Accepted deliveries a later case may repeat the identifier of. */
export interface EarlierDeliveries {
  pick(): { identifier: string; id: string } | undefined;
}

/** windows-1251 for ASCII and А…я (plus Ё/ё); anything else becomes "?". */
export function toWindows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (c) => {
      const code = c.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401) return 0xa8;
      if (code === 0x451) return 0xb8;
      return 0x3f;
    }),
  );
}

const MARK = '\u0001MARK\u0001';

/** Builds the delivery a spec describes, with the oracle's expectations. */
export function buildWebhook(spec: WebhookSpec, earlier: EarlierDeliveries): WebhookCase {
  const refuse: string[] = [];
  const unsure: string[] = [];
  const root: [string, unknown][] = [];

  const ts = spec.timestamp;
  let timestampRaw: string | undefined;
  if (ts.kind === 'recent') root.push(['timestamp', NOW + ts.offsetMs]);
  else if (ts.kind === 'absurd') {
    root.push(['timestamp', ts.value]);
    refuse.push(`timestamp ${ts.value} is out of range`);
  } else if (ts.kind === 'not-an-integer') {
    timestampRaw = ts.raw;
    root.push(['timestamp', MARK + 'ts']);
    refuse.push(`timestamp ${ts.raw} is not an integer`);
  } else if (ts.kind === 'wrong-type') {
    root.push(['timestamp', ts.value]);
    refuse.push('timestamp is not a number');
  } else refuse.push('timestamp is missing');

  if (spec.event.kind === 'name') root.push(['webhookEvent', spec.event.value]);
  else if (spec.event.kind === 'wrong-type') {
    root.push(['webhookEvent', spec.event.value]);
    refuse.push('webhookEvent is not a non-empty string');
  } else refuse.push('webhookEvent is missing');

  root.push(['user', { accountId: '5b10a2844c20165700ede21g', displayName: 'Anna Petrova' }]);

  let fieldsTarget: Record<string, unknown> | undefined;
  const issue = spec.issue;
  if (issue.kind === 'object') {
    const plain = issue.fields && typeof issue.fields === 'object' && !Array.isArray(issue.fields);
    const fields = plain ? ownObject(Object.entries(issue.fields as object)) : issue.fields;
    if (plain) fieldsTarget = fields as Record<string, unknown>;
    const entries: [string, unknown][] = [];
    if (issue.id !== undefined) entries.push(['id', issue.id]);
    if (issue.key !== undefined) entries.push(['key', issue.key]);
    entries.push(['fields', fields]);
    root.push(['issue', ownObject(entries)]);
    if (typeof issue.key === 'number') refuse.push('issue.key is not a string');
    if (issue.id !== undefined && typeof issue.id !== 'string') refuse.push('issue.id is not a string');
  } else if (issue.kind === 'wrong-type') {
    root.push(['issue', issue.value]);
    refuse.push('issue is not an object');
  }
  if (spec.changelog) root.push(['changelog', spec.changelog]);
  if (spec.comment) root.push(['comment', spec.comment]);

  if (spec.extra) {
    const { where, key, value } = spec.extra;
    if (where === 'root' || !fieldsTarget) {
      // A second top-level key of the same name would leave which one counts to the parser.
      if (!root.some(([k]) => k === key)) root.push([key, value]);
    } else
      Object.defineProperty(fieldsTarget, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  if (spec.padding > 0) root.push(['padding', 'p'.repeat(spec.padding)]);

  // The Cyrillic summary is what a windows-1251 encoding changes.
  if (spec.encoding.kind === 'windows-1251') root.push(['note', 'Закрытие месяца']);
  if (spec.encoding.kind === 'invalid-utf8' || spec.encoding.kind === 'raw-nul')
    root.push(['note', `before${MARK}after`]);
  if (spec.nesting) root.push(['deep', MARK + 'deep']);

  const value = ownObject(root);
  if (holdsUnstorable(value)) refuse.push('NUL or a lone surrogate in a key or string');
  let depth = depthOf(value);
  let text = JSON.stringify(value);
  if (timestampRaw !== undefined) text = text.replace(JSON.stringify(MARK + 'ts'), timestampRaw);
  if (spec.nesting) {
    const { depth: d, shape } = spec.nesting;
    const nested =
      shape === 'array' ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d);
    text = text.replace(JSON.stringify(MARK + 'deep'), nested);
    depth = Math.max(depth, 1 + d);
  }
  if (depth > MAX_DEPTH) refuse.push(`nested ${depth} deep`);

  let body: Buffer;
  const enc = spec.encoding;
  if (enc.kind === 'windows-1251') {
    body = toWindows1251(text);
    refuse.push(enc.declared ? 'charset windows-1251' : 'windows-1251 bytes declared as UTF-8');
  } else if (enc.kind === 'invalid-utf8' || enc.kind === 'raw-nul') {
    const [before, after] = text.split(JSON.stringify(MARK).slice(1, -1));
    const inserted = enc.kind === 'raw-nul' ? Buffer.from([0]) : Buffer.from(enc.bytes);
    body = Buffer.concat([Buffer.from(before ?? '', 'utf8'), inserted, Buffer.from(after ?? '', 'utf8')]);
    refuse.push(
      enc.kind === 'raw-nul' ? 'a raw NUL byte in a string (not JSON)' : 'bytes that are not UTF-8',
    );
  } else body = Buffer.from(text, 'utf8');

  let contentType: string | null = spec.contentType;
  if (enc.kind === 'windows-1251' && enc.declared) contentType = 'application/json; charset=windows-1251';

  const identifiers: string[] = [];
  let duplicateOf: string | undefined;
  const idSpec = spec.identifier;
  if (idSpec.kind === 'fresh') identifiers.push(randomUUID());
  else if (idSpec.kind === 'none') unsure.push('no identifier: dedupe on the body hash');
  else if (idSpec.kind === 'repeated') {
    const id = randomUUID();
    identifiers.push(id, idSpec.same ? id : randomUUID());
    refuse.push('identifier header sent twice');
  } else if (idSpec.kind === 'long') {
    identifiers.push('i'.repeat(idSpec.length));
    if (idSpec.length > MAX_IDENTIFIER) refuse.push(`identifier of ${idSpec.length} characters`);
  } else {
    const before = earlier.pick();
    if (before) {
      identifiers.push(before.identifier);
      duplicateOf = before.id;
    } else identifiers.push(randomUUID());
  }

  const jsonType =
    contentType !== null && /^\s*application\/(json|[\w.+-]+\+json)\s*(;|$)/i.test(contentType);
  const signed = spec.signature === 'current' || spec.signature === 'previous';
  // Checked in the order requests meet them: header size (Node), body size (the body parser),
  // signature, content type; the remaining refusals are all 400 or 415.
  const headerBytes = identifiers.reduce((n, id) => n + id.length, 0);
  let exactStatus: number | undefined;
  if (headerBytes > HEADER_LIMIT) exactStatus = 431;
  else if (body.length > BODY_LIMIT) exactStatus = 413;
  else if (!signed) exactStatus = 401;
  else if (!jsonType) exactStatus = 415;
  else if (refuse.length === 0 && unsure.length === 0) exactStatus = duplicateOf ? 200 : 202;
  return {
    spec,
    body,
    contentType,
    identifiers,
    signature: spec.signature,
    ...(exactStatus !== undefined ? { exactStatus } : {}),
    refuse,
    unsure,
    ...(duplicateOf ? { duplicateOf } : {}),
  };
}

/** A one-line account of a case for failure reports (bodies can be megabytes). */
export function describeWebhook(c: WebhookCase): string {
  const preview = c.body.subarray(0, 600).toString('latin1');
  return JSON.stringify({
    exactStatus: c.exactStatus,
    refuse: c.refuse,
    unsure: c.unsure,
    contentType: c.contentType,
    identifiers: c.identifiers.map((i) => (i.length > 60 ? `${i.slice(0, 20)}…(${i.length})` : i)),
    signature: c.signature,
    bytes: c.body.length,
    body: c.body.length > 600 ? `${preview}…` : preview,
  });
}

// ---------------------------------------------------------------------------------------------
// Contract CSV imports

/** The columns of a complete contract, as the master system exports them. */
export const CSV_HEADER = CONTRACT_CSV_COLUMNS;

/** A valid row for contract `id`, cell by cell in `CSV_HEADER` order. */
export function csvRow(id: string, customerName = 'Severny Bank'): string[] {
  return contractCsvCells(id, { customerName });
}

/** Columns the import must refuse: prototype machinery, fields no contract has, malformed paths. */
export const HOSTILE_COLUMNS = [
  '__proto__.x',
  '__proto__',
  'constructor',
  'constructor.prototype.x',
  'customer.__proto__.x',
  'customer.constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'colour',
  'customer..id',
  'id.length',
  'title.x',
  'a\u0000b',
  '"quoted"',
] as const;

/** Whole-object and list columns, which take JSON: a place for escapes and hostile keys. */
const JSON_CELLS = [
  {
    column: 'paidWork',
    cell: '[{"description":"\\ud800","requestTypes":["Data recovery"]}]',
    unstorable: true,
  },
  {
    column: 'paidWork',
    cell: '[{"description":"a\\u0000b","requestTypes":["Data recovery"]}]',
    unstorable: true,
  },
  { column: 'paidWork', cell: '[{"__proto__":{"x":"polluted"}}]', unstorable: false },
  {
    column: 'paidWork',
    cell: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    unstorable: false,
  },
  {
    column: 'responsibilityZones',
    cell: '{"constructor":{"prototype":{"x":"polluted"}}}',
    unstorable: false,
  },
  {
    column: 'responsibilityZones',
    cell: '{"__proto__":{"x":"polluted"},"ours":[],"customers":[]}',
    unstorable: false,
  },
  { column: 'responsibilityZones', cell: '{"ours":["\\udc00"],"customers":[]}', unstorable: true },
  { column: 'responsibilityZones', cell: '{"ours":', unstorable: false },
] as const;

type CellMutation =
  | { kind: 'text'; column: number; text: string }
  | { kind: 'huge'; column: number; length: number }
  | { kind: 'empty'; column: number }
  | { kind: 'quote-broken'; column: number };

const cellMutation: fc.Arbitrary<CellMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      column: fc.integer({ min: 0, max: CSV_HEADER.length - 1 }),
      text: anyText,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      column: fc.integer({ min: 0, max: CSV_HEADER.length - 1 }),
      length: fc.constantFrom(10_000, 300_000, 1_500_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('empty' as const),
      column: fc.integer({ min: 0, max: CSV_HEADER.length - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('quote-broken' as const),
      column: fc.integer({ min: 0, max: CSV_HEADER.length - 1 }),
    }),
  },
);

export const csvSpec = fc.record({
  rows: fc.integer({ min: 0, max: 4 }),
  /** Mutations of the first data row (none: every row is valid). */
  mutations: fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as CellMutation[]) },
    { weight: 5, arbitrary: fc.array(cellMutation, { minLength: 1, maxLength: 3 }) },
  ),
  extraColumn: fc.option(
    fc.oneof(
      fc.constantFrom(...HOSTILE_COLUMNS).map((name) => ({ kind: 'hostile' as const, name })),
      anyText
        .filter((t) => t.trim() !== '' && !CSV_HEADER.includes(t.trim() as never))
        .map((name) => ({ kind: 'random' as const, name })),
      fc.constantFrom(...JSON_CELLS.keys()).map((index) => ({ kind: 'json' as const, index })),
      fc.constant({ kind: 'unnamed' as const }),
    ),
    { nil: undefined },
  ),
  dropColumn: fc.option(fc.integer({ min: 0, max: CSV_HEADER.length - 1 }), { nil: undefined }),
  ragged: fc.option(fc.constantFrom('short', 'long'), { nil: undefined }),
  encoding: fc.oneof(
    { weight: 8, arbitrary: fc.constant('utf8' as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('windows-1251' as const, 'invalid-utf8' as const, 'bom' as const),
    },
  ),
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant('text/csv') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/csv',
        'text/csv; charset=utf-8',
        'text/csv; charset=x-unheard-of',
        'text/plain',
        'application/json',
      ),
    },
  ),
  mode: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('all', 'rows', undefined) },
    { weight: 1, arbitrary: fc.constantFrom('some', 'ALL', '') },
  ),
  lineEnd: fc.constantFrom('\n', '\r\n'),
});
export type CsvSpec = typeof csvSpec extends fc.Arbitrary<infer T> ? T : never;

export interface CsvCase {
  spec: CsvSpec;
  /** Every contract id in the file starts with this. */
  prefix: string;
  body: Buffer;
  contentType: string;
  mode: string | undefined;
  /** Data rows written. */
  rows: number;
  exactStatus?: number;
  refuse: string[];
  /** Set when the file holds only valid rows: each must be stored with this customer name. */
  storesAll?: { customerName: string };
}

/** A cell as CSV writes it: quoted when it holds a separator, a quote or a line break. */
function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Builds the import a spec describes; `prefix` makes its contract ids its own. */
export function buildCsv(spec: CsvSpec, prefix: string): CsvCase {
  const refuse: string[] = [];
  let unsure = false;
  const header: string[] = [...CSV_HEADER];
  const cyrillic = spec.encoding === 'windows-1251';
  const customerName = cyrillic ? 'Северный Банк' : 'Severny Bank';
  const rows = Array.from({ length: spec.rows }, (_, i) => csvRow(`${prefix}${i}`, customerName));
  const raw = new Set<string>(); // cells written unquoted as they are (a broken quote)

  if (spec.dropColumn !== undefined) {
    header.splice(spec.dropColumn, 1);
    for (const row of rows) row.splice(spec.dropColumn, 1);
    unsure = true; // a required field may be missing: 422 under `all`, rows failed under `rows`
  }
  const extra = spec.extraColumn;
  if (extra) {
    if (extra.kind === 'json') {
      const json = JSON_CELLS[extra.index]!;
      header.push(json.column);
      for (const row of rows) row.push(json.cell);
      if (json.unstorable && rows.length > 0) refuse.push(`unstorable text in ${json.column}`);
      else unsure = true;
    } else if (extra.kind === 'unnamed') {
      header.push('');
      for (const row of rows) row.push('ignored\u0000cell');
      unsure = true; // an unnamed column's cells are ignored, or refused for the NUL: either is sound
    } else {
      header.push(extra.name);
      for (const row of rows) row.push('polluted');
      // The header is trimmed, and NUL cannot reach the store either way: all of these are refused.
      refuse.push(`column ${JSON.stringify(extra.name)}`);
    }
  }
  const first = rows[0];
  if (first) {
    for (const m of spec.mutations) {
      const at = Math.min(m.column, first.length - 1);
      if (m.kind === 'text') {
        first[at] = at === 0 ? `${prefix}${m.text}` : m.text;
        // Only NUL survives as written: a lone surrogate becomes U+FFFD when the file is encoded.
        if (m.text.includes('\u0000') && header[at] !== '') refuse.push(`NUL in ${header[at]}`);
        else unsure = true;
      } else if (m.kind === 'huge') {
        first[at] = `${at === 0 ? prefix : ''}${'h'.repeat(m.length)}`;
        unsure = true;
      } else if (m.kind === 'empty') {
        first[at] = '';
        unsure = true;
      } else {
        first[at] = `"unterminated ${first[at]}`;
        raw.add(first[at]);
        refuse.push('an unterminated quote');
      }
    }
  }
  if (spec.ragged && rows.length > 0) {
    const last = rows[rows.length - 1]!;
    if (spec.ragged === 'short') last.pop();
    else last.push('surplus');
    refuse.push(`a ${spec.ragged} row`);
  }
  if (rows.length === 0) refuse.push('no rows');

  const lines = [header, ...rows].map((cells) => cells.map((c) => (raw.has(c) ? c : csvCell(c))).join(','));
  const text = lines.join(spec.lineEnd) + spec.lineEnd;
  let body: Buffer;
  let contentType: string = spec.contentType;
  if (cyrillic) {
    body = toWindows1251(text);
    if (contentType.startsWith('text/csv') || contentType === 'application/csv')
      contentType = 'text/csv; charset=windows-1251';
  } else if (spec.encoding === 'invalid-utf8') {
    body = Buffer.from(text.replace('Oleg Ivanov', 'Oleg\u0001Ivanov'), 'utf8');
    body[body.indexOf(1)] = 0xff;
    // Not refused by rule: the import reads bytes as UTF-8 and may store U+FFFD in their place.
    if (rows.length > 0) unsure = true;
  } else if (spec.encoding === 'bom')
    body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  else body = Buffer.from(text, 'utf8');

  const isCsvType = /^(text\/csv|application\/csv)\s*(;|$)/i.test(contentType);
  const knownCharset = !/charset=x-unheard-of/.test(contentType);
  const mode = spec.mode === undefined ? undefined : spec.mode;
  const validMode = mode === undefined || mode === 'all' || mode === 'rows';
  let exactStatus: number | undefined;
  if (!isCsvType) exactStatus = 415;
  else if (!validMode) exactStatus = 400;
  else if (!knownCharset) exactStatus = 415;
  else if (refuse.length === 0 && !unsure) exactStatus = 200;
  if (!isCsvType) refuse.push(`content type ${contentType}`);
  if (!validMode) refuse.push(`mode ${JSON.stringify(mode)}`);
  if (!knownCharset) refuse.push('an unknown charset');
  return {
    spec,
    prefix,
    body,
    contentType,
    mode,
    rows: rows.length,
    ...(exactStatus !== undefined ? { exactStatus } : {}),
    refuse,
    ...(exactStatus === 200 ? { storesAll: { customerName } } : {}),
  };
}

/** A one-line account of an import for failure reports. */
export function describeCsv(c: CsvCase): string {
  const text = c.body.toString('latin1');
  return JSON.stringify({
    exactStatus: c.exactStatus,
    refuse: c.refuse,
    contentType: c.contentType,
    mode: c.mode,
    rows: c.rows,
    bytes: c.body.length,
    csv: text.length > 1500 ? `${text.slice(0, 1500)}…` : text,
  });
}
