// Every text the screens and the manifest ask for exists in every locale manifest.yml declares,
// with the same placeholders, so no user ever sees a raw key or an unfilled `{{name}}`.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  CommunicationPreferencesSchema,
  LANGUAGES,
  PRIORITIES,
  SETTINGS_SECTIONS,
  SLA_TARGETS,
  TEMPERATURE_BANDS,
  TEMPERATURE_FACTORS,
} from '@frontline/shared';
import { projectRoot, readManifest } from '../scripts/forge-checks.js';

const root = projectRoot();
const manifest = await readManifest(root);
const declared = (manifest.translations as { resources: { key: string; path: string }[] }).resources;
const locales = Object.fromEntries(
  await Promise.all(
    declared.map(
      async (r) => [r.key, JSON.parse(await readFile(join(root, r.path), 'utf8')) as unknown] as const,
    ),
  ),
);

/** Every dotted key of a nested resource with its text. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [[prefix, node]];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : Promise.resolve(/\.tsx?$/.test(e.name) && !/\.test\./.test(e.name) ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

/** Keys built from a prefix and a value the screens get from the sidecar: one per possible value. */
const families: [string, readonly string[]][] = [
  ['temperature.band', TEMPERATURE_BANDS],
  ['temperature.factor', TEMPERATURE_FACTORS],
  ['priority', PRIORITIES],
  ['contract.sla.target', SLA_TARGETS],
  ['language', LANGUAGES],
  ['contract.channel', CommunicationPreferencesSchema.shape.channel.options],
  ['contract.detail', CommunicationPreferencesSchema.shape.detail.options],
  ['contract.register', CommunicationPreferencesSchema.shape.register.options],
  ['contract.cadence', ['weekly', 'biweekly', 'monthly']],
  ['contract.matchedHow', ['organization', 'emailDomain', 'customerField']],
  ['contract.empty', ['noCustomer', 'noContracts']],
  ['settings.section', SETTINGS_SECTIONS],
];

describe('translations', () => {
  const english = new Map(leaves(locales['en-US']));

  it('declares English and Russian, English as the fallback', () => {
    expect(declared.map((r) => r.key).sort()).toEqual(['en-US', 'ru-RU']);
    expect((manifest.translations as { fallback: { default: string } }).fallback.default).toBe('en-US');
  });

  it.each(declared.map((r) => r.key))(
    '%s has every key, each a non-empty text with the same placeholders',
    (locale) => {
      const mine = new Map(leaves(locales[locale]));
      expect([...mine.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of mine) {
        expect([key, typeof text]).toEqual([key, 'string']);
        expect([key, (text as string).trim() === '']).toEqual([key, false]);
        expect([key, placeholders(text as string)]).toEqual([key, placeholders(english.get(key) as string)]);
      }
    },
  );

  it('has a text for every literal key the screens ask for', async () => {
    const files = await sources('forge-app/frontend');
    const used = new Set<string>();
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => !english.has(key));
    expect(missing).toEqual([]);
    expect(files.map((f) => relative('forge-app/frontend', f))).toContain('suggestions/SuggestionsApp.tsx');
  });

  it.each(families)('has a text for every value under %s', (prefix, values) => {
    const missing = values.map((v) => `${prefix}.${v}`).filter((key) => !english.has(key));
    expect(missing).toEqual([]);
  });

  it('has a text for every module title and label in manifest.yml', () => {
    const keys: string[] = [];
    JSON.stringify(manifest.modules, (k, v: unknown) => {
      if (k === 'i18n' && typeof v === 'string') keys.push(v);
      return v;
    });
    expect(keys.length).toBeGreaterThanOrEqual(8);
    expect(keys.filter((key) => !english.has(key))).toEqual([]);
  });
});
