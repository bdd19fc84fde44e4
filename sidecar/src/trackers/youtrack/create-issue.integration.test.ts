// A new YouTrack issue through the tracker port, against the YouTrack stand-in: the project's fields
// read first and each value sent in the typed `customFields` array YouTrack takes; a value the field
// cannot hold refused before anything is written, naming the field; a required field left empty
// refused by YouTrack itself, its `error_field` named; and a create whose answer is lost sent once.
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_LOGINS,
  YOUTRACK_DEMO_TOKEN,
} from '../../../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../../../sandbox/youtrack/index.js';
import { YouTrackClient } from './client.js';
import { createYouTrackTracker } from './tracker.js';

const quiet = { warn: () => {}, debug: () => {} };

describe('creating a YouTrack issue with the project’s fields', () => {
  let yt: YouTrackStandIn;
  const tracker = () =>
    createYouTrackTracker({
      client: new YouTrackClient({
        baseUrl: yt.url,
        token: YOUTRACK_DEMO_TOKEN,
        logger: quiet,
        maxAttempts: 3,
        sleep: () => Promise.resolve(),
        random: () => 0,
      }),
      settings: () =>
        Promise.resolve({
          temperatureField: 'Temperature',
          logins: YOUTRACK_DEMO_LOGINS,
          inProgressStates: ['In Progress'],
        }),
    });
  const posts = () => yt.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/api/issues?'));

  beforeAll(async () => {
    yt = await startYouTrackStandIn({ seed: true });
    yt.state.addProject('PARTQ', 'Parts orders');
    yt.state.addProjectField('PARTQ', { name: 'Parts to replace', kind: 'text', canBeEmpty: false });
    yt.state.addProjectField('PARTQ', {
      name: 'Warehouse',
      kind: 'enum',
      values: ['Moscow', 'Tver'],
      canBeEmpty: true,
    });
    yt.state.addProjectField('PARTQ', {
      name: 'Parts catalog',
      kind: 'multiEnum',
      values: ['PSU 800W', 'RAID controller RC-2', 'Fan tray FT-9'],
      canBeEmpty: true,
    });
  });
  afterAll(() => yt.close());

  it('sends each value typed as its field wants, by name, and leaves out fields the project lacks', async () => {
    const created = await tracker().createIssue({
      fields: {
        project: { key: 'PARTQ' },
        summary: 'Parts for HWQ-3',
        description: 'Ship to the engineer on the ticket.',
        customFieldValues: {
          Priority: { name: 'Critical' },
          Type: 'Service request',
          warehouse: 'tver',
          'Parts catalog': ['PSU 800W', 'fan tray ft-9'],
          'Parts to replace': { text: 'PSU ×1, fan tray ×1' },
          Assignee: { accountId: Object.keys(YOUTRACK_DEMO_LOGINS)[0] },
          'Serial number': 'SN-4411',
        },
      },
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const issue = yt.state.issue(created.value.key);
    const value = (name: string) => issue.customFields.find((f) => f.name === name)?.value;
    expect(issue.project.shortName).toBe('PARTQ');
    expect(value('Priority')).toMatchObject({ name: 'Critical' });
    expect(value('Type')).toMatchObject({ name: 'Service request' });
    expect(value('Warehouse')).toMatchObject({ name: 'Tver' });
    expect((value('Parts catalog') as { name: string }[]).map((v) => v.name)).toEqual([
      'PSU 800W',
      'Fan tray FT-9',
    ]);
    expect(value('Parts to replace')).toMatchObject({ text: 'PSU ×1, fan tray ×1' });
    expect(issue.customFields.some((f) => f.name === 'Serial number')).toBe(false);
    // The body as YouTrack documents it: the project by id, a typed array of custom fields.
    const sent = posts().at(-1)!;
    expect(sent.path).toBe('/api/issues?fields=id%2CidReadable');
    expect(created.value.self).toBe(`${yt.url}/issue/${created.value.key}`);
  });

  it('refuses a value its field cannot hold, naming the field, and sends no create', async () => {
    const before = posts().length;
    const refused = await tracker().createIssue({
      fields: {
        project: { key: 'PARTQ' },
        summary: 'Parts for HWQ-4',
        customFieldValues: { Warehouse: 'Kazan', 'Parts to replace': 'Disk ×2' },
      },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ kind: 'permanent', outcomeUnknown: false });
    expect(refused.error.errors).toEqual({ Warehouse: '"Kazan" is not one of Moscow, Tver' });
    expect(posts().length).toBe(before);
  });

  it('fills a required field from the source issue’s same field; YouTrack names one still empty', async () => {
    const filled = await tracker().createIssue({
      fields: {
        project: { key: 'PARTQ' },
        summary: 'Parts for HWQ-5',
        customFieldValues: {},
        sourceValues: { 'parts to replace': { $type: 'TextFieldValue', text: 'Disk ×2' } },
      },
    });
    expect(filled.ok).toBe(true);
    if (filled.ok)
      expect(
        yt.state.issue(filled.value.key).customFields.find((f) => f.name === 'Parts to replace')?.value,
      ).toMatchObject({ text: 'Disk ×2' });

    const refused = await tracker().createIssue({
      fields: { project: { key: 'PARTQ' }, summary: 'Parts for HWQ-6', customFieldValues: {} },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      kind: 'permanent',
      status: 400,
      errors: { 'Parts to replace': 'Parts to replace is required' },
    });
  });

  it('sends a create once when its answer is lost, and says the outcome is unknown', async () => {
    const before = posts().length;
    const count = yt.state.issues.length;
    const lost = { status: 504, afterApplying: true, on: 'POST /api/issues' };
    yt.faults.push(lost);
    const created = await tracker().createIssue({
      fields: {
        project: { key: 'PARTQ' },
        summary: 'Parts for HWQ-7',
        customFieldValues: { 'Parts to replace': 'Fan tray ×1' },
      },
    });
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.error).toMatchObject({ kind: 'retryable', outcomeUnknown: true, attempts: 1 });
    expect(posts().length).toBe(before + 1);
    expect(yt.state.issues.length).toBe(count + 1);
  });
});
