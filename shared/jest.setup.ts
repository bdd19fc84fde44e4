// Runs before every shared/ test file: reading the host clock from shared/ code (sources, tests
// and fixtures) throws, so a `new Date()` or `Date.now()` that slipped past the lint rules (an
// alias, a computed call) fails the tests instead of quietly making them depend on when they run.
// Libraries loaded by the tests (ESLint, lodash, fast-check) may keep reading the clock: the caller
// is told apart by its stack frame. Dates built from an explicit instant, Date.UTC and Date.parse
// behave as usual.
const HostDate = globalThis.Date;
const hostNow = HostDate.now.bind(HostDate);

const SHARED_FILE = /[\\/]shared[\\/](src|jest\.setup)/;
const LIBRARY_FILE = /[\\/]node_modules[\\/]/;

/** Whether the code that read the clock (the first frame outside this file) belongs to shared/. */
function readFromShared(): boolean {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const caller = frames.find((frame) => !frame.includes('jest.setup'));
  return caller !== undefined && SHARED_FILE.test(caller) && !LIBRARY_FILE.test(caller);
}

const clockRead = (what: string) =>
  new Error(`shared/ is pure: ${what} reads the host clock; pass the instant in as an argument.`);

class InstantOnlyDate extends HostDate {
  constructor(...args: unknown[]) {
    if (args.length === 0 && readFromShared()) throw clockRead('new Date()');
    super(...(args as [number]));
  }

  static override now(): number {
    if (readFromShared()) throw clockRead('Date.now()');
    return hostNow();
  }
}

globalThis.Date = InstantOnlyDate as DateConstructor;
