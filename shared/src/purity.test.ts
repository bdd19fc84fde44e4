// Proof that the purity rules exist and bite: the project's own ESLint config is run over small
// offending snippets as if they were shared/ source, and each must be reported. The last block
// checks the jest setup that makes host-clock reads throw during shared/ tests.
import { ESLint } from 'eslint';

const repoRoot = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: repoRoot });

/** The messages ESLint reports for `code` linted as a shared/ source (or test) file. */
async function reported(code: string, file = 'shared/src/calendar/snippet.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const offending: [string, string][] = [
  ['argument-less new Date()', 'export const now = () => new Date();'],
  ['Date.now()', 'export const now = () => Date.now();'],
  ['Date.now passed around', 'export const clock = Date.now;'],
  ['Date() called as a function', 'export const now = () => Date();'],
  ['local-zone constructor', 'export const d = new Date(2027, 0, 9);'],
  ['spread into new Date', 'export const d = (parts: [number]) => new Date(...parts);'],
  ['computed Date member', "export const n = () => Date['n' + 'ow']();"],
  ['dynamic import', "export const load = () => import('./other.js');"],
  ['Reflect.construct', 'export const d = () => Reflect.construct(Date, []);'],
  ['globalThis', 'export const g = globalThis;'],
  ['performance', 'export const t = () => performance.now();'],
  ['crypto', 'export const id = () => crypto.randomUUID();'],
  ['Buffer', "export const b = Buffer.from('x');"],
  ['a Node-only global', 'export const s = () => setImmediate(() => 1);'],
  ['process', 'export const tz = process.env.TZ;'],
  ['Math.random', 'export const r = Math.random();'],
  ['getHours', 'export const h = (d: Date) => d.getHours();'],
  ['getDate', 'export const h = (d: Date) => d.getDate();'],
  ['getDay', 'export const h = (d: Date) => d.getDay();'],
  ['getFullYear', 'export const h = (d: Date) => d.getFullYear();'],
  ['getTimezoneOffset', 'export const h = (d: Date) => d.getTimezoneOffset();'],
  ['setHours', 'export const h = (d: Date) => new Date(d.getTime()).setHours(0);'],
  ['toLocaleString', 'export const h = (d: Date) => d.toLocaleString();'],
  ['toLocaleDateString', "export const h = (d: Date) => d.toLocaleDateString('ru-RU');"],
  ['Intl.DateTimeFormat without options', 'export const f = new Intl.DateTimeFormat();'],
  [
    'Intl.DateTimeFormat without timeZone',
    "export const f = new Intl.DateTimeFormat('ru-RU', { hour: 'numeric' });",
  ],
  [
    'host zone through resolvedOptions',
    'export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;',
  ],
  [
    'Intl options built elsewhere',
    "const o = { timeZone: 'UTC' };\nexport const f = new Intl.DateTimeFormat('en', o);",
  ],
  ['Node built-in import', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;"],
];

describe('the purity lint rules for shared/src', () => {
  it.each(offending)('reports %s', async (_what, code) => {
    const messages = await reported(code);
    // A parse error would also be "reported"; only a rule's finding counts.
    expect(messages.filter((m) => !m.startsWith('parse:'))).not.toEqual([]);
  });

  it('accepts explicit instants, UTC accessors and zoned formatting', async () => {
    const clean = [
      'export const at = (ms: number) => new Date(ms);',
      "export const at2 = new Date('2027-01-09T06:00:00Z');",
      'export const utc = new Date(Date.UTC(2027, 0, 9));',
      'export const hour = (d: Date) => d.getUTCHours() + d.getTime();',
      "export const f = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: 'numeric' });",
      "export const lower = (s: string) => s.toLocaleLowerCase('ru');",
    ].join('\n');
    expect(await reported(clean)).toEqual([]);
  });

  it('leaves tests free to use Node and the jest globals', async () => {
    const code =
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\nexpect(1).toBe(1);";
    expect(await reported(code, 'shared/src/calendar/snippet.test.ts')).toEqual([]);
  });
});

describe('the shared/ jest setup', () => {
  it('makes reading the host clock throw', () => {
    expect(() => new Date()).toThrow(/host clock/);
    expect(() => Date.now()).toThrow(/host clock/);
  });

  it('still builds dates from explicit instants', () => {
    const instant = new Date('2027-01-09T06:00:00Z');
    expect(new Date(instant.getTime()).toISOString()).toBe('2027-01-09T06:00:00.000Z');
    expect(new Date(instant)).toBeInstanceOf(Date);
    expect(Date.UTC(2027, 0, 9)).toBe(instant.getTime() - 6 * 3_600_000);
  });
});
