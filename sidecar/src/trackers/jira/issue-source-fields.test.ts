// The Jira issue source reads the site's field ids from the settings (`jiraFields`); the stock JSM
// ids are only what it falls back to when no settings are given.
import { SettingsDocumentSchema } from '@frontline/shared';
import { createJiraIssueSource } from './issue-source.js';

const at = new Date('2026-11-24T07:00:00Z');
const payload = (custom: Record<string, unknown>) => ({
  webhookEvent: 'jira:issue_created',
  timestamp: at.getTime(),
  issue: {
    id: '10001',
    key: 'SUP-1',
    fields: {
      summary: 'Scanner offline',
      project: { key: 'SUP' },
      issuetype: { name: 'Incident' },
      priority: { name: 'High' },
      created: '2026-11-24T06:00:00.000+0000',
      labels: [],
      ...custom,
    },
  },
});

describe('Jira field ids from the settings', () => {
  const settings = SettingsDocumentSchema.parse({
    jiraFields: { organizations: 'customfield_20001', requestType: 'customfield_20002' },
  });
  const source = createJiraIssueSource();
  const body = payload({
    customfield_20001: [{ id: 7, name: 'TransLogistic' }],
    customfield_20002: { requestType: { name: 'Service request' } },
    customfield_10002: [{ id: 99, name: 'Not this one' }],
  });

  it("reads organizations and request type from the site's own fields", () => {
    const event = source.readEvent(body, at, settings)!;
    expect(event.snapshot.customer.organizationIds).toEqual(['7']);
    expect(event.snapshot.requestType).toBe('Service request');
    expect(source.openTickets(undefined, settings).fields).toEqual(
      expect.arrayContaining(['customfield_20001', 'customfield_20002']),
    );
    expect(source.openTickets(undefined, settings).fields).not.toContain('customfield_10002');
  });

  it('falls back to the stock JSM ids without settings', () => {
    expect(source.readEvent(body, at)!.snapshot.customer.organizationIds).toEqual(['99']);
  });
});
