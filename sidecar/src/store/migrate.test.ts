import fc from 'fast-check';
import { planMigrations, readMigrations } from './migrate.js';

describe('planMigrations', () => {
  it('orders migrations by number whatever order the files are listed in', () => {
    const numbered = fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(numbered, (versions) => {
        const files = versions.map((v) => ({
          file: `${String(v).padStart(3, '0')}_step.sql`,
          sql: `-- ${v}`,
        }));
        const planned = planMigrations(files).map((m) => m.version);
        return JSON.stringify(planned) === JSON.stringify([...versions].sort((a, b) => a - b));
      }),
    );
  });

  it('rejects two files with the same number', () => {
    expect(() =>
      planMigrations([
        { file: '100_settings.sql', sql: '' },
        { file: '100_contracts.sql', sql: '' },
      ]),
    ).toThrow(/share the number 100/);
  });

  it('rejects a badly named .sql file and ignores other files', () => {
    expect(() => planMigrations([{ file: '7_settings.sql', sql: '' }])).toThrow(/NNN_name\.sql/);
    expect(planMigrations([{ file: 'README.md', sql: '' }])).toEqual([]);
  });

  it('reads the real migrations directory: the platform owns 001–099', () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions).toContain(1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });
});
