// Finds the `*.bench.ts` files beside this one and loads only those a run asks for, so a broken or
// slow-to-import file (one that needs Postgres, say) does not stand in the way of an unrelated run.
// A file is named after its suite (`calendar.bench.ts` → `calendar`); a file may export several
// suites, named `<file>` or `<file>:<part>`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from './lib.js';

const SUFFIX = '.bench.ts';
const here = fileURLToPath(new URL('.', import.meta.url));

/** The suite files beside this one by file name without `.bench.ts`, sorted. */
export function benchFileNames(dir = here): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

/** The file a suite name lives in: `calendar` and `calendar:cold` both live in `calendar.bench.ts`. */
export function fileOfSuite(suiteName: string): string {
  const colon = suiteName.indexOf(':');
  return colon < 0 ? suiteName : suiteName.slice(0, colon);
}

/** Whether a suite's name fits the file it came from. */
export function belongsToFile(suiteName: string, file: string): boolean {
  return fileOfSuite(suiteName) === file;
}

/** Imports one suite file and returns its suites, refusing names that do not fit the file. */
async function loadFile(file: string): Promise<BenchSuite[]> {
  const mod = (await import(new URL(`${file}${SUFFIX}`, import.meta.url).href)) as {
    default: BenchSuite | BenchSuite[];
  };
  const suites = Array.isArray(mod.default) ? mod.default : [mod.default];
  const strays = suites.filter((s) => !belongsToFile(s.name, file)).map((s) => s.name);
  if (strays.length)
    throw new Error(
      `${file}${SUFFIX} exports ${strays.join(', ')}; name its suites "${file}" or "${file}:<part>"`,
    );
  return suites;
}

/** What a run asked for: the suites to run, or the names no file provides. */
export type SuiteSelection =
  { ok: true; suites: BenchSuite[] } | { ok: false; unknown: string[]; known: string[] };

/** Loads the suites named (only their files), or every suite when `names` is empty. */
export async function loadSuites(names: readonly string[], dir = here): Promise<SuiteSelection> {
  const known = benchFileNames(dir);
  const wanted = names.length ? names : known;
  const unknownFiles = wanted.filter((name) => !known.includes(fileOfSuite(name)));
  if (unknownFiles.length) return { ok: false, unknown: unknownFiles, known };
  const files = [...new Set(wanted.map(fileOfSuite))];
  const loaded = (await Promise.all(files.map(loadFile))).flat();
  // A bare file name selects all of that file's suites; `file:part` selects one.
  const chosen = loaded.filter(
    (suite) => wanted.includes(suite.name) || wanted.includes(fileOfSuite(suite.name)),
  );
  const unknown = wanted.filter((name) => name.includes(':') && !loaded.some((s) => s.name === name));
  return unknown.length
    ? { ok: false, unknown, known: loaded.map((s) => s.name) }
    : { ok: true, suites: chosen };
}
