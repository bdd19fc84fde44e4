// The one way routing matches what admins and users write (field names, issue types, statuses) to
// what Jira has: the plan and the Route resolver both use these, so they cannot disagree.
import fc from 'fast-check';
import type { TargetFieldMeta } from '../schemas/routing.js';
import { sourceTransitionOf } from './jira-requests.js';
import {
  findIssueType,
  findTargetField,
  isSetByPlan,
  routingSourceOf,
  sourceFieldValue,
  suggestedParts,
} from './plan.js';
import { allowedValueLabel } from './values.js';

const field = (fieldId: string, name: string, extra: Partial<TargetFieldMeta> = {}): TargetFieldMeta => ({
  fieldId,
  name,
  required: false,
  schema: { type: 'string' },
  ...extra,
});
const screen = [field('summary', 'Summary'), field('customfield_10050', 'Parts to replace')];

/** A spelling of `text` as people type it: other case, spaces around. */
const respelled = (text: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }),
      fc.string({ unit: fc.constantFrom(' ', '\t') }),
    )
    .map(
      ([upper, pad]) =>
        `${pad}${[...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('')}${pad}`,
    );

describe('findTargetField', () => {
  it('finds a field by id or by display name, whatever the case and the spaces around', () => {
    const spelled = fc
      .tuple(fc.constantFrom(...screen), fc.boolean())
      .chain(([target, byName]) =>
        respelled(byName ? target.name : target.fieldId).map((ref) => [target, ref] as const),
      );
    fc.assert(
      fc.property(spelled, ([target, ref]) => {
        expect(findTargetField(screen, ref)).toBe(target);
      }),
    );
  });

  it('prefers an id over a display name that happens to read the same', () => {
    const clash = [field('customfield_1', 'summary'), field('summary', 'Summary')];
    expect(findTargetField(clash, 'summary')?.fieldId).toBe('summary');
    expect(findTargetField(clash, 'Description')).toBeUndefined();
  });
});

describe('findIssueType', () => {
  const types = [
    { id: '10001', name: 'Task' },
    { id: '10002', name: 'Service request' },
  ];
  it('matches an id exactly and a name whatever the case and the spaces around', () => {
    expect(findIssueType(types, { id: '10002' })?.name).toBe('Service request');
    expect(findIssueType(types, { name: ' service REQUEST ' })?.id).toBe('10002');
    expect(findIssueType(types, { id: 'Task' })).toBeUndefined();
    expect(findIssueType(types, { name: 'Bug' })).toBeUndefined();
  });
});

describe('sourceFieldValue', () => {
  const source = {
    fields: { customfield_10050: 'PSU 800W hot-plug ×1', summary: 'Disk failed' },
    fieldNames: { customfield_10050: 'Parts to replace', summary: 'Summary' },
  };
  it('reads a source field by id, by display name, or by an id spelled otherwise', () => {
    expect(sourceFieldValue(source, 'customfield_10050')).toBe('PSU 800W hot-plug ×1');
    expect(sourceFieldValue(source, ' parts TO replace')).toBe('PSU 800W hot-plug ×1');
    expect(sourceFieldValue(source, 'SUMMARY')).toBe('Disk failed');
    expect(sourceFieldValue(source, 'Serial number')).toBeUndefined();
    expect(sourceFieldValue({ fields: source.fields }, 'Parts to replace')).toBeUndefined();
  });
});

describe('routingSourceOf', () => {
  it('reads project and issue type from a REST v3 issue, empty where the issue lacks them', () => {
    const fields = { project: { key: 'SUP' }, issuetype: { name: 'Incident' }, summary: 'x' };
    expect(routingSourceOf({ id: '1', key: 'SUP-1', fields, names: { summary: 'Summary' } })).toEqual({
      id: '1',
      key: 'SUP-1',
      project: 'SUP',
      issueType: 'Incident',
      fields,
      fieldNames: { summary: 'Summary' },
    });
    expect(routingSourceOf({ id: '2', key: 'SUP-2', fields: { project: { key: 7 } } })).toMatchObject({
      project: '',
      issueType: '',
    });
  });
});

describe('allowed values', () => {
  it('read as their value, else their name, else their id', () => {
    expect(allowedValueLabel({ id: '1', name: 'High', value: 'PSU' })).toBe('PSU');
    expect(allowedValueLabel({ id: '1', name: 'High' })).toBe('High');
    expect(allowedValueLabel({ id: '1' })).toBe('1');
  });

  it('are suggested as parts when the source field names them, in catalog order', () => {
    const catalog = field('customfield_10051', 'Parts catalog', {
      schema: { type: 'array', items: 'option' },
      allowedValues: [
        { id: '20002', value: 'PSU 800W hot-plug' },
        { id: '20004', value: 'RAID controller battery' },
        { id: '20005', name: 'Fan' },
      ],
    });
    const source = {
      fields: { customfield_10050: 'raid controller battery; PSU 800W hot-plug ×1' },
      fieldNames: { customfield_10050: 'Parts to replace' },
    };
    expect(suggestedParts(catalog, source, 'Parts to replace')).toEqual([
      'PSU 800W hot-plug',
      'RAID controller battery',
    ]);
    expect(suggestedParts(catalog, source, undefined)).toEqual([]);
  });
});

describe('isSetByPlan', () => {
  it('reserves the target project and issue type for the plan itself', () => {
    expect(['project', 'issuetype'].every(isSetByPlan)).toBe(true);
    expect(isSetByPlan('summary')).toBe(false);
  });
});

describe('sourceTransitionOf', () => {
  const offered = [
    {
      id: '11',
      name: 'Start progress',
      to: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
    },
    { id: '31', name: 'Resolve', to: { name: 'Resolved', statusCategory: { key: 'done' } } },
    { id: '41', name: 'Close', to: { name: 'Closed', statusCategory: { key: 'done' } } },
  ];
  it('takes the transition to the status the preset names, by status or transition name', () => {
    expect(sourceTransitionOf({ sourceTransition: ' closed ' }, offered)?.id).toBe('41');
    expect(sourceTransitionOf({ sourceTransition: 'start PROGRESS' }, offered)?.id).toBe('11');
    expect(sourceTransitionOf({ sourceTransition: 'Waiting' }, offered)).toBeUndefined();
  });

  it('without a named status, takes the first that reaches a done status', () => {
    expect(sourceTransitionOf({ sourceTransition: null }, offered)?.id).toBe('31');
    expect(sourceTransitionOf({ sourceTransition: null }, offered.slice(0, 1))).toBeUndefined();
  });
});
