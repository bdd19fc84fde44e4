// The embedded store after failed statements: each failure is reported, and the one connection
// goes on serving the statements after it — in and out of transactions.
import { jest } from '@jest/globals';
import { openPglite } from './pglite.js';
import type { PgliteDb } from './pglite.js';

// PGlite's first start is slow on a busy machine.
jest.setTimeout(60_000);

describe('PGlite store after failed statements', () => {
  let db: PgliteDb;

  beforeAll(async () => {
    db = await openPglite({ dataDir: 'memory://' });
    await db.query('CREATE TABLE notes (id int PRIMARY KEY, body jsonb, at timestamptz)');
  });
  afterAll(() => db?.close());

  const one = async () => (await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('reports a value the store refuses and serves the next statements', async () => {
    await expect(
      db.query('INSERT INTO notes (id, body) VALUES (1, $1::jsonb)', ['{"a":"\\u0000"}']),
    ).rejects.toThrow(/Unicode/);
    await expect(
      db.query('INSERT INTO notes (id, at) VALUES (2, $1)', [new Date(Date.UTC(10_000, 0, 1))]),
    ).rejects.toThrow(/out of range/);
    expect(await one()).toBe(1);
    await db.query('INSERT INTO notes (id, body) VALUES (3, $1::jsonb)', ['{"a":"b"}']);
    expect((await db.query('SELECT id FROM notes')).rows).toEqual([{ id: 3 }]);
  });

  it('refuses JSON nested deeper than PGlite parses safely, and the next error is still reported', async () => {
    // PGlite runs out of JavaScript stack parsing ~8,000+ levels, swallows that, and the next
    // error of any kind then loops for ever: such a parameter must never reach it.
    await expect(db.query('SELECT jsonb_typeof($1::jsonb) AS t', [nested(20_000)])).rejects.toThrow(
      /parameter \$1 is nested deeper than/,
    );
    await expect(
      db.query('SELECT count(*) FROM unnest($1::jsonb[])', [['{}', nested(20_000)]]),
    ).rejects.toThrow(/parameter \$1 is nested deeper than/);
    await expect(db.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
    expect(await one()).toBe(1);
    // Nesting any real document has stays accepted.
    expect((await db.query('SELECT jsonb_typeof($1::jsonb) AS t', [nested(200)])).rows).toEqual([
      { t: 'array' },
    ]);
  });

  it('rolls a failed transaction back and serves the next one', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id) VALUES (10)');
        await tx.query('INSERT INTO notes (id, body) VALUES (11, $1::jsonb)', [nested(20_000)]);
      }),
    ).rejects.toThrow(/nested deeper than/);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id) VALUES (12)');
        // A failure the callback swallows still aborts the transaction: COMMIT must not pretend.
        await tx.query('SELECT 1/0').catch(() => undefined);
      }),
    ).rejects.toThrow();
    await expect(db.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
    await db.transaction(async (tx) => tx.query('INSERT INTO notes (id) VALUES (13)'));
    expect(
      (await db.query<{ id: number }>('SELECT id FROM notes ORDER BY id')).rows.map((r) => r.id),
    ).toEqual([3, 13]);
  });
});
