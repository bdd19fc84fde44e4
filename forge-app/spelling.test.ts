import { mkdtemp, copyFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkReply, DEFAULT_GLOSSARY } from '@frontline/shared';
import { spellersFrom } from './spelling.js';

const require = createRequire(import.meta.url);

describe('spellers from bundled dictionaries', () => {
  let dir: string;
  beforeAll(async () => {
    // Lay the English dictionary out as forge:check does next to the functions bundle.
    dir = await mkdtemp(join(tmpdir(), 'frontline-dict-'));
    const from = dirname(require.resolve('dictionary-en'));
    await copyFile(join(from, 'index.aff'), join(dir, 'en.aff'));
    await copyFile(join(from, 'index.dic'), join(dir, 'en.dic'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('builds a speller per dictionary present and leaves the others out', () => {
    const spellers = spellersFrom(dir);
    expect(Object.keys(spellers)).toEqual(['en']);
  });

  it('flags a misspelt word in a reply with suggestions', () => {
    const findings = checkReply('We will recieve the part tomorrow.', {
      glossary: DEFAULT_GLOSSARY,
      language: 'en',
      spellers: spellersFrom(dir),
    });
    const spelling = findings.filter((f) => f.kind === 'spelling');
    expect(spelling.map((f) => f.text)).toEqual(['recieve']);
    expect(spelling[0]!.replacements).toContain('receive');
  });
});
