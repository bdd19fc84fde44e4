// Spell checkers for the Reply check, built on first use from the Hunspell dictionaries that
// `forge:build` copies next to the functions bundle (see scripts/forge-bundle.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHunspellSpeller, lazySpeller } from '@frontline/shared';
import type { Spellers } from './resolvers/reply.js';

/** The dictionary languages and the npm packages they come from. */
export const DICTIONARIES = { en: 'dictionary-en', ru: 'dictionary-ru' } as const;

/** Lazily built spellers for the dictionaries present in `dir`; a missing one is simply left out. */
export function spellersFrom(dir: string): Spellers {
  const spellers: Spellers = {};
  for (const language of Object.keys(DICTIONARIES) as (keyof typeof DICTIONARIES)[]) {
    const aff = join(dir, `${language}.aff`);
    const dic = join(dir, `${language}.dic`);
    if (!existsSync(aff) || !existsSync(dic)) continue;
    spellers[language] = lazySpeller(() =>
      createHunspellSpeller({ aff: readFileSync(aff, 'utf8'), dic: readFileSync(dic, 'utf8') }),
    );
  }
  return spellers;
}
