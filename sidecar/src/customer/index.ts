// The customer's side, built once by compose.ts: approvals of paid work, ratings and NPS, the link
// signer, the page's rate limiter, the job kinds and the hook for resolved tickets. Without
// FRONTLINE_SECRET_KEY no link can be signed, so the side is off (compose mounts nothing).
import { coverageVerdict } from '@frontline/shared';
import type { Contract, CustomerSide, SettingsDocument } from '@frontline/shared';
import { matchContract } from '../assignment/contract-match.js';
import type { Clock, IssueSource, Notifier, Queryable, Tracker, WorldSource } from '../ports.js';
import type { Db } from '../store/db.js';
import { createApprovals } from './approvals.js';
import type { ApprovalFacts } from './approvals.js';
import { createFeedback } from './feedback.js';
import type { FeedbackWorld } from './feedback.js';
import { customerNpsKind, customerRatingRequestKind } from './jobs.js';
import { createRateLimiter } from './rate-limit.js';
import { ratingOnResolve } from './resolved.js';
import { createLinkSigner } from './tokens.js';

export type { CustomerJobs } from './jobs.js';
export type { RatingOnResolve } from './resolved.js';

export interface CustomerSideDeps {
  db: Db;
  now: Clock;
  notifier: Notifier | undefined;
  /** FRONTLINE_SECRET_KEY. */
  secretKey: string;
  /** Public base URL of the page, without a trailing slash. */
  linkBase: string;
  world: WorldSource<FeedbackWorld>;
  /** Jira as the app for an installation; undefined installation → the sidecar's own account. */
  trackerFor(installationId: string | undefined): Promise<Tracker | undefined>;
  /** How the tracker's issues read as ticket facts. */
  issues: IssueSource;
  /** Enqueues the rating request's job in the processing transaction. */
  enqueueRatingRequest(tx: Queryable, ratingId: string): Promise<unknown>;
  /** The tracker for the portal comment of a rating request (the site's own). */
  siteTracker: Tracker | undefined;
}

/** The contract a tracker's issue falls under and the coverage verdict, as the Contract panel works them out. */
export async function approvalFacts(
  tracker: Tracker,
  issues: IssueSource,
  world: { contracts: readonly Contract[]; settings: SettingsDocument },
  issueKey: string,
  now: Date,
): Promise<ApprovalFacts | 'no_contract' | undefined> {
  const { contracts, settings } = world;
  const fields = [...issues.openTickets(undefined, settings).fields, 'summary'];
  const got = await tracker.getIssue(issueKey, { fields });
  if (!got.ok) return undefined;
  const ticket = issues.readTicket(got.value, now, settings);
  if (!ticket) return undefined;
  const { snapshot } = ticket;
  const match = matchContract(contracts, snapshot.customer, snapshot.createdAt);
  if (!match) return 'no_contract';
  return {
    summary: snapshot.summary,
    requestType: snapshot.requestType ?? '',
    contract: match.contract,
    verdict: coverageVerdict(match.contract, {
      requestType: snapshot.requestType ?? '',
      at: snapshot.createdAt,
    }),
  };
}

export function createCustomerSide(deps: CustomerSideDeps) {
  const signer = createLinkSigner(deps.secretKey);
  const settings = async (): Promise<CustomerSide> => (await deps.world.load()).settings.customerSide;
  const approvals = createApprovals({
    db: deps.db,
    now: deps.now,
    notifier: deps.notifier,
    signer,
    linkBase: deps.linkBase,
    settings,
    trackerFor: deps.trackerFor,
    facts: async (tracker, issueKey) =>
      approvalFacts(tracker, deps.issues, await deps.world.load(), issueKey, deps.now()),
  });
  const feedback = createFeedback({
    db: deps.db,
    now: deps.now,
    notifier: deps.notifier,
    signer,
    linkBase: deps.linkBase,
    tracker: deps.siteTracker,
  });
  return {
    signer,
    approvals,
    feedback,
    // 30 attempts per token and 120 per address in 10 minutes: a person never gets near either.
    limiter: createRateLimiter({
      limit: (key) => (key.startsWith('token:') ? 30 : 120),
      windowMs: 600_000,
    }),
    providerName: async () => (await settings()).providerName,
    kinds: [
      customerRatingRequestKind({ feedback }),
      customerNpsKind({ feedback, world: deps.world }),
    ] as const,
    onIssueUpdated: ratingOnResolve({ feedback, enqueueRatingRequest: deps.enqueueRatingRequest }),
  };
}

export type CustomerSideService = ReturnType<typeof createCustomerSide>;
