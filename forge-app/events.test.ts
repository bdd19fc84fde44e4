// The event wiring in manifest.yml against what the sidecar handles: every product event and tick
// Forge delivers reaches /forge/events with the app token, and the sidecar has a handler for it.
import { HANDLED_EVENT_TYPES } from '../sidecar/src/intake/handlers/index.js';
import { SIDECAR_REMOTE, sidecarPaths } from './remote/sidecar-client.js';
import { projectRoot, readManifest } from './scripts/forge-checks.js';

type Endpoint = {
  key: string;
  remote: string;
  route?: { path: string };
  auth?: { appSystemToken?: { enabled: boolean } };
};
type Trigger = {
  key: string;
  endpoint?: string;
  events: string[];
  filter?: { ignoreSelf?: boolean; expression?: string };
};
type Tick = { key: string; endpoint?: string; interval: string };

const modules = (await readManifest(projectRoot())).modules as unknown as {
  endpoint: Endpoint[];
  trigger: Trigger[];
  scheduledTrigger: Tick[];
};
const handled = new Set<string>(HANDLED_EVENT_TYPES);

describe('events to the sidecar', () => {
  it('deliver to /forge/events on the sidecar remote with the app system token', () => {
    const targets = new Set([...modules.trigger, ...modules.scheduledTrigger].map((m) => m.endpoint));
    expect(targets.size).toBe(1);
    const endpoint = modules.endpoint.find((e) => targets.has(e.key))!;
    expect(endpoint).toMatchObject({
      remote: SIDECAR_REMOTE,
      route: { path: sidecarPaths.events },
      auth: { appSystemToken: { enabled: true } },
    });
  });

  it('cover issue created, updated, assigned and commented, each one the sidecar handles', () => {
    const events = modules.trigger.flatMap((t) => t.events);
    expect(events.sort()).toEqual(
      [
        'avi:jira:assigned:issue',
        'avi:jira:commented:issue',
        'avi:jira:created:issue',
        'avi:jira:updated:issue',
      ].sort(),
    );
    expect(events.filter((e) => !handled.has(e))).toEqual([]);
  });

  it("ignore the app's own changes, so Temperature writes never come back as updates", () => {
    expect(modules.trigger.filter((t) => t.filter?.ignoreSelf !== true).map((t) => t.key)).toEqual([]);
  });

  it('tick every five minutes under a key the sidecar sweeps on', () => {
    expect(modules.scheduledTrigger).toHaveLength(1);
    const [tick] = modules.scheduledTrigger;
    expect(tick!.interval).toBe('fiveMinute');
    expect(handled.has(`scheduled:${tick!.key}`)).toBe(true);
  });

  describe('the update filter', () => {
    const expression = modules.trigger.find((t) => t.events.includes('avi:jira:updated:issue'))!.filter!
      .expression!;
    // This subset of Jira expressions (==, ||, !, arrow functions, some/includes) reads the same in JS.
    const passes = new Function('event', `return ${expression};`) as (event: unknown) => boolean;
    const update = (...fields: string[]) => ({ changelog: { items: fields.map((field) => ({ field })) } });

    it('passes what the sidecar reads: status, priority, assignee, customer fields', () => {
      expect(passes(update('status'))).toBe(true);
      expect(passes(update('priority'))).toBe(true);
      expect(passes(update('assignee'))).toBe(true);
      expect(passes(update('Rank', 'Customer organization'))).toBe(true);
      expect(passes({})).toBe(true);
    });

    it('drops edits that change nothing it reads: rank, worklogs, estimates, description', () => {
      expect(passes(update('Rank'))).toBe(false);
      expect(passes(update('timespent', 'WorklogId', 'timeestimate'))).toBe(false);
      expect(passes(update('description'))).toBe(false);
    });
  });
});
