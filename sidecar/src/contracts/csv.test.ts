import { z } from 'zod';
import { parseCsv, readCell, rowToInput } from './csv.js';

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

  it('nests dotted columns and leaves empty cells out', () => {
    const cells = {
      id: 'NW-2026-014',
      hours: '',
      'tsm.name': 'Ирина Соколова',
      'tsm.email': 'i.sokolova@northwind.example',
    };
    expect(rowToInput(cells, Schema)).toEqual({
      id: 'NW-2026-014',
      tsm: { name: 'Ирина Соколова', email: 'i.sokolova@northwind.example' },
    });
  });

  it('numbers rows by their line in the file, quoted line breaks included', () => {
    const text = '\uFEFFid,customerName\r\nA,"Frost & Co"\r\n\r\nB,"Logistics\nGroup"\r\nC,Bank\r\n';
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.value.columns).toEqual(['id', 'customerName']);
    expect(parsed.ok && parsed.value.rows.map((r) => [r.line, r.cells.id])).toEqual([
      [2, 'A'],
      [4, 'B'],
      [6, 'C'],
    ]);
  });

  it('reports a malformed file instead of guessing', () => {
    const parsed = parseCsv('id,name\nA,"unterminated\n');
    expect(parsed.ok).toBe(false);
  });
});
