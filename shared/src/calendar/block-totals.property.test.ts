// Block totals against plain sums. A block's total (32 UTC days of working time) comes from the
// week cycle corrected around exceptional days, or from a day walk when a clock change is near; a
// search trusts it to skip whole blocks. These properties check it, on random valid calendars and
// blocks anywhere in the horizon, against the minute-by-minute oracle and against the sum of the
// block's 32 day totals, and check that a compiled calendar's answers do not depend on the order
// in which it is asked.
import fc from 'fast-check';
import type { BusinessCalendar } from '../schemas/calendar.js';
import { BLOCK_DAYS } from './compiled.js';
import { HORIZON_END_MS, HORIZON_START_MS } from './horizon.js';
import { businessMinutesBetween, compileCalendar } from './index.js';
import { calendarDraft, parsedCalendar } from './test/arbitraries.js';
import { oracleIsWorking, oracleWorkingMinutes } from './test/oracle.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const BLOCK = BLOCK_DAYS * DAY;

// Zones without DST (UTC, Moscow since 2014), with it (Berlin), with DST only in part of the horizon
// (São Paulo until 2019, Moscow until 2011), with a +05:45 offset (Kathmandu), a 30-minute change
// (Lord Howe) and changes at local midnight, so that a local date repeats or is skipped (Santiago).
const ZONES = [
  'UTC',
  'Europe/Moscow',
  'Europe/Berlin',
  'America/Sao_Paulo',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
];

/** Blocks wholly inside the horizon, and the two that straddle its ends. */
const FIRST_BLOCK = Math.ceil(HORIZON_START_MS / BLOCK);
const LAST_BLOCK = Math.floor(HORIZON_END_MS / BLOCK) - 1;
const STRADDLING_BLOCKS = [FIRST_BLOCK - 1, LAST_BLOCK + 1];

/** Month-days near which one of the zones has changed its clocks in some year. */
const CLOCK_CHANGE_DAYS = [
  '02-18',
  '03-12',
  '03-27',
  '04-03',
  '05-12',
  '08-12',
  '09-06',
  '10-04',
  '10-27',
  '11-04',
];

const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const blockOfDate = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / BLOCK);

/** A block wholly inside the horizon: any, or one near a usual clock-change date of a random year. */
const insideBlock = fc.oneof(
  fc.integer({ min: FIRST_BLOCK, max: LAST_BLOCK }),
  fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(...CLOCK_CHANGE_DAYS))
    .map(([year, monthDay]) => blockOfDate(`${year}-${monthDay}`)),
);
/** Blocks straddling the horizon's ends answer too: a range that reaches into them asks them. */
const anyBlock = fc.oneof({ arbitrary: insideBlock, weight: 9 }, fc.constantFrom(...STRADDLING_BLOCKS));

/** A local date from 4 days before block `index` to 4 days after it. */
const dateAround = (index: number) =>
  fc.integer({ min: -4, max: BLOCK_DAYS + 3 }).map((offset) => isoDay(index * BLOCK_DAYS + offset));

/** A block and a calendar whose exceptional days fall in or next to it. */
const blockWithCalendar = (blocks: fc.Arbitrary<number>) =>
  blocks.chain((index) => calendarDraft(ZONES, dateAround(index)).map((draft) => ({ index, draft })));

/** The block's total as the sum of its 32 UTC days, on a compile of its own. */
function sumOfDays(calendar: BusinessCalendar, index: number): number {
  const compiled = compileCalendar(calendar);
  let sum = 0;
  for (let i = 0; i < BLOCK_DAYS; i++) sum += compiled.workOfUtcDay(index * BLOCK_DAYS + i).total;
  return sum;
}

describe('block totals', () => {
  it('the accelerated oracle counts the same minutes as asking Intl minute by minute', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(...CLOCK_CHANGE_DAYS))
          .chain(([year, monthDay]) => {
            const date = `${year}-${monthDay}`;
            const day = Date.parse(`${date}T00:00:00Z`) / DAY;
            return fc.record({
              draft: calendarDraft(ZONES, dateAround(Math.floor(day / BLOCK_DAYS))),
              from: fc.integer({ min: -3 * 1440, max: 3 * 1440 }).map((m) => day * DAY + m * MINUTE),
            });
          }),
        fc.integer({ min: 1, max: 2 * 1440 }),
        ({ draft, from }, minutes) => {
          const calendar = parsedCalendar(draft);
          let expected = 0;
          for (let m = 0; m < minutes; m++) if (oracleIsWorking(calendar, from + m * MINUTE)) expected++;
          expect(oracleWorkingMinutes(calendar, from, from + minutes * MINUTE)).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("a fresh compile's blockTotal equals the oracle's minutes over the block and the sum of its 32 days", () => {
    fc.assert(
      fc.property(blockWithCalendar(anyBlock), ({ index, draft }) => {
        const calendar = parsedCalendar(draft);
        const start = index * BLOCK;
        const oracle = oracleWorkingMinutes(calendar, start, start + BLOCK) * MINUTE;
        const blockTotal = compileCalendar(calendar).blockTotal(index);
        expect({ blockTotal, sumOfDays: sumOfDays(calendar, index) }).toEqual({
          blockTotal: oracle,
          sumOfDays: oracle,
        });
      }),
      { numRuns: 120 },
    );
  });

  it('businessMinutesBetween over a whole block, and from inside one neighbour to inside the other, equals the oracle', () => {
    fc.assert(
      fc.property(
        blockWithCalendar(insideBlock),
        fc.integer({ min: 0, max: 3 * 1440 }),
        fc.integer({ min: 0, max: 3 * 1440 }),
        ({ index, draft }, before, after) => {
          const calendar = parsedCalendar(draft);
          const start = index * BLOCK;
          const end = start + BLOCK;
          expect(businessMinutesBetween(compileCalendar(calendar), new Date(start), new Date(end))).toBe(
            oracleWorkingMinutes(calendar, start, end),
          );
          // Spanning three blocks, so the middle one is counted by its total alone.
          const from = Math.max(start - before * MINUTE, HORIZON_START_MS);
          const to = Math.min(end + after * MINUTE, HORIZON_END_MS);
          expect(businessMinutesBetween(compileCalendar(calendar), new Date(from), new Date(to))).toBe(
            oracleWorkingMinutes(calendar, from, to),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('answers do not depend on the order of the questions', () => {
    type Query =
      | { kind: 'total'; block: number }
      | { kind: 'day'; block: number; day: number }
      | { kind: 'within'; block: number; from: number; to: number };

    /** Block `index` and a far one (a year to decades away, either side, inside the horizon). */
    const nearAndFar = fc
      .tuple(insideBlock, fc.integer({ min: 12, max: 1100 }), fc.boolean())
      .map(([near, distance, later]) => {
        const far = later ? near + distance : near - distance;
        return {
          near,
          far: far > LAST_BLOCK || far < FIRST_BLOCK ? (later ? near - distance : near + distance) : far,
        };
      })
      .filter(({ far }) => far >= FIRST_BLOCK && far <= LAST_BLOCK);

    const query = (blocks: readonly number[]): fc.Arbitrary<Query> =>
      fc.oneof(
        fc.record({ kind: fc.constant('total' as const), block: fc.constantFrom(...blocks) }),
        fc.record({
          kind: fc.constant('day' as const),
          block: fc.constantFrom(...blocks),
          day: fc.nat(BLOCK_DAYS - 1),
        }),
        fc
          .record({
            kind: fc.constant('within' as const),
            block: fc.constantFrom(...blocks),
            from: fc.nat(BLOCK_DAYS * 1440),
            to: fc.nat(BLOCK_DAYS * 1440),
          })
          .map((q) => ({ ...q, from: Math.min(q.from, q.to), to: Math.max(q.from, q.to) })),
      );

    function answer(compiled: ReturnType<typeof compileCalendar>, q: Query): unknown {
      const start = q.block * BLOCK;
      switch (q.kind) {
        case 'total':
          return compiled.blockTotal(q.block);
        case 'day': {
          const work = compiled.workOfUtcDay(q.block * BLOCK_DAYS + q.day);
          return { total: work.total, ranges: [...work.ranges] };
        }
        case 'within':
          return compiled.workInBlock(q.block, start + q.from * MINUTE, start + q.to * MINUTE);
      }
    }

    it('far block first, then near ones, with random day and sub-block questions in between, gives what fresh compiles give', () => {
      fc.assert(
        fc.property(
          nearAndFar.chain(({ near, far }) => {
            const blocks = [near, near + 1, far];
            return fc.record({
              near: fc.constant(near),
              far: fc.constant(far),
              draft: calendarDraft(ZONES, fc.oneof(dateAround(near), dateAround(near + 1), dateAround(far))),
              queries: fc.array(query(blocks), { maxLength: 8 }),
            });
          }),
          ({ near, far, draft, queries }) => {
            const calendar = parsedCalendar(draft);
            const farFirst: Query[] = [
              { kind: 'total', block: far },
              { kind: 'total', block: near },
              ...queries,
              { kind: 'total', block: near + 1 },
            ];
            const inOrder = [...farFirst].sort((a, b) => a.block - b.block);

            const alone = (q: Query) => answer(compileCalendar(calendar), q);
            const asked = (sequence: Query[]) => {
              const compiled = compileCalendar(calendar);
              return new Map(sequence.map((q) => [q, answer(compiled, q)]));
            };
            const farFirstAnswers = asked(farFirst);
            const inOrderAnswers = asked(inOrder);
            for (const q of farFirst) {
              const expected = alone(q);
              expect({ q, answer: farFirstAnswers.get(q) }).toEqual({ q, answer: expected });
              expect({ q, answer: inOrderAnswers.get(q) }).toEqual({ q, answer: expected });
            }
            for (const block of [near, near + 1, far])
              expect({ block, total: alone({ kind: 'total', block }) }).toEqual({
                block,
                total: sumOfDays(calendar, block),
              });
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});
