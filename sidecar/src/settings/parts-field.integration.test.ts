// The spare parts field is one site-wide setting: `jiraFields.parts` names the Jira field that lists
// the parts of an order, the parts preset's picker fills it and the service report reads an order's
// parts and quantities from it. Orders are raised in the Jira stand-in and reach the sidecar as
// signed webhooks; the settings go through the admin API, which refuses a parts picker with no field
// to fill or one that names another field, by path, writing nothing. A document stored before the
// setting existed, naming the field only in the preset's picker, keeps working.
import { DEMO_SETTINGS, type ServiceReport } from '@frontline/shared';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, DEMO_FIELD_IDS, startJiraStandIn } from '../../sandbox/index.js';
import type { JiraStandIn } from '../../sandbox/index.js';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { TEST_SECRETS, waitFor } from '../../test/webhook-client.js';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { createContractRepository } from '../contracts/repository.js';
import { createJiraGateway } from '../trackers/jira/index.js';

const TOKEN = 'parts-field-admin-token';
const bank = DEMO_CUSTOMERS.find((c) => c.key === 'severny-bank')!;
const PARTS_PRESET = 'order-spare-parts';

type Settings = typeof DEMO_SETTINGS;
type Preset = NonNullable<Settings['routingPresets']>[number];

/** DEMO_SETTINGS with the parts preset's picker and the site's parts field replaced. */
function withPartsField(picker: Record<string, unknown>, parts: string | undefined): Settings {
  const settings = structuredClone(DEMO_SETTINGS);
  const jiraFields = { organizations: DEMO_FIELD_IDS.organizations, requestType: null };
  settings.jiraFields = parts === undefined ? jiraFields : { ...jiraFields, parts };
  settings.routingPresets = settings.routingPresets!.map((p) =>
    p.id === PARTS_PRESET ? ({ ...p, partsPicker: picker } as Preset) : p,
  );
  return settings;
}

describe('the parts field: one site-wide setting the picker fills and the report reads', () => {
  let store: StoreUnderTest;
  let standIn: JiraStandIn;
  let sidecar: RunningSidecar;
  const since = new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    store = await freshStore('pglite');
    standIn = await startJiraStandIn({ seed: true });
    sidecar = await startSidecar({
      config: testConfig(store, { adminToken: TOKEN }),
      log: silentLogger(),
      lockWaitMs: 0,
      routers: true,
      pollingIntervalSeconds: 0.5,
      tracker: createJiraGateway({
        baseUrl: standIn.url,
        auth: { type: 'basic', email: DEMO_CREDENTIALS.email, apiToken: DEMO_CREDENTIALS.apiToken },
        logger: silentLogger(),
      }),
    });
    await createContractRepository(sidecar.db).upsertAll(DEMO_CONTRACTS, 'test');
    standIn.registerWebhook({ url: `${sidecar.url}/webhooks/jira`, secret: TEST_SECRETS[0]! });
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await standIn?.close();
    await store?.dispose();
  });

  const api = async (method: string, path: string, payload?: unknown) => {
    const res = await fetch(`${sidecar.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const saveSettings = async (settings: unknown) => {
    const res = await api('PUT', '/settings', settings);
    expect(res).toMatchObject({ status: 200 });
  };

  /** Raises a parts order for the bank in the PARTS project and waits until the report holds it. */
  async function orderParts(summary: string, catalog: { id: string; value: string }[]): Promise<string> {
    const order = standIn.state.createIssue({
      projectKey: 'PARTS',
      issueTypeId: '10004',
      summary,
      custom: {
        [DEMO_FIELD_IDS.partsCatalog]: catalog,
        [DEMO_FIELD_IDS.organizations]: [{ id: bank.organizationId, name: bank.name }],
      },
    });
    await waitFor(
      async () =>
        (await sidecar.db.query('SELECT 1 FROM report_parts_orders WHERE order_key = $1', [order.key])).rows
          .length > 0,
      20_000,
      `the parts order ${order.key}`,
    );
    return order.key;
  }

  const bankParts = async () => {
    const to = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    const res = await api('GET', `/reports/service?from=${since}&to=${to}&customer=severny-bank`);
    expect(res.status).toBe(200);
    const { parts } = res.body as unknown as ServiceReport;
    return parts.byCustomer.find((c) => c.customerId === 'severny-bank')?.parts ?? [];
  };

  it('counts the parts and quantities of an order from the site’s parts field (the demo settings)', async () => {
    // The demo names the field once, for the site; its parts preset names none of its own.
    expect(DEMO_SETTINGS.jiraFields?.parts).toBe(DEMO_FIELD_IDS.partsCatalog);
    const preset = DEMO_SETTINGS.routingPresets!.find((p) => p.id === PARTS_PRESET)!;
    expect(preset.partsPicker).toBeDefined();
    expect(preset.partsPicker).not.toHaveProperty('catalogField');
    await saveSettings(DEMO_SETTINGS);

    await orderParts('Battery for the bank’s array controller', [
      { id: '20004', value: 'RAID controller battery' },
      { id: '20001', value: 'HDD 2.4TB SAS 10k (array shelf)' },
    ]);
    expect(await bankParts()).toEqual(
      expect.arrayContaining([
        { part: 'RAID controller battery', quantity: 1 },
        { part: 'HDD 2.4TB SAS 10k (array shelf)', quantity: 1 },
      ]),
    );
  }, 60_000);

  it('keeps reading settings stored with the field named only in the preset’s picker', async () => {
    await saveSettings(
      withPartsField(
        {
          catalogField: DEMO_FIELD_IDS.partsCatalog,
          suggestFromSourceField: 'Parts to replace',
          minParts: 1,
        },
        undefined,
      ),
    );
    await orderParts('Power supply for the bank', [{ id: '20002', value: 'PSU 800W hot-plug' }]);
    expect(await bankParts()).toContainEqual({ part: 'PSU 800W hot-plug', quantity: 1 });
  }, 60_000);

  it('refuses a parts picker with no field to fill, or naming another field than the site’s, by path', async () => {
    const before = await api('GET', '/settings');

    const missing = await api('PUT', '/settings', withPartsField({ minParts: 1 }, undefined));
    expect(missing.status).toBe(422);
    expect((missing.body.error as { details: unknown[] }).details).toEqual([
      {
        path: 'jiraFields.parts',
        message: expect.stringContaining(`"${PARTS_PRESET}"`),
      },
    ]);

    const index = DEMO_SETTINGS.routingPresets!.findIndex((p) => p.id === PARTS_PRESET);
    const contradiction = await api(
      'PUT',
      '/settings',
      withPartsField(
        { catalogField: DEMO_FIELD_IDS.partsToReplace, minParts: 1 },
        DEMO_FIELD_IDS.partsCatalog,
      ),
    );
    expect(contradiction.status).toBe(422);
    expect((contradiction.body.error as { details: unknown[] }).details).toEqual([
      {
        path: `routingPresets.${index}.partsPicker.catalogField`,
        message: expect.stringContaining(DEMO_FIELD_IDS.partsCatalog),
      },
    ]);

    // Naming the site's own field again is no contradiction.
    const same = await api(
      'PUT',
      '/settings',
      withPartsField({ catalogField: DEMO_FIELD_IDS.partsCatalog, minParts: 1 }, DEMO_FIELD_IDS.partsCatalog),
    );
    expect(same.status).toBe(200);
    expect((same.body.version as number) - (before.body.version as number)).toBe(1);
  }, 60_000);
});
