// Which input the Route dialog offers for a missing target field, by the field's create metadata.
import type { TargetFieldMeta } from '@frontline/shared';
import { inputSpec } from './route/field-inputs.js';

const field = (schema: TargetFieldMeta['schema'], allowedValues?: TargetFieldMeta['allowedValues']) => ({
  fieldId: 'customfield_10099',
  name: 'Field',
  required: true,
  schema,
  ...(allowedValues ? { allowedValues } : {}),
});

const SEVERITY = [{ id: '30001', value: 'Blocker' }, { id: '30002', name: 'Minor' }, { id: '30003' }];

describe('inputSpec', () => {
  it('asks for text, numbers and dates by their own type', () => {
    expect(inputSpec(field({ type: 'string' }))).toEqual({ kind: 'text' });
    expect(inputSpec(field({ type: 'number' }))).toEqual({ kind: 'number' });
    expect(inputSpec(field({ type: 'date' }))).toEqual({ kind: 'date' });
  });

  it('offers allowed values by id, labelled by value, else name, else id', () => {
    expect(inputSpec(field({ type: 'option' }, SEVERITY))).toEqual({
      kind: 'select',
      options: [
        { value: '30001', label: 'Blocker' },
        { value: '30002', label: 'Minor' },
        { value: '30003', label: '30003' },
      ],
    });
    expect(inputSpec(field({ type: 'array', items: 'option' }, SEVERITY))).toMatchObject({
      kind: 'multiselect',
    });
  });

  it('does not ask for what a person cannot type here', () => {
    expect(inputSpec(field({ type: 'user' }))).toBeNull();
    expect(inputSpec(field({ type: 'option' }))).toBeNull();
    expect(inputSpec(field({ type: 'array', items: 'string' }))).toBeNull();
    expect(inputSpec(field({ type: 'option-with-child' }))).toBeNull();
  });
});
