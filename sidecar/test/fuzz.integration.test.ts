// Fuzz test of the sidecar's two untrusted text intakes, end to end on each store: signed Jira
// webhooks (the envelope and every field the handlers read) through intake and processing, and
// contract CSV imports through the admin API. Each run sends its generated cases concurrently with
// a few good deliveries, then checks what every answer, the store and the job queue show:
//   - every answer is a documented status, never a 5xx, and every refusal has the error envelope;
//   - what must be refused is refused, what must be accepted is accepted (see fuzz-generators.ts);
//   - every accepted event is processed within a bound, and no job is left retrying;
//   - the good deliveries beside the poison ones are all accepted and processed;
//   - a refused import stores nothing, and Object.prototype is never touched;
//   - afterwards the process still answers /healthz promptly and takes ordinary work.
// The seed is fixed so a failure reproduces; FRONTLINE_FUZZ_SEED picks another, FRONTLINE_FUZZ_SCALE
// multiplies the number of runs (for a longer hunt outside CI).
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import { DEMO_SETTINGS } from '@frontline/shared';
import { startSidecar } from '../src/compose.js';
import type { RunningSidecar } from '../src/compose.js';
import { signBody } from '../src/intake/signature.js';
import {
  buildCsv,
  buildWebhook,
  csvRow,
  csvSpec,
  CSV_HEADER,
  describeCsv,
  describeWebhook,
  webhookSpec,
  type CsvCase,
  type WebhookCase,
} from './fuzz-generators.js';
import { silentLogger, testConfig } from './sidecar.js';
import { freshStore, storeKinds } from './stores.js';
import type { StoreUnderTest } from './stores.js';
import { deliver, issueCreated, TEST_SECRETS } from './webhook-client.js';

const SEED = process.env.FRONTLINE_FUZZ_SEED ? Number(process.env.FRONTLINE_FUZZ_SEED) : 20_261_204;
const SCALE = Number(process.env.FRONTLINE_FUZZ_SCALE ?? 1);
/** Runs of up to 8 deliveries each (3.7 on average): about 300 webhook cases per store. */
const WEBHOOK_RUNS = Math.round(80 * SCALE);
/** Runs of up to 3 imports each (2 on average): about 150 CSV cases per store. */
const CSV_RUNS = Math.round(75 * SCALE);
/** Good deliveries sent beside each run's generated ones. */
const GOOD_PER_RUN = 3;
/** How long after a run every event it had accepted may take to be processed. */
const PROCESSING_BOUND_MS = 20_000;
const ADMIN_TOKEN = 'northwind-admin-token-0123456789';
/** How long a webhook counterexample is shrunk for; past it the smallest failure so far is reported. */
const SHRINK_BUDGET_MS = 90_000;
/**
 * The failing run's error goes into the report; shrinking stops after a few minutes (a step that
 * waits for a failing job costs seconds) and reports the smallest counterexample found by then.
 */
const FC_OPTIONS = {
  seed: SEED,
  includeErrorInReport: true,
  interruptAfterTimeLimit: 420_000,
  markInterruptAsFailure: true,
};

const WEBHOOK_STATUSES = new Set([200, 202, 400, 401, 413, 415, 431]);
const WEBHOOK_REFUSALS = new Set([400, 401, 413, 415, 431]);
const CSV_STATUSES = new Set([200, 400, 413, 415, 422]);
const CSV_REFUSALS = new Set([400, 413, 415, 422]);

// Generous for a busy two-core machine: each run sends up to a few megabytes and waits for jobs.
jest.setTimeout(600_000);

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

/** POSTs raw bytes with headers as given (a list value becomes repeated header lines). */
function post(url: string, path: string, body: Buffer, headers: OutgoingHttpHeaders): Promise<Answer> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The error envelope, `{"error":{"code","message"}}` (details optional); undefined when it holds. */
function envelopeProblem(answer: Answer): string | undefined {
  const body = answer.json as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (!body || typeof body !== 'object') return `error body is not JSON: ${answer.text.slice(0, 200)}`;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return `error body has keys ${JSON.stringify(keys)}`;
  const { code, message } = body.error ?? {};
  if (typeof code !== 'string' || code === '') return `error.code is ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || message === '') return `error.message is ${JSON.stringify(message)}`;
  return undefined;
}

function webhookHeaders(c: WebhookCase): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  if (c.contentType !== null) headers['content-type'] = c.contentType;
  if (c.identifiers.length === 1) headers['x-atlassian-webhook-identifier'] = c.identifiers[0];
  else if (c.identifiers.length > 1) headers['x-atlassian-webhook-identifier'] = c.identifiers;
  const valid = (secret: string) => signBody(c.body, secret);
  switch (c.signature) {
    case 'current':
      headers['x-hub-signature'] = valid(TEST_SECRETS[0]!);
      break;
    case 'previous':
      headers['x-hub-signature'] = valid(TEST_SECRETS[1]!);
      break;
    case 'foreign':
      headers['x-hub-signature'] = valid('someone-elses-secret-0003');
      break;
    case 'flipped': {
      const good = valid(TEST_SECRETS[0]!);
      headers['x-hub-signature'] = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
      break;
    }
    case 'sha1':
      headers['x-hub-signature'] = `sha1=${valid(TEST_SECRETS[0]!).slice(7, 47)}`;
      break;
    case 'missing':
      break;
  }
  return headers;
}

/** What a generated delivery's answer breaks, if anything. */
function webhookProblems(c: WebhookCase, answer: Answer): string[] {
  const problems: string[] = [];
  if (!WEBHOOK_STATUSES.has(answer.status)) problems.push(`status ${answer.status} is not documented`);
  if (c.exactStatus !== undefined && answer.status !== c.exactStatus)
    problems.push(`status ${answer.status}, expected ${c.exactStatus}`);
  if (c.refuse.length > 0 && !WEBHOOK_REFUSALS.has(answer.status))
    problems.push(`status ${answer.status}, expected a refusal (${c.refuse.join('; ')})`);
  if (answer.status >= 400) {
    const envelope = envelopeProblem(answer);
    if (envelope) problems.push(envelope);
  }
  const body = answer.json as { id?: unknown; duplicate?: unknown } | undefined;
  if (answer.status === 202 && typeof body?.id !== 'string')
    problems.push(`202 without an id: ${answer.text}`);
  if (answer.status === 200) {
    if (body?.duplicate !== true) problems.push(`200 that is not a duplicate: ${answer.text}`);
    if (c.duplicateOf && body?.id !== c.duplicateOf)
      problems.push(`duplicate of ${String(body?.id)}, expected ${c.duplicateOf}`);
  }
  return problems;
}

/** What an import's answer breaks, if anything. */
function csvProblems(c: CsvCase, answer: Answer): string[] {
  const problems: string[] = [];
  if (!CSV_STATUSES.has(answer.status)) problems.push(`status ${answer.status} is not documented`);
  if (c.exactStatus !== undefined && answer.status !== c.exactStatus)
    problems.push(`status ${answer.status}, expected ${c.exactStatus}: ${answer.text.slice(0, 300)}`);
  if (c.refuse.length > 0 && !CSV_REFUSALS.has(answer.status))
    problems.push(`status ${answer.status}, expected a refusal (${c.refuse.join('; ')})`);
  if (answer.status >= 400) {
    const envelope = envelopeProblem(answer);
    if (envelope) problems.push(envelope);
  }
  return problems;
}

/** Keys the generators use as column segments and JSON keys: none may appear on Object.prototype. */
const PROTOTYPE_PROBES = ['x', 'polluted', 'colour', 'length', 'a', 'ours', 'customers'];

function prototypeSnapshot(): string {
  return JSON.stringify(
    Object.getOwnPropertyNames(Object.prototype)
      .sort()
      .map((name) => {
        const d = Object.getOwnPropertyDescriptor(Object.prototype, name)!;
        return [name, typeof d.value, typeof d.get, typeof d.set];
      }),
  );
}

function prototypeProblems(before: string): string[] {
  const problems: string[] = [];
  const probe = {} as Record<string, unknown>;
  for (const key of PROTOTYPE_PROBES)
    if (probe[key] !== undefined) problems.push(`({}).${key} is ${String(probe[key])}`);
  if (prototypeSnapshot() !== before) problems.push('Object.prototype gained or changed a property');
  return problems;
}

/** Fails the property with every problem of the run, each beside the case that caused it. */
function failIf(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

describe.each(storeKinds('intake fuzz'))('intake fuzz on %s', (kind) => {
  let store: StoreUnderTest;
  let sidecar: RunningSidecar;
  let prototypeBefore: string;
  /** Good deliveries accepted so far, whose identifiers later cases repeat. */
  const accepted: { identifier: string; id: string }[] = [];
  let goodSequence = 0;
  /** Set once a run has failed: fast-check is shrinking the counterexample from then on. */
  let shrinking = false;
  let shrinkingSince = 0;

  beforeAll(async () => {
    prototypeBefore = prototypeSnapshot();
    store = await freshStore(kind);
    // As startTestSidecar (same config, logger and polling), plus the admin API, which it does not
    // mount: the CSV imports need /api, and settings are loaded so processing meets calendars, SLA
    // policies and engineers rather than an empty world.
    sidecar = await startSidecar({
      config: testConfig(store, { adminToken: ADMIN_TOKEN }),
      log: silentLogger(),
      lockWaitMs: 0,
      pollingIntervalSeconds: 0.5,
      routers: true,
    });
    const settings = await fetch(`${sidecar.url}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_SETTINGS),
    });
    if (settings.status !== 200)
      throw new Error(`loading settings: ${settings.status} ${await settings.text()}`);
  }, 120_000);

  afterAll(async () => {
    delete (Object.prototype as Record<string, unknown>).x;
    await sidecar?.stop();
    await store?.dispose();
  }, 60_000);

  /** A good delivery: a new ticket on the Northwind desk, signed, with a fresh identifier. */
  const sendGood = async () => {
    goodSequence += 1;
    const identifier = randomUUID();
    const key = `SUP-${5_000 + goodSequence}`;
    const res = await deliver(sidecar.url, issueCreated(key, Date.now() - 60_000), { identifier });
    return { key, identifier, res };
  };

  /**
   * Waits until every event in `ids` is processed; a job that failed for good, or failed twice, ends
   * the wait at once (an acknowledged event that cannot be processed is the defect looked for).
   */
  const processingProblems = async (ids: string[], describe: (id: string) => string): Promise<string[]> => {
    if (ids.length === 0) return [];
    const deadline = Date.now() + PROCESSING_BOUND_MS;
    for (;;) {
      const events = await sidecar.db.query<{ id: string; processed: boolean }>(
        'SELECT id::text AS id, processed_at IS NOT NULL AS processed FROM intake_events WHERE id = ANY($1::uuid[])',
        [ids],
      );
      const unprocessed = new Set(ids);
      for (const row of events.rows) if (row.processed) unprocessed.delete(row.id);
      if (unprocessed.size === 0) return [];
      const jobs = await sidecar.db.query<{
        event_id: string;
        state: string;
        retry_count: number;
        output: unknown;
      }>(
        `SELECT data->>'eventId' AS event_id, state::text AS state, retry_count, output FROM pgboss.job
          WHERE name = 'intake.process' AND data->>'eventId' = ANY($1::text[])`,
        [[...unprocessed]],
      );
      // Until something failed, a job may retry once (a transient conflict heals); once shrinking
      // has begun, a first failed attempt ends the wait, so each shrinking step takes seconds.
      const stuck = jobs.rows.filter(
        (j) =>
          j.state === 'failed' || j.retry_count >= (shrinking ? 1 : 2) || (shrinking && j.state === 'retry'),
      );
      const late = Date.now() > deadline;
      if (stuck.length > 0 || late) {
        const byEvent = new Map(jobs.rows.map((j) => [j.event_id, j]));
        // Before the bound, only the failing events are reported: the others are still in progress.
        const reported = late ? [...unprocessed] : stuck.map((j) => j.event_id);
        return reported.map((id) => {
          const job = byEvent.get(id);
          const state = job
            ? `job ${job.state} after ${job.retry_count} retries: ${JSON.stringify(job.output)?.slice(0, 400)}`
            : 'no job';
          return `accepted event ${id} not processed (${state}) — ${describe(id)}`;
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('answers every generated webhook as documented and processes every one it accepted', async () => {
    const started = performance.now();
    let cases = 0;
    let acceptedCases = 0;
    const earlier = {
      pick: () => (accepted.length > 0 ? accepted[(cases * 7) % accepted.length] : undefined),
    };
    const property = fc.asyncProperty(
      fc.array(webhookSpec, { minLength: 1, maxLength: 8 }),
      async (specs) => {
        // Past the budget every further candidate passes, so fast-check ends with the smallest real
        // failure found so far instead of spending minutes on steps that each wait for a job.
        if (shrinking && performance.now() - shrinkingSince > SHRINK_BUDGET_MS) return;
        const generated = specs.map((spec) => buildWebhook(spec, earlier));
        cases += generated.length;
        const [answers, good] = await Promise.all([
          Promise.all(generated.map((c) => post(sidecar.url, '/webhooks/jira', c.body, webhookHeaders(c)))),
          Promise.all(Array.from({ length: GOOD_PER_RUN }, sendGood)),
        ]);
        const problems: string[] = [];
        const described = new Map<string, string>();
        generated.forEach((c, i) => {
          const answer = answers[i]!;
          for (const p of webhookProblems(c, answer)) problems.push(`${p} — ${describeWebhook(c)}`);
          if (answer.status === 202) {
            acceptedCases += 1;
            described.set(String((answer.json as { id: string }).id), describeWebhook(c));
          }
        });
        for (const { key, identifier, res } of good) {
          if (res.status !== 202)
            problems.push(`good delivery ${key} got ${res.status}: ${JSON.stringify(res.body)}`);
          else {
            described.set(String(res.body.id), `good delivery ${key}`);
            accepted.push({ identifier, id: String(res.body.id) });
          }
        }
        // Refused deliveries leave nothing behind under their identifier.
        const refusedKeys = generated
          .filter((c, i) => answers[i]!.status >= 400 && c.identifiers.length === 1 && !c.duplicateOf)
          .map((c) => c.identifiers[0]!);
        if (refusedKeys.length > 0) {
          const stored = await sidecar.db.query<{ idempotency_key: string }>(
            'SELECT idempotency_key FROM intake_events WHERE idempotency_key = ANY($1::text[])',
            [refusedKeys],
          );
          for (const row of stored.rows)
            problems.push(`refused delivery ${row.idempotency_key.slice(0, 60)} was stored`);
        }
        problems.push(...(await processingProblems([...described.keys()], (id) => described.get(id)!)));
        if (problems.length > 0 && !shrinking) {
          shrinking = true;
          shrinkingSince = performance.now();
        }
        failIf(problems);
      },
    );
    await fc.assert(property, { ...FC_OPTIONS, numRuns: WEBHOOK_RUNS }).catch((err: unknown) => {
      throw new Error(
        `${kind}: webhook fuzz failed (replay with FRONTLINE_FUZZ_SEED=${SEED}):\n${String(err)}`,
      );
    });
    const retrying = await sidecar.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'intake.process' AND state::text IN ('retry', 'failed')",
    );
    expect(retrying.rows[0]!.n).toBe(0);
    console.log(
      `intake fuzz on ${kind}: ${cases} webhook cases (${acceptedCases} accepted and processed) in ${WEBHOOK_RUNS} runs ` +
        `beside ${WEBHOOK_RUNS * GOOD_PER_RUN} good deliveries, seed ${SEED}, ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('answers every generated CSV import as documented, storing all of it or none', async () => {
    const started = performance.now();
    let cases = 0;
    let sequence = 0;
    const importCsv = (c: { body: Buffer; contentType: string; mode: string | undefined }) =>
      post(
        sidecar.url,
        `/api/contracts/import${c.mode === undefined ? '' : `?mode=${encodeURIComponent(c.mode)}`}`,
        c.body,
        {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': c.contentType,
        },
      );
    const storedUnder = async (prefix: string) =>
      (
        await sidecar.db.query<{ name: string | null }>(
          "SELECT document->'customer'->>'name' AS name FROM contracts WHERE left(id, length($1)) = $1",
          [prefix],
        )
      ).rows;

    const property = fc.asyncProperty(fc.array(csvSpec, { minLength: 1, maxLength: 3 }), async (specs) => {
      const generated = specs.map((spec) => buildCsv(spec, `FZ-${kind}-${++sequence}-`));
      cases += generated.length;
      const goodPrefix = `FZ-${kind}-${++sequence}-`;
      const goodCsv = [CSV_HEADER.join(','), csvRow(`${goodPrefix}0`).join(',')].join('\n');
      const [answers, good] = await Promise.all([
        Promise.all(generated.map(importCsv)),
        importCsv({ body: Buffer.from(goodCsv), contentType: 'text/csv', mode: undefined }),
      ]);
      const problems: string[] = [];
      if (good.status !== 200)
        problems.push(`the good import beside them got ${good.status}: ${good.text.slice(0, 300)}`);
      for (const [i, c] of generated.entries()) {
        const answer = answers[i]!;
        const caseProblems = csvProblems(c, answer);
        const stored = await storedUnder(c.prefix);
        if (answer.status !== 200 && stored.length > 0)
          caseProblems.push(`refused with ${answer.status} yet ${stored.length} contract(s) stored`);
        if (answer.status === 200) {
          const report = answer.json as { total?: unknown; stored?: unknown };
          if (report.total !== c.rows)
            caseProblems.push(`report counts ${String(report.total)} rows, the file has ${c.rows}`);
          if (report.stored !== stored.length)
            caseProblems.push(
              `report says ${String(report.stored)} stored, the store holds ${stored.length}`,
            );
          if (c.storesAll) {
            if (stored.length !== c.rows)
              caseProblems.push(`${stored.length} of ${c.rows} valid rows stored`);
            const names = stored.filter((r) => r.name !== c.storesAll!.customerName).map((r) => r.name);
            if (names.length > 0) caseProblems.push(`customer names read as ${JSON.stringify(names)}`);
          }
        }
        for (const p of caseProblems) problems.push(`${p} — ${describeCsv(c)}`);
      }
      problems.push(...prototypeProblems(prototypeBefore));
      failIf(problems);
    });
    await fc.assert(property, { ...FC_OPTIONS, numRuns: CSV_RUNS }).catch((err: unknown) => {
      throw new Error(`${kind}: CSV fuzz failed (replay with FRONTLINE_FUZZ_SEED=${SEED}):\n${String(err)}`);
    });
    console.log(
      `intake fuzz on ${kind}: ${cases} CSV imports in ${CSV_RUNS} runs beside ${CSV_RUNS} good ones, seed ${SEED}, ` +
        `${Math.round(performance.now() - started)} ms`,
    );
  });

  it('is unharmed afterwards: prototype clean, /healthz prompt, ordinary work accepted and processed', async () => {
    expect(prototypeProblems(prototypeBefore)).toEqual([]);
    const t0 = performance.now();
    const health = await fetch(`${sidecar.url}/healthz`);
    const healthMs = performance.now() - t0;
    expect(health.status).toBe(200);
    // A second is ample for a handler that only answers; a wedged store or loop takes far longer.
    expect(healthMs).toBeLessThan(1_000);
    // Inherited keys would make a valid settings document fail ("unknown field") after pollution.
    const settings = await fetch(`${sidecar.url}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_SETTINGS),
    });
    expect(settings.status).toBe(200);
    const { res } = await sendGood();
    expect(res.status).toBe(202);
    expect(await processingProblems([String(res.body.id)], () => 'the last good delivery')).toEqual([]);
  });
});
