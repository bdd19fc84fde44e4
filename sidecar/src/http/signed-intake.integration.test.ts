// The signed intake's store guarantees, end to end on PGlite and on PostgreSQL, once per tracker:
// concurrent deliveries share one group commit, so a delivery the store could not hold must be
// refused before it joins one (400 naming its field) and leave every good delivery beside it
// accepted; a redelivery racing the first is recognised; every accepted event is processed once.
import { randomUUID } from 'node:crypto';
import type { RunningSidecar } from '../compose.js';
import { signBody } from '../intake/signature.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { startTestSidecar } from '../../test/sidecar.js';
import { timesHandled, TRACKER_INTAKES } from '../../test/tracker-intakes.js';
import { waitFor } from '../../test/webhook-client.js';

interface Answer {
  status: number;
  body: { id?: string; duplicate?: boolean; error?: { code: string; message: string; details?: unknown } };
}

const cases = storeKinds('signed intake').flatMap((kind) =>
  TRACKER_INTAKES.map((tracker) => [tracker.name, kind, tracker] as const),
);

describe.each(cases)('signed intake of %s on %s', (_name, kind, tracker) => {
  let store: StoreUnderTest;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    store = await freshStore(kind);
    sidecar = await startTestSidecar(store, { youtrackWebhookSecrets: [...TRACKER_INTAKES[1]!.secrets] });
  }, 60_000);

  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
  }, 30_000);

  /** POSTs `body` to the tracker's endpoint, signed, with `identifier` (a fresh one unless given). */
  const deliver = async (body: string, identifier: string = randomUUID()): Promise<Answer> => {
    const res = await fetch(`${sidecar.url}${tracker.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [tracker.identifierHeader]: identifier,
        [tracker.signatureHeader]: signBody(body, tracker.secrets[0]!),
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  };
  const event = (key: string, timestamp = Date.now() - 60_000) =>
    JSON.stringify(tracker.event(key, timestamp));
  const key = (n: number) => `${tracker.project}-${n}`;
  const storedRows = async (issueKey: string) =>
    Number(
      (
        await sidecar.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM intake_events WHERE source = $1
              AND coalesce(payload #>> '{issue,key}', payload #>> '{issue,idReadable}') = $2`,
          [tracker.source, issueKey],
        )
      ).rows[0]!.n,
    );
  const handledCount = (eventId: string) => timesHandled(sidecar.db, eventId);
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const named = (res: Answer) =>
    `${res.body.error?.message ?? ''} ${((res.body.error?.details ?? []) as { path: string }[]).map((d) => d.path).join(' ')}`;

  it('answers every good delivery 202 while poison ones mixed in get 400 naming their field', async () => {
    const poison: { label: string; body: string; identifier?: string; field: string }[] = [
      {
        label: 'NUL in a string',
        body: event(key(901)).replace('Month-end', 'Month\\u0000end'),
        field: tracker.summaryPath,
      },
      {
        label: 'lone surrogate escape',
        body: event(key(902)).replace('Month-end', '\\ud800 Month-end'),
        field: tracker.summaryPath,
      },
      { label: 'NUL in a key', body: event(key(903)).replace(/}$/, ',"a\\u0000b":1}'), field: 'key' },
      {
        label: 'nesting 100,000 deep',
        body: event(key(904)).replace(/}$/, `,"deep":${nested(100_000)}}`),
        field: 'nested deeper than 64',
      },
      { label: 'year 275760', body: event(key(905), 8_640_000_000_000_000), field: 'timestamp' },
      { label: 'year 10000', body: event(key(906), 253_402_300_800_000), field: 'timestamp' },
      {
        label: 'identifier of 3,000 characters',
        body: event(key(907)),
        identifier: 'x'.repeat(3_000),
        field: tracker.identifierHeader,
      },
    ];
    const good = Array.from({ length: 150 }, (_, i) => deliver(event(key(1_000 + i))));
    const bad = poison.map((p, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 3)).then(() => deliver(p.body, p.identifier)),
    );
    const [goodResults, badResults] = await Promise.all([Promise.all(good), Promise.all(bad)]);
    expect(goodResults.map((r) => r.status)).toEqual(goodResults.map(() => 202));
    poison.forEach((p, i) => {
      const res = badResults[i]!;
      expect([p.label, res.status]).toEqual([p.label, 400]);
      expect([p.label, named(res)]).toEqual([p.label, expect.stringContaining(p.field)]);
    });
    for (const n of [901, 902, 904, 905, 906, 907]) expect(await storedRows(key(n))).toBe(0);
    // Every good one is processed, once; the store still takes work after all of it.
    for (const res of goodResults.slice(0, 5))
      await waitFor(async () => (await handledCount(res.body.id!)) === 1, 20_000, 'processing');
    expect((await deliver(event(key(908)))).status).toBe(202);
  }, 120_000);

  it('refuses nesting 20,000 deep with 400 and keeps answering, store errors included', async () => {
    const deep = await deliver(event(key(909)).replace(/}$/, `,"deep":${nested(20_000)}}`));
    expect([deep.status, deep.body.error?.code]).toEqual([400, 'too_deep']);
    const nul = await deliver(event(key(910)).replace('Month-end', 'Month\\u0000end'));
    expect(nul.status).toBe(400);
    expect((await deliver(event(key(911)))).status).toBe(202);
  }, 60_000);

  it('accepts exactly one of many concurrent deliveries of the same event and processes it once', async () => {
    const identifier = `delivery-${randomUUID()}`;
    const body = event(key(104));
    const results = await Promise.all(Array.from({ length: 12 }, () => deliver(body, identifier)));
    const first = results.filter((r) => r.status === 202);
    expect(first).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.duplicate === true)).toHaveLength(11);
    expect(new Set(results.map((r) => r.body.id))).toEqual(new Set([first[0]!.body.id]));
    expect(await storedRows(key(104))).toBe(1);
    await waitFor(async () => (await handledCount(first[0]!.body.id!)) === 1, 20_000, 'processing');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await handledCount(first[0]!.body.id!)).toBe(1);
  }, 60_000);
});
