import {
  RoutingPresetSchema,
  type RoutingPreset,
  type RoutingPresetInput,
  type TargetMeta,
} from '../schemas/routing.js';
import { databaseTeamPreset, hardwareTeamPreset, orderSparePartsPreset } from './demo-presets.js';
import {
  bulkMoveRequest,
  createIssueRequest,
  editAfterMoveRequest,
  issueLinkRequest,
} from './jira-requests.js';
import {
  buildRoutingPlan,
  type BuildRoutingPlanInput,
  type RoutingContract,
  type RoutingSource,
} from './plan.js';

// Create metadata as Jira returns it for the demo projects (trimmed to what the planner reads).
const priority = {
  fieldId: 'priority',
  name: 'Priority',
  required: false,
  schema: { type: 'priority', system: 'priority' },
  allowedValues: [
    { id: '1', name: 'Highest' },
    { id: '2', name: 'High' },
    { id: '3', name: 'Medium' },
    { id: '4', name: 'Low' },
  ],
};
const summary = {
  fieldId: 'summary',
  name: 'Summary',
  required: true,
  schema: { type: 'string', system: 'summary' },
};
const description = {
  fieldId: 'description',
  name: 'Description',
  required: false,
  schema: { type: 'string', system: 'description' },
};
const reporter = {
  fieldId: 'reporter',
  name: 'Reporter',
  required: true,
  hasDefaultValue: true,
  schema: { type: 'user', system: 'reporter' },
};
const project = { fieldId: 'project', name: 'Project', required: true, schema: { type: 'project' } };
const issuetype = { fieldId: 'issuetype', name: 'Issue Type', required: true, schema: { type: 'issuetype' } };
const contractField = (id: string) => ({
  fieldId: id,
  name: 'Contract',
  required: false,
  schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
});

// Ids and names follow the sidecar's Jira stand-in (sidecar/sandbox/demo-data.ts), plus a few
// fields a real site would have (serial number, DBMS, contract).
const HW: TargetMeta = {
  project: { id: '10001', key: 'HW' },
  issueTypes: [
    { id: '10003', name: 'Task' },
    { id: '10002', name: 'Incident' },
  ],
  fields: [
    project,
    issuetype,
    summary,
    description,
    priority,
    reporter,
    {
      fieldId: 'customfield_10050',
      name: 'Parts to replace',
      required: true,
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
    },
    { fieldId: 'customfield_10061', name: 'Serial number', required: true, schema: { type: 'string' } },
    { fieldId: 'customfield_10062', name: 'Service manager', required: false, schema: { type: 'user' } },
    contractField('customfield_10063'),
  ],
};

const DB: TargetMeta = {
  project: { id: '10002', key: 'DB' },
  issueTypes: [{ id: '10003', name: 'Task' }],
  fields: [
    project,
    issuetype,
    summary,
    description,
    priority,
    reporter,
    {
      fieldId: 'customfield_10070',
      name: 'DBMS',
      required: true,
      schema: { type: 'option' },
      allowedValues: [
        { id: '30001', value: 'PostgreSQL' },
        { id: '30002', value: 'Oracle' },
        { id: '30003', value: '1C:Enterprise' },
      ],
    },
    contractField('customfield_10063'),
  ],
};

const PARTS: TargetMeta = {
  project: { id: '10003', key: 'PARTS' },
  issueTypes: [{ id: '10004', name: 'Part order' }],
  fields: [
    project,
    issuetype,
    summary,
    priority,
    reporter,
    {
      fieldId: 'customfield_10051',
      name: 'Parts catalog',
      required: true,
      schema: { type: 'array', items: 'option' },
      allowedValues: [
        { id: '20001', value: 'HDD 2.4TB SAS 10k (array shelf)' },
        { id: '20002', value: 'PSU 800W hot-plug' },
        { id: '20003', value: 'System board, 2-socket x86' },
        { id: '20004', value: 'RAID controller battery' },
      ],
    },
    { fieldId: 'customfield_10081', name: 'Delivery address', required: true, schema: { type: 'string' } },
    { fieldId: 'customfield_10082', name: 'Customer', required: false, schema: { type: 'string' } },
  ],
};

// A first-line ticket from the logistics customer: a failed disk and power supply in a storage array.
const storageTicket: RoutingSource = {
  id: '100234',
  key: 'SUP-412',
  project: 'SUP',
  issueType: 'Incident',
  fields: {
    summary: 'Storage array: disk 7 failed, PSU B alarm',
    description: {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Array degraded since 02:10.' }] }],
    },
    priority: { id: '2', name: 'High' },
    labels: ['onsite'],
    customfield_10050: 'HDD 2.4TB SAS 10k (array shelf) ×1, PSU 800W hot-plug ×1',
    customfield_10053: 'CZ2231ABCD',
    customfield_10052: { id: '9101', value: 'Storage array' },
  },
  fieldNames: {
    customfield_10050: 'Parts to replace',
    customfield_10053: 'Serial number',
    customfield_10052: 'Product',
  },
};

const dbTicket: RoutingSource = {
  ...storageTicket,
  id: '100301',
  key: 'SUP-431',
  fields: {
    summary: 'Frozen-food plant: PostgreSQL does not start after power loss',
    priority: { id: '1', name: 'Highest' },
    customfield_10050: 'HDD 2.4TB SAS 10k (array shelf) ×2',
    customfield_10052: { id: '9103', value: 'PostgreSQL' },
  },
};

const contract: RoutingContract = {
  number: 'NW-2026/114',
  customer: { id: 'translogistic', name: 'Volga Logistics' },
  serviceManager: { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'Anna Sokolova', timeZone: 'Europe/Moscow' },
  masterSystem: { contractUrl: 'https://crm.northwind.example/contracts/114', configurationItems: [] },
};
const actor = { accountId: '60a1f0c2e1b2c3d4e5f60718', displayName: 'Pavel Orlov' };

const preset = (input: RoutingPresetInput): RoutingPreset => RoutingPresetSchema.parse(input);
const plan = (overrides: Partial<BuildRoutingPlanInput> & Pick<BuildRoutingPlanInput, 'preset' | 'target'>) =>
  buildRoutingPlan({ source: storageTicket, contract, actor, ...overrides });

describe('buildRoutingPlan: Hardware team', () => {
  const result = plan({ preset: preset(hardwareTeamPreset), target: HW });

  it('fills every HW field from the ticket and the contract', () => {
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { fields } = result.value;
    expect(result.value.method).toBe('move');
    expect(result.value.targetIssueType).toEqual({ id: '10003', name: 'Task' });
    expect(fields.customfield_10050).toEqual({
      value: 'HDD 2.4TB SAS 10k (array shelf) ×1, PSU 800W hot-plug ×1',
      origin: 'mapped',
      required: true,
    });
    expect(fields.customfield_10061?.value).toBe('CZ2231ABCD');
    expect(fields.customfield_10062?.value).toEqual({ accountId: '5b10ac8d82e05b22cc7d4ef5' });
    expect(fields.customfield_10063?.value).toBe('NW-2026/114');
    expect(fields.summary).toEqual({
      value: storageTicket.fields.summary,
      origin: 'carried',
      required: true,
    });
    expect(fields.description?.value).toEqual(storageTicket.fields.description);
    expect(fields.priority?.value).toEqual({ id: '2' });
    expect(fields.project).toBeUndefined();
    expect(fields.reporter).toBeUndefined();
  });

  it('renders comments and the team notice', () => {
    if (!result.ok) throw new Error('plan failed');
    expect(result.value.sourceComment).toBe('Passed to the hardware team by Pavel Orlov.');
    expect(result.value.targetComment).toBe(
      'From first line (SUP-412), customer Volga Logistics, contract NW-2026/114.',
    );
    expect(result.value.notification).toEqual({
      channel: 'hw-team',
      targetProject: 'HW',
      sourceKey: 'SUP-412',
      summary: 'Storage array: disk 7 failed, PSU B alarm',
    });
    expect(result.value.link).toBeNull();
  });

  it('names every required field it cannot fill, with the reason', () => {
    const bare: RoutingSource = { ...storageTicket, fields: { summary: 'PSU alarm' } };
    expect(plan({ preset: preset(hardwareTeamPreset), target: HW, source: bare })).toEqual({
      ok: false,
      error: {
        code: 'missingRequiredFields',
        missing: [
          {
            fieldId: 'customfield_10050',
            name: 'Parts to replace',
            why: 'Source field "Parts to replace" is empty on SUP-412',
          },
          {
            fieldId: 'customfield_10061',
            name: 'Serial number',
            why: 'Source field "Serial number" is empty on SUP-412',
          },
        ],
      },
    });
  });

  it('takes values the user typed for the missing fields, and only for fields the target has', () => {
    const bare: RoutingSource = { ...storageTicket, fields: { summary: 'PSU alarm' } };
    const entered = {
      'Parts to replace': 'PSU 800W hot-plug ×1',
      customfield_10061: 'CZ2231ABCD',
      Colour: 'red',
    };
    const result = plan({
      preset: preset(hardwareTeamPreset),
      target: HW,
      source: bare,
      selections: { entered },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.fields.customfield_10050).toEqual({
      value: 'PSU 800W hot-plug ×1',
      origin: 'entered',
      required: true,
    });
    expect(result.value.fields.customfield_10061?.origin).toBe('entered');
    expect(result.value.skipped).toEqual([
      { field: 'Colour', why: 'HW has no such field on its create screen' },
    ]);
  });

  it('says when no rule fills a required field and the source has nothing to carry', () => {
    const noRules = preset({ ...hardwareTeamPreset, fields: [] });
    const failed = plan({
      preset: noRules,
      target: HW,
      source: { ...storageTicket, fields: { summary: 'x' } },
    });
    if (failed.ok || failed.error.code !== 'missingRequiredFields')
      throw new Error('expected missing fields');
    expect(failed.error.missing).toEqual([
      {
        fieldId: 'customfield_10050',
        name: 'Parts to replace',
        why: 'Required by the target, and no rule of the preset fills it',
      },
      {
        fieldId: 'customfield_10061',
        name: 'Serial number',
        why: 'Required by the target, and no rule of the preset fills it',
      },
    ]);
  });

  it('builds the bulk move body: "project,issueTypeId" key, mandatory fields as raw strings or ADF', () => {
    if (!result.ok || result.value.method !== 'move') throw new Error('expected a move plan');
    const body = bulkMoveRequest(result.value, '100234');
    expect(Object.keys(body.targetToSourcesMapping)).toEqual(['HW,10003']);
    const mapping = body.targetToSourcesMapping['HW,10003']!;
    expect(mapping.issueIdsOrKeys).toEqual(['100234']);
    expect(mapping.inferFieldDefaults).toBe(false);
    expect(mapping.targetMandatoryFields?.[0]?.fields).toEqual({
      summary: { retain: true, type: 'raw', value: ['Storage array: disk 7 failed, PSU B alarm'] },
      customfield_10050: {
        retain: false,
        type: 'raw',
        value: ['HDD 2.4TB SAS 10k (array shelf) ×1, PSU 800W hot-plug ×1'],
      },
      customfield_10061: { retain: false, type: 'raw', value: ['CZ2231ABCD'] },
    });
    expect(body.sendBulkNotification).toBe(false);
  });

  it('sends a required rich-text field as ADF and option values by id', () => {
    const strict: TargetMeta = {
      ...HW,
      fields: HW.fields.map((f) =>
        f.fieldId === 'description' || f.fieldId === 'priority' ? { ...f, required: true } : f,
      ),
    };
    const result = plan({ preset: preset(hardwareTeamPreset), target: strict });
    if (!result.ok || result.value.method !== 'move') throw new Error('expected a move plan');
    const fields = bulkMoveRequest(result.value, '100234').targetToSourcesMapping['HW,10003']!
      .targetMandatoryFields![0]!.fields;
    expect(fields.description).toEqual({
      retain: true,
      type: 'adf',
      value: storageTicket.fields.description,
    });
    expect(fields.priority).toEqual({ retain: true, type: 'raw', value: ['2'] });
  });

  it('lets Jira infer fields when the plan has no mandatory values of its own', () => {
    const lenient: TargetMeta = { ...HW, fields: HW.fields.map((f) => ({ ...f, required: false })) };
    const result = plan({ preset: preset(hardwareTeamPreset), target: lenient });
    if (!result.ok || result.value.method !== 'move') throw new Error('expected a move plan');
    const mapping = bulkMoveRequest(result.value, '100234').targetToSourcesMapping['HW,10003']!;
    expect(mapping.inferFieldDefaults).toBe(true);
    expect(mapping).not.toHaveProperty('targetMandatoryFields');
  });

  it('sets the optional mapped fields in a follow-up edit', () => {
    if (!result.ok || result.value.method !== 'move') throw new Error('expected a move plan');
    expect(editAfterMoveRequest(result.value)).toEqual({
      fields: {
        customfield_10062: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
        customfield_10063: 'NW-2026/114',
      },
    });
  });
});

describe('buildRoutingPlan: Database team', () => {
  it('never sends hardware fields to DB, even when a preset asks for them', () => {
    const greedy = preset({
      ...databaseTeamPreset,
      carry: ['summary', 'description', 'priority', 'customfield_10050'],
      fields: [
        ...databaseTeamPreset.fields!,
        { targetField: 'Parts to replace', from: { sourceField: 'Parts to replace' } },
      ],
    });
    const result = plan({ preset: greedy, target: DB, source: dbTicket });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const sent = Object.keys(result.value.fields);
    expect(sent.sort()).toEqual(['customfield_10063', 'customfield_10070', 'priority', 'summary']);
    expect(sent).not.toContain('customfield_10050');
    expect(result.value.skipped).toEqual([
      { field: 'Parts to replace', why: 'DB has no such field on its create screen' },
    ]);
    expect(result.value.fields.customfield_10070?.value).toEqual({ id: '30001' });
  });

  it('refuses a product that is not a DBMS the DB team knows', () => {
    const result = plan({ preset: preset(databaseTeamPreset), target: DB, source: storageTicket });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'missingRequiredFields') throw new Error('expected missing');
    expect(result.error.missing[0]).toMatchObject({ fieldId: 'customfield_10070', name: 'DBMS' });
    expect(result.error.missing[0]?.why).toContain('"Storage array" is not one of the allowed values');
  });

  it('is offered only for SUP tickets', () => {
    const hwTicket = { ...dbTicket, project: 'HW', key: 'HW-7' };
    expect(plan({ preset: preset(databaseTeamPreset), target: DB, source: hwTicket })).toEqual({
      ok: false,
      error: { code: 'notApplicable', why: 'Only for projects SUP' },
    });
  });
});

describe('buildRoutingPlan: Order spare parts', () => {
  const orderParts = preset(orderSparePartsPreset);
  // The site's parts field, as the settings name it (jiraFields.parts).
  const partsPlan = (overrides: Parameters<typeof plan>[0]) =>
    plan({ jiraFields: { parts: 'customfield_10051' }, ...overrides });

  it('suggests the catalog parts the ticket names and clones into PARTS', () => {
    const result = partsPlan({ preset: orderParts, target: PARTS });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    if (result.value.method !== 'clone') throw new Error('expected a clone plan');
    expect(result.value.fields.customfield_10051).toEqual({
      value: [{ id: '20001' }, { id: '20002' }],
      origin: 'mapped',
      required: true,
    });
    expect(result.value.fields.summary).toEqual({
      value: 'Parts for SUP-412: Storage array: disk 7 failed, PSU B alarm',
      origin: 'template',
      required: true,
    });
    expect(result.value.fields.customfield_10081?.origin).toBe('defaulted');
    expect(result.value.fields.customfield_10082?.value).toBe('Volga Logistics');
    expect(result.value.fields.description).toBeUndefined();
    expect(result.value.link).toEqual({ type: 'Relates', sourceKey: 'SUP-412' });
    expect(result.value.sourceTransition).toBe('Waiting for parts');
    expect(result.value.targetComment).toBe(
      'Parts for SUP-412 (Volga Logistics). Ship to the engineer on the ticket.',
    );

    const create = createIssueRequest(result.value);
    expect(create.fields.project).toEqual({ key: 'PARTS' });
    expect(create.fields.issuetype).toEqual({ id: '10004' });
    expect(create.fields.customfield_10051).toEqual([{ id: '20001' }, { id: '20002' }]);
    expect(issueLinkRequest(result.value, 'PARTS-88')).toEqual({
      type: { name: 'Relates' },
      inwardIssue: { key: 'PARTS-88' },
      outwardIssue: { key: 'SUP-412' },
    });
  });

  it('takes the user’s picks over the suggestion and checks them against the catalog', () => {
    const picked = partsPlan({
      preset: orderParts,
      target: PARTS,
      selections: { parts: ['raid controller battery'] },
    });
    if (!picked.ok) throw new Error('plan failed');
    expect(picked.value.fields.customfield_10051).toEqual({
      value: [{ id: '20004' }],
      origin: 'entered',
      required: true,
    });

    const unknown = partsPlan({
      preset: orderParts,
      target: PARTS,
      selections: { parts: ['Flux capacitor'] },
    });
    if (unknown.ok || unknown.error.code !== 'missingRequiredFields') throw new Error('expected missing');
    expect(unknown.error.missing).toEqual([
      {
        fieldId: 'customfield_10051',
        name: 'Parts catalog',
        why:
          '"Flux capacitor" is not one of the allowed values (HDD 2.4TB SAS 10k (array shelf), PSU 800W hot-plug, ' +
          'System board, 2-socket x86, RAID controller battery)',
      },
    ]);
  });

  it('asks for at least one part when nothing is picked or suggested', () => {
    const quiet: RoutingSource = { ...storageTicket, fields: { summary: 'Order a part' } };
    expect(partsPlan({ preset: orderParts, target: PARTS, source: quiet })).toEqual({
      ok: false,
      error: {
        code: 'missingRequiredFields',
        missing: [
          {
            fieldId: 'customfield_10051',
            name: 'Parts catalog',
            why: 'Pick at least 1 part(s) from the catalog',
          },
        ],
      },
    });
  });

  it('fills the site’s parts field, whatever its name, and says where to choose one when none is', () => {
    const renamed: TargetMeta = {
      ...PARTS,
      fields: PARTS.fields.map((f) =>
        f.fieldId === 'customfield_10051' ? { ...f, name: 'Spare parts (warehouse)' } : f,
      ),
    };
    const filled = partsPlan({
      preset: orderParts,
      target: renamed,
      selections: { parts: ['PSU 800W hot-plug'] },
    });
    if (!filled.ok) throw new Error(JSON.stringify(filled.error));
    expect(filled.value.fields.customfield_10051?.value).toEqual([{ id: '20002' }]);

    const unset = plan({ preset: orderParts, target: PARTS });
    if (unset.ok || unset.error.code !== 'missingRequiredFields') throw new Error('expected missing');
    expect(unset.error.missing).toContainEqual({
      fieldId: 'jiraFields.parts',
      name: 'jiraFields.parts',
      why: "No spare parts field is chosen: set the site's parts field (jiraFields.parts) in the settings",
    });
  });

  it('keeps filling the field a preset stored before the site-wide setting names', () => {
    const older = preset({
      ...orderSparePartsPreset,
      partsPicker: { catalogField: 'Parts catalog', minParts: 1 },
    });
    const result = plan({
      preset: older,
      target: PARTS,
      selections: { parts: ['RAID controller battery'] },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.fields.customfield_10051?.value).toEqual([{ id: '20004' }]);
  });
});

describe('buildRoutingPlan: preset problems', () => {
  it('reports an issue type the target does not have', () => {
    const wrongType = preset({
      ...hardwareTeamPreset,
      target: { project: 'HW', issueType: { name: 'Bug' } },
    });
    expect(plan({ preset: wrongType, target: HW })).toEqual({
      ok: false,
      error: { code: 'issueTypeNotFound', wanted: 'Bug', available: ['Task', 'Incident'] },
    });
  });

  it('reports unknown template placeholders instead of sending them', () => {
    const typo = preset({ ...hardwareTeamPreset, comments: { source: 'Sent by {{actr}}' } });
    expect(plan({ preset: typo, target: HW })).toEqual({
      ok: false,
      error: { code: 'templateError', where: 'comments.source', unknown: ['actr'], missing: [] },
    });
  });

  it('reports contract variables as missing when no contract is known, not as empty text', () => {
    const withContract = preset({
      ...hardwareTeamPreset,
      comments: { source: 'Sent to {{targetProject}} for {{customer}} under {{contractNumber}}' },
    });
    expect(plan({ preset: withContract, target: HW, contract: undefined })).toEqual({
      ok: false,
      error: {
        code: 'templateError',
        where: 'comments.source',
        unknown: [],
        missing: ['customer', 'contractNumber'],
      },
    });
    const planned = plan({ preset: withContract, target: HW });
    expect(planned.ok && planned.value.sourceComment).toBe(
      'Sent to HW for Volga Logistics under NW-2026/114',
    );
  });

  it('reports metadata for the wrong project', () => {
    const result = plan({ preset: preset(hardwareTeamPreset), target: DB });
    expect(result.ok || result.error.code).toBe('wrongTarget');
  });

  it('fails an optional field with a bad value rather than dropping it silently', () => {
    const badPriority = preset({
      ...databaseTeamPreset,
      fields: [...databaseTeamPreset.fields!, { targetField: 'Priority', from: { value: 'Blocker' } }],
    });
    const result = plan({ preset: badPriority, target: DB, source: dbTicket });
    if (result.ok || result.error.code !== 'invalidFieldValues') throw new Error('expected invalid values');
    expect(result.error.invalid.map((i) => i.fieldId)).toEqual(['priority']);
  });

  it('does not mutate its inputs', () => {
    const input: BuildRoutingPlanInput = {
      preset: preset(orderSparePartsPreset),
      source: storageTicket,
      target: PARTS,
      contract,
      actor,
    };
    const before = JSON.parse(JSON.stringify(input)) as unknown;
    buildRoutingPlan(input);
    expect(input).toEqual(before);
  });
});

describe('RoutingPresetSchema', () => {
  it('accepts the demo presets', () => {
    for (const p of [hardwareTeamPreset, databaseTeamPreset, orderSparePartsPreset])
      expect(RoutingPresetSchema.safeParse(p).success).toBe(true);
  });

  it('explains what is wrong, field by field', () => {
    const parsed = RoutingPresetSchema.safeParse({
      ...hardwareTeamPreset,
      id: 'Hardware Team',
      target: { project: 'hw', issueType: { name: 'Hardware repair' } },
      resolveSource: true,
      fields: [
        { targetField: 'Serial number', from: { sourceField: 'Serial number' } },
        { targetField: 'serial number', from: { value: 'n/a' } },
        { targetField: 'Contract', from: { contract: 'phone' } },
      ],
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      id: 'Preset ids are lowercase letters, digits and dashes',
      'target.project': 'Project keys are 2–10 capital letters or digits, starting with a letter',
    });
    expect(Object.keys(messages)).toContain('fields.2.from');
  });

  it('catches duplicate rules and move-only mistakes', () => {
    const parsed = RoutingPresetSchema.safeParse({
      ...hardwareTeamPreset,
      resolveSource: true,
      fields: [
        { targetField: 'Serial number', from: { sourceField: 'Serial number' } },
        { targetField: 'serial number', from: { value: 'n/a' } },
      ],
    });
    const messages = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'fields.1.targetField: Target field "serial number" has more than one rule',
      'resolveSource: Only a clone can resolve its source; a moved issue is the target issue',
    ]);
  });
});
