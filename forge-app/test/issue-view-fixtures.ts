// What the sidecar's issue-view routes answer for the demo world, built with the same functions the
// sidecar uses (the shared temperature score, the sidecar's contract panel over its demo contracts),
// so a screen test breaks when the sidecar's shape changes under it.
import { ContractSchema, computeTemperature, DEFAULT_TEMPERATURE_POLICY } from '@frontline/shared';
import type { Contract } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../../sidecar/demo/contracts.js';
import { contractPanel } from '../../sidecar/src/http/forge/issue-views/index.js';
import { demoTemperatureWorld } from '../../sidecar/src/temperature/testing.js';
import type { ForgeProductApi } from '../jira/jira-client.js';

/** The issue-view screens never call Jira themselves: everything comes from the sidecar. */
export const noJira: ForgeProductApi = {
  asUser: () => ({
    requestJira: async () => {
      throw new Error('the issue-view screens must not call Jira');
    },
  }),
};

/** Monday 30 November 2026, 10:00 in Moscow: TransLogistic's month-end close is on. */
export const CLOSING_DAY = new Date('2026-11-30T07:00:00Z');

/** The temperature route's answer for a TransLogistic service request on closing day. */
export function temperatureAnswer(issueKey = 'SUP-12') {
  const policy = DEFAULT_TEMPERATURE_POLICY;
  const temperature = computeTemperature(
    {
      sla: { target: 'firstResponse', fractionUsed: 0.6, breached: false },
      priority: 'high',
      tier: 'gold',
      activePeriods: [{ name: 'Month-end close', priority: 'highest', temperatureBoost: 15 }],
      lastPublicUpdateAt: '2026-11-29T15:00:00Z',
    },
    policy,
    CLOSING_DAY,
  );
  return {
    issueKey,
    computedAt: CLOSING_DAY.toISOString(),
    score: temperature.score,
    band: temperature.band,
    bands: policy.bands,
    factors: temperature.factors,
    customer: { id: 'translogistic', name: 'TransLogistic' },
    historySource: 'jira-fields',
  };
}

/** A second TransLogistic contract covering incidents only: a service request under it is paid work. */
const scannersContract: Contract = ContractSchema.parse({
  ...DEMO_CONTRACTS[0]!,
  id: 'TL-2026-HW',
  number: 'NW-2026/015',
  title: 'Warehouse scanners maintenance',
  lineOfBusiness: 'Hardware maintenance',
  validity: { from: '2026-06-01', timeZone: 'Europe/Moscow' },
  coverage: { requestTypes: ['Incident'] },
  paidWork: [
    {
      description: 'Configuring new scanners',
      requestTypes: ['Service request'],
      requiresApprovalBeforeStart: true,
      rate: '4 500 ₽ per hour',
    },
  ],
  masterSystem: {
    contractUrl: 'https://crm.northwind.example/contracts/TL-2026-HW',
    configurationItems: [
      { id: 'CI-SCAN-01', name: 'Zebra scanner fleet', url: 'https://crm.northwind.example/ci/CI-SCAN-01' },
    ],
  },
});

/** The sidecar's contract panel for a TransLogistic service request (organization 1) on `now`. */
export function contractPanelAnswer(now = CLOSING_DAY, organizationIds = ['1']) {
  const demo = demoTemperatureWorld();
  const world = { ...demo, contracts: [...demo.contracts, scannersContract] };
  const issue = {
    snapshot: {
      key: 'SUP-12',
      customer: { organizationIds },
      createdAt: new Date(now.getTime() - 3_600_000),
      requestType: 'Service request',
    },
  };
  return JSON.parse(JSON.stringify(contractPanel(world, issue as never, now))) as Record<string, unknown>;
}

/** The suggestions route's answer: two candidates for a 1C request, one engineer away on a trip. */
export function suggestionsAnswer(assigneeAccountId: string | null = null) {
  return {
    issueKey: 'SUP-12',
    rankedAt: '2026-11-30T07:01:00.000Z',
    trigger: 'created',
    decision: null,
    assigneeAccountId,
    offHours: false,
    candidates: [
      {
        rank: 1,
        accountId: 'acc-anna',
        name: 'Anna Volkova',
        score: 0.82,
        load: 2,
        onDuty: false,
        reasons: [
          { code: 'skill', en: '1C level 5 of 5', ru: '1С: уровень 5 из 5' },
          { code: 'load', en: 'Load 2 of 8', ru: 'Загрузка 2 из 8' },
        ],
      },
      {
        rank: 2,
        accountId: 'acc-ivan',
        name: 'Ivan Petrov',
        score: 0.61,
        load: 5,
        onDuty: true,
        reasons: [
          { code: 'skill', en: '1C level 3 of 5', ru: '1С: уровень 3 из 5' },
          { code: 'onDuty', en: 'On duty now', ru: 'Сейчас дежурит' },
        ],
      },
    ],
    excluded: [
      {
        accountId: 'acc-oleg',
        name: 'Oleg Smirnov',
        reasons: [
          {
            code: 'absent',
            en: 'Business trip until Wed 09:00',
            ru: 'В командировке до ср 09:00',
            until: '2026-12-02T06:00:00.000Z',
          },
        ],
      },
    ],
    candidatesTotal: 2,
    excludedTotal: 3,
  };
}
