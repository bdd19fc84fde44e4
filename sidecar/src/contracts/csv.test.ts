import { z } from 'zod';
import { ContractSchema } from '@frontline/shared';
import { checkColumns, readCell, readCsv, rowToInput, type CsvRecord } from './csv.js';

const Schema = z.strictObject({
  id: z.string(),
  hours: z.number().int().optional(),
  coverage24x7: z.boolean().default(false),
  linesOfBusiness: z.array(z.string()).default([]),
  tsm: z.strictObject({ name: z.string(), email: z.string() }).optional(),
});

describe('contract CSV', () => {
  it('reads cells by the type the schema expects', () => {
    expect(readCell('40', Schema.shape.hours)).toBe(40);
    expect(readCell('12,5', Schema.shape.hours)).toBe(12.5);
    expect(readCell('forty', Schema.shape.hours)).toBe('forty');
    expect(readCell('yes', Schema.shape.coverage24x7)).toBe(true);
    expect(readCell('0', Schema.shape.coverage24x7)).toBe(false);
    expect(readCell('maybe', Schema.shape.coverage24x7)).toBe('maybe');
    expect(readCell('Hardware; Databases ;', Schema.shape.linesOfBusiness)).toEqual([
      'Hardware',
      'Databases',
    ]);
    expect(readCell('["a;b"]', Schema.shape.linesOfBusiness)).toEqual(['a;b']);
    expect(readCell('007', Schema.shape.id)).toBe('007');
    expect(readCell('x', undefined)).toBe('x');
  });

  it('reads the contract’s service target columns as numbers, one column per priority', () => {
    const columns = [
      'serviceTargets.workStartBusinessHours.highest',
      'serviceTargets.workStartBusinessHours.lowest',
      'serviceTargets.partsDeliveryBusinessDays',
    ];
    expect(checkColumns(columns, ContractSchema)).toEqual([]);
    expect(checkColumns(['serviceTargets.workStartBusinessHours.urgent'], ContractSchema)).toEqual([
      {
        column: 'serviceTargets.workStartBusinessHours.urgent',
        message: 'Column "serviceTargets.workStartBusinessHours.urgent" names no contract field',
      },
    ]);
    expect(
      rowToInput(
        [
          [columns[0]!, '0,5'],
          [columns[1]!, '16'],
          [columns[2]!, 'two'],
        ],
        ContractSchema,
      ),
    ).toEqual({
      serviceTargets: {
        workStartBusinessHours: { highest: 0.5, lowest: 16 },
        partsDeliveryBusinessDays: 'two',
      },
    });
  });

  it('nests dotted columns and leaves empty cells out', () => {
    const cells = {
      id: 'NW-2026-014',
      hours: '',
      'tsm.name': 'Ирина Соколова',
      'tsm.email': 'i.sokolova@northwind.example',
    };
    expect(rowToInput(Object.entries(cells), Schema)).toEqual({
      id: 'NW-2026-014',
      tsm: { name: 'Ирина Соколова', email: 'i.sokolova@northwind.example' },
    });
  });

  it('numbers rows by their line in the file, quoted line breaks included', async () => {
    const text = '\uFEFFid,customerName\r\nA,"Frost & Co"\r\n\r\nB,"Logistics\nGroup"\r\nC,Bank\r\n';
    expect(await records([text])).toEqual([
      { line: 1, values: ['id', 'customerName'] },
      { line: 2, values: ['A', 'Frost & Co'] },
      { line: 4, values: ['B', 'Logistics\nGroup'] },
      { line: 6, values: ['C', 'Bank'] },
    ]);
  });

  it('reads a file cut anywhere, even inside a character', async () => {
    const bytes = Buffer.from('id,name\nA,"Ирина\nСоколова"\nB,😀\n');
    const oneByteAtATime = [...bytes].map((b) => Uint8Array.of(b));
    expect(await records(oneByteAtATime)).toEqual([
      { line: 1, values: ['id', 'name'] },
      { line: 2, values: ['A', 'Ирина\nСоколова'] },
      { line: 4, values: ['B', '😀'] },
    ]);
  });

  it('reports a malformed file instead of guessing', async () => {
    await expect(records(['id,name\nA,"unterminated\n'])).rejects.toThrow();
    await expect(records(['id,name\nA,B,C\n'])).rejects.toThrow(/line 2/);
  });

  it('takes only columns that name a field of the schema', () => {
    const columns = ['id', 'tsm.email', 'linesOfBusiness', 'tsm', '', 'colour', 'tsm.phone', 'id.length'];
    const hostile = ['__proto__', '__proto__.x', 'tsm.__proto__', 'constructor.prototype', 'tsm..name'];
    expect(checkColumns([...columns, ...hostile], Schema)).toEqual(
      ['colour', 'tsm.phone', 'id.length', ...hostile].map((column) => ({
        column,
        message: expect.stringContaining(JSON.stringify(column)),
      })),
    );
  });

  it('builds rows from hostile columns without touching any prototype', () => {
    const input = rowToInput(
      [
        ['__proto__.x', 'polluted'],
        ['constructor.prototype.x', 'polluted'],
        ['tsm.__proto__', '{"x":"polluted"}'],
      ],
      Schema,
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.keys(input)).toEqual(['__proto__', 'constructor', 'tsm']);
    expect(Object.keys(input.tsm as object)).toEqual(['__proto__']);
    expect(Schema.safeParse(input).success).toBe(false);
  });
});

async function records(chunks: (string | Uint8Array)[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsv(chunks)) out.push(record);
  return out;
}
