// Suggested assignees for the Forge issue panel, under /forge/api (FIT already verified):
//   GET  /issues/:key/suggestions   ranked candidates with reasons, and who is excluded and why
//   POST /issues/:key/assign        { accountId } → assigns in Jira as the acting user (their Forge
//                                    user token when we hold one, else the app) and records the
//                                    decision (who, when, suggested rank) for time-to-assign
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { parseWith } from '@frontline/shared';
import { assignForPerson } from '../../assignment/carry-out.js';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { latestRanking, trackedIssue } from '../../assignment/repository.js';
import type { AppTrackers, WorldSource } from '../../ports.js';
import { validationError } from '../admin/http-helpers.js';
import { HttpError } from '../errors.js';
import { forgeClaims } from './index.js';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
const AssignBodySchema = z.strictObject({
  accountId: z.string().trim().min(1, 'Give the engineer’s accountId'),
});

export interface SuggestionsRouterDeps extends Omit<AssignmentDeps, 'jira'> {
  /** The tracker acting as the person behind the FIT (their Forge token when held), else the app. */
  trackers: AppTrackers;
  world: WorldSource<AssignmentWorld>;
}

function issueKeyOf(raw: string | string[] | undefined): string {
  const key = (Array.isArray(raw) ? raw[0] : raw)?.toUpperCase() ?? '';
  if (!ISSUE_KEY.test(key)) throw new HttpError(400, 'bad_issue_key', `"${String(raw)}" is not an issue key`);
  return key;
}

/** The router to hand to `createForgeRouter({ routers: [...] })`. */
export function createSuggestionsRouter(deps: SuggestionsRouterDeps): Router {
  const router = Router();

  router.get('/issues/:key/suggestions', async (req, res) => {
    const key = issueKeyOf(req.params.key);
    const stored = await latestRanking(deps.db, key);
    if (!stored) throw new HttpError(404, 'no_suggestions', `No suggestions for ${key} yet`);
    const issue = await trackedIssue(deps.db, key);
    res.json({
      issueKey: key,
      rankedAt: stored.createdAt.toISOString(),
      trigger: stored.triggerKind,
      decision: stored.decision,
      assigneeAccountId: issue?.assigneeId ?? null,
      offHours: stored.ranking.offHours,
      candidates: stored.ranking.ranked.map((r, index) => ({ rank: index + 1, ...r })),
      excluded: stored.ranking.excluded,
      // The lists keep the first few; these say how many there were.
      candidatesTotal: stored.ranking.rankedTotal ?? stored.ranking.ranked.length,
      excludedTotal: stored.ranking.excludedTotal ?? stored.ranking.excluded.length,
    });
  });

  router.post('/issues/:key/assign', async (req, res) => {
    const key = issueKeyOf(req.params.key);
    const body = parseWith(AssignBodySchema, req.body ?? {});
    if (!body.ok) throw validationError('invalid_assignment', 'The assignment', body.error);
    const claims = forgeClaims(res);
    const jira = await deps.trackers.forPerson(claims.installationId, claims.principal);
    if (!jira) throw new HttpError(503, 'jira_unavailable', 'No Jira connection is configured');
    const world = await deps.world.load();
    const requestId = req.get('idempotency-key') ?? randomUUID();
    const outcome = await assignForPerson(
      { ...deps, jira },
      {
        issueKey: key,
        accountId: body.value.accountId,
        actor: claims.principal ?? 'forge-app',
        via: 'forge',
        settings: world.settings,
        engineers: world.engineers,
        suggestions: await latestRanking(deps.db, key),
        requestId,
      },
    );
    if (!outcome.ok) throw new HttpError(outcome.error.status, 'assignment_refused', outcome.error.reason);
    res.json({ issueKey: key, accountId: body.value.accountId, suggestedRank: outcome.value.suggestedRank });
  });

  return router;
}
