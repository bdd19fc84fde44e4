// The operators' Grafana dashboard (ops/grafana/frontline.json) against a running sidecar's /metrics:
// every metric a panel queries is exposed, and every label a panel groups by is one of its labels.
import { readFileSync } from 'node:fs';
import { startSidecar } from '../compose.js';
import type { RunningSidecar } from '../compose.js';
import { silentLogger, testConfig } from '../../test/sidecar.js';
import { freshStore } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';

const DASHBOARD = new URL('../../../ops/grafana/frontline.json', import.meta.url);

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}

const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

describe('Grafana dashboard', () => {
  let store: StoreUnderTest;
  let sidecar: RunningSidecar;
  beforeAll(async () => {
    store = await freshStore('pglite');
    sidecar = await startSidecar({
      config: testConfig(store),
      log: silentLogger(),
      lockWaitMs: 0,
      notifications: true,
      workers: false,
    });
  }, 60_000);
  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
  });

  it('queries only metrics and labels that /metrics exposes', async () => {
    const exposition = await (await fetch(`${sidecar.url}/metrics`)).text();
    const types = new Map<string, string>();
    for (const m of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1]!, m[2]!);
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const queried = new Set<string>();
    const problems: string[] = [];
    for (const panel of dashboard.panels)
      for (const { expr } of panel.targets) {
        const names = [...expr.matchAll(/\bfrontline_[a-z0-9_]+/g)].map((m) => m[0]);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          const base = types.has(name) ? name : name.replace(HISTOGRAM_SERIES, '');
          const type = types.get(base);
          if (!type || (base !== name && type !== 'histogram')) {
            problems.push(`${panel.title}: ${name} is not in /metrics`);
            continue;
          }
          queried.add(base);
          const labels = [...expr.matchAll(/by \(([^)]*)\)/g)].flatMap((m) =>
            m[1]!.split(',').map((s) => s.trim()),
          );
          const metric = sidecar.metrics.registry.getSingleMetric(base) as
            { labelNames?: readonly string[] } | undefined;
          for (const label of labels)
            if (label !== 'le' && !(metric?.labelNames ?? []).includes(label))
              problems.push(`${panel.title}: ${base} has no label "${label}"`);
        }
      }
    expect(problems).toEqual([]);
    // The dashboard covers the sidecar's own metrics, not just a few.
    const own = [...types.keys()].filter((n) =>
      /^frontline_(intake|queue|job|jira|time_to|notification|outbox)/.test(n),
    );
    expect(own.filter((n) => !queried.has(n))).toEqual([]);
  });
});
