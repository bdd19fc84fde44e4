// Jira webhook intake end to end (HTTP → store → queue → worker), on PGlite and on PostgreSQL. The
// guarantees every tracker's intake shares (poison deliveries isolated from their group commit,
// concurrent redeliveries) are proven for Jira and YouTrack in signed-intake.integration.test.ts.
import { request } from 'node:http';
import type { RunningSidecar } from '../compose.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { startTestSidecar } from '../../test/sidecar.js';
import { deliver, issueCreated, TEST_SECRETS, waitFor } from '../../test/webhook-client.js';
import { signBody } from '../intake/signature.js';
import { timesHandled } from '../../test/tracker-intakes.js';

describe.each(storeKinds('webhook intake'))('webhook intake on %s', (kind) => {
  let store: StoreUnderTest;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    store = await freshStore(kind);
    sidecar = await startTestSidecar(store);
  }, 60_000);

  afterAll(async () => {
    await sidecar?.stop();
    await store?.dispose();
  }, 30_000);

  const handledCount = (eventId: string) => timesHandled(sidecar.db, eventId);
  const eventRows = async (key: string) =>
    Number(
      (
        await sidecar.db.query<{ n: string }>(
          "SELECT count(*) AS n FROM intake_events WHERE payload #>> '{issue,key}' = $1",
          [key],
        )
      ).rows[0]!.n,
    );

  it('answers /healthz and /readyz once started', async () => {
    const health = await fetch(`${sidecar.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${sidecar.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ components: { store: true, queue: true } });
  });

  it('accepts a signed webhook with 202 and an id, then processes it exactly once', async () => {
    const res = await deliver(sidecar.url, issueCreated('SUP-101'));
    expect(res.status).toBe(202);
    const id = String(res.body.id);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(async () => (await handledCount(id)) === 1, 15_000, 'the event to be processed');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await handledCount(id)).toBe(1);
  }, 30_000);

  it('answers a redelivery (same webhook identifier) with 200 duplicate and does not process it again', async () => {
    const identifier = 'a6f5e2d0-3b1c-4c1e-9a7e-000000000102';
    const first = await deliver(sidecar.url, issueCreated('SUP-102'), { identifier });
    const again = await deliver(sidecar.url, issueCreated('SUP-102'), { identifier });
    expect(first.status).toBe(202);
    expect(again).toEqual({ status: 200, body: { duplicate: true, id: first.body.id } });
    await waitFor(async () => (await handledCount(String(first.body.id))) === 1, 15_000, 'processing');
    expect(await eventRows('SUP-102')).toBe(1);
  }, 30_000);

  it('dedupes on the body hash when the identifier header is missing', async () => {
    const body = issueCreated('SUP-103');
    const first = await deliver(sidecar.url, body, { identifier: null });
    const again = await deliver(sidecar.url, body, { identifier: null });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(await eventRows('SUP-103')).toBe(1);
  });

  it('accepts out-of-order deliveries, processes each once and keeps when each happened', async () => {
    const later = await deliver(sidecar.url, issueCreated('SUP-105', 1_790_000_060_000));
    const earlier = await deliver(sidecar.url, issueCreated('SUP-105', 1_790_000_000_000));
    expect([later.status, earlier.status]).toEqual([202, 202]);
    for (const id of [later.body.id, earlier.body.id]) {
      await waitFor(async () => (await handledCount(String(id))) === 1, 15_000, 'processing');
    }
    const rows = await sidecar.db.query<{ id: string }>(
      "SELECT id FROM intake_events WHERE payload #>> '{issue,key}' = 'SUP-105' ORDER BY occurred_at",
    );
    expect(rows.rows.map((r) => r.id)).toEqual([earlier.body.id, later.body.id]);
  }, 30_000);

  it('verifies with the second secret too (rotation)', async () => {
    const res = await deliver(sidecar.url, issueCreated('SUP-106'), { secret: TEST_SECRETS[1] });
    expect(res.status).toBe(202);
  });

  it.each([
    ['missing', null, 'signature_missing'],
    ['signed with an unknown secret', signBody('{}', 'someone-elses-secret-0003'), 'signature_invalid'],
    ['not sha256=', 'sha1=0123', 'signature_invalid'],
  ])('rejects a %s signature with 401 and stores nothing', async (_label, signature, code) => {
    const res = await deliver(sidecar.url, issueCreated('SUP-107'), { signature });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code } });
    expect(await eventRows('SUP-107')).toBe(0);
  });

  it('rejects a body changed after signing with 401', async () => {
    const body = JSON.stringify(issueCreated('SUP-108'));
    const signature = signBody(body, TEST_SECRETS[0]!);
    const res = await deliver(sidecar.url, body.replace('SUP-108', 'SUP-109'), { signature });
    expect(res.status).toBe(401);
  });

  it('rejects a signed non-JSON content type with 415', async () => {
    const res = await deliver(sidecar.url, JSON.stringify(issueCreated('SUP-110')), {
      contentType: 'text/plain',
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('rejects signed malformed JSON with 400', async () => {
    const res = await deliver(sidecar.url, '{"webhookEvent": "jira:issue_created",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'malformed_json' } });
  });

  it('rejects JSON that is not a Jira webhook with 400 naming the field', async () => {
    const res = await deliver(sidecar.url, { timestamp: 1_790_000_000_000, issue: { key: 'SUP-111' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'not_a_jira_webhook', details: [{ path: 'webhookEvent' }] },
    });
    expect(String((res.body.error as { message: string }).message)).toContain('webhookEvent');
  });

  it('rejects a body above 10 MB with 413', async () => {
    const big = JSON.stringify({ ...issueCreated('SUP-112'), padding: 'x'.repeat(10 * 1024 * 1024) });
    const res = await deliver(sidecar.url, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
  }, 30_000);

  it('counts intake results and exposes queue depth on /metrics', async () => {
    const res = await fetch(`${sidecar.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/frontline_intake_total\{source="jira-webhook",result="accepted"\} [1-9]/);
    expect(text).toMatch(/frontline_intake_total\{source="jira-webhook",result="duplicate"\} [1-9]/);
    expect(text).toMatch(/frontline_intake_total\{source="jira-webhook",result="unauthorized"\} [1-9]/);
    expect(text).toMatch(/frontline_queue_depth\{queue="intake.process",state="created"\} \d+/);
    expect(text).toMatch(
      /frontline_job_duration_seconds_count\{job="intake.process",outcome="completed"\} [1-9]/,
    );
  });

  it.each([
    ['before 2000', Date.UTC(1999, 11, 31)],
    ['two days after receipt', Date.now() + 2 * 86_400_000],
  ])('refuses an event timestamp %s with 400 naming timestamp', async (_label, timestamp) => {
    const res = await deliver(sidecar.url, issueCreated('SUP-912', timestamp));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { details: [{ path: 'timestamp' }] } });
    expect(await eventRows('SUP-912')).toBe(0);
  });

  it('accepts an event timestamp an hour ahead of the receipt (clock skew)', async () => {
    const res = await deliver(sidecar.url, issueCreated('SUP-913', Date.now() + 3_600_000));
    expect(res.status).toBe(202);
  });

  it('refuses a body in another charset with 415 instead of storing replacement characters', async () => {
    const text = JSON.stringify(issueCreated('SUP-914')).replace('Month-end', 'Закрытие');
    // windows-1251 bytes for the Cyrillic word; the rest is ASCII either way.
    const cp1251 = Buffer.from(
      [...text].map((c) => {
        const code = c.codePointAt(0)!;
        return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code;
      }),
    );
    const res = await deliverRaw(cp1251, { 'content-type': 'application/json; charset=windows-1251' });
    expect(res.status).toBe(415);
    const undeclared = await deliverRaw(cp1251, { 'content-type': 'application/json' });
    expect(undeclared.status).toBe(415);
    expect(await eventRows('SUP-914')).toBe(0);
  });

  it('refuses a delivery with two X-Atlassian-Webhook-Identifier headers with 400', async () => {
    const body = Buffer.from(JSON.stringify(issueCreated('SUP-915')));
    const res = await deliverRaw(body, {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': ['id-a', 'id-b'],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('X-Atlassian-Webhook-Identifier');
    expect(await eventRows('SUP-915')).toBe(0);
  });

  it('states the body limit in the 413 answer', async () => {
    const big = JSON.stringify({ ...issueCreated('SUP-916'), padding: 'x'.repeat(10_000_000) });
    const res = await deliver(sidecar.url, big);
    expect(res.status).toBe(413);
    expect((res.body.error as { message: string }).message).toContain('10 MB (10000000 bytes)');
  }, 30_000);

  /** Sends a signed body with headers as given (a list value becomes repeated header lines). */
  const deliverRaw = (body: Buffer, headers: Record<string, string | string[]>) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const url = new URL(`${sidecar.url}/webhooks/jira`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'x-atlassian-webhook-identifier': `raw-${Math.random().toString(16).slice(2)}`,
            ...headers,
            'x-hub-signature': signBody(body, TEST_SECRETS[0]!),
            'content-length': String(body.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('answers unknown routes with the standard error body', async () => {
    const res = await fetch(`${sidecar.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
