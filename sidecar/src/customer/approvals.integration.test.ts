// Approvals against a real store (PGlite, and PostgreSQL when configured) with a pinned clock and a
// recording tracker: the link runs out, a new estimate can then be sent and the old request reads
// expired; the resolution clock's pause facts land in the issue's SLA history once each; a decision
// taken twice at once is taken once.
import { coverageVerdict, ok } from '@frontline/shared';
import type { Contract, CustomerSide } from '@frontline/shared';
import { CustomerSideSchema } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../../demo/contracts.js';
import { freshStore, storeKinds } from '../../test/stores.js';
import type { StoreUnderTest } from '../../test/stores.js';
import { loadHistory } from '../assignment/repository.js';
import type { Tracker } from '../ports.js';
import { openDb } from '../store/open.js';
import type { OpenDb } from '../store/open.js';
import { createApprovals } from './approvals.js';
import { createLinkSigner } from './tokens.js';

const polarFrost = DEMO_CONTRACTS.find((c) => c.customer.id === 'polar-frost')! as Contract;
const DAY = 86_400_000;

describe.each(storeKinds('customer approvals'))('approvals on %s', (kind) => {
  let store: StoreUnderTest;
  let db: OpenDb;
  let now = new Date('2027-01-12T07:00:00Z');
  const written: { key: string; value: unknown }[] = [];
  const tracker = {
    addComment: async () => ok({ id: '1' }),
    setIssueProperty: async (key: string, _property: string, value: unknown) => {
      written.push({ key, value });
      return ok(undefined);
    },
  } as unknown as Tracker;
  const side: CustomerSide = CustomerSideSchema.parse({
    approvalLinkDays: 2,
    pauseResolutionWhileAwaitingApproval: [polarFrost.id],
  });
  let approvals: ReturnType<typeof createApprovals>;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = await openDb({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lockWaitMs: 0 });
    approvals = createApprovals({
      db,
      now: () => now,
      notifier: undefined,
      signer: createLinkSigner('approvals-test-secret-0123456789abcdefgh'),
      linkBase: 'https://support.example',
      settings: async () => side,
      trackerFor: async () => tracker,
      // The verdict as the contract gives it for a Task under Polar Frost's contract.
      facts: async () => ({
        summary: 'Migrate the reporting database',
        requestType: 'Task',
        contract: polarFrost,
        verdict: coverageVerdict(polarFrost, { requestType: 'Task', at: now }),
      }),
    });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  const request = () =>
    approvals.request({
      issueKey: 'SUP-7',
      installationId: undefined,
      requestedBy: 'elena',
      estimate: { hours: 16 },
      contact: { email: 'a.kovalev@polarfrost.example' },
    });

  it('refuses a second request while the first awaits, and lets the desk ask again once the link ran out', async () => {
    const first = await request();
    expect(first).toMatchObject({ ok: true, value: { state: 'awaiting', pausesResolution: true } });
    expect(await request()).toMatchObject({ ok: false, error: { code: 'already_awaiting' } });

    now = new Date(now.getTime() + 2 * DAY + 1);
    const late = await approvals.decide({
      id: first.ok ? first.value.id : '',
      decision: 'approved',
      comment: undefined,
    });
    expect(late).toEqual({ ok: false, error: 'expired' });

    const second = await request();
    expect(second).toMatchObject({ ok: true, value: { state: 'awaiting' } });
    const listed = await approvals.ofIssue('SUP-7', undefined);
    expect(listed.map((a) => a.state)).toEqual(['awaiting', 'expired']);
    expect(listed[1]!.audit.map((a) => a.action)).toEqual(['requested', 'expired']);
    expect(written.at(-1)).toMatchObject({ key: 'SUP-7', value: { state: 'awaiting' } });

    // An hour later, two answers at once: one decision.
    now = new Date(now.getTime() + 3_600_000);
    const id = second.ok ? second.value.id : '';
    const both = await Promise.all([
      approvals.decide({ id, decision: 'approved', comment: undefined }),
      approvals.decide({ id, decision: 'declined', comment: undefined }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(['used']);

    // The clock paused twice and resumed twice, each fact once.
    const facts = (await loadHistory(db, ['SUP-7'])).flatMap((f) =>
      f.type === 'approval' ? [f.awaiting] : [],
    );
    expect(facts).toEqual([true, false, true, false]);
  }, 60_000);
});
