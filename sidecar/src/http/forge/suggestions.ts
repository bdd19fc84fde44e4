// Suggested assignees for the Forge issue panel, under /forge/api (FIT already verified):
//   GET  /issues/:key/suggestions   engineers ranked NOW — current loads, absences and the issue as
//                                    Jira has it — with reasons, and who is excluded and why; for an
//                                    assigned issue too (reassign). Nothing stored is served stale.
//   POST /issues/:key/assign        { accountId } → assigns in Jira as the person behind the FIT
//                                    (their Forge user token, `appUserToken`) when we hold it, else as
//                                    the app, says which, and records the decision (who, when, and the
//                                    rank the engineer has in a ranking made at that moment)
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { loadRuleOf, parseWith } from '@frontline/shared';
import type { Ranking } from '@frontline/shared';
import { assignForPerson } from '../../assignment/carry-out.js';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import { planAssignment } from '../../assignment/plan.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { engineerLoads, keptRanking } from '../../assignment/repository.js';
import type { AppTrackers, IssueSnapshot, WorldSource } from '../../ports.js';
import { historyToReplay } from '../../temperature/reading.js';
import { storedHistories } from '../../temperature/store.js';
import { fieldIdsOf, issueFromJira, temperatureFields } from '../../trackers/jira/issue-source.js';
import { validationError } from '../admin/http-helpers.js';
import { HttpError } from '../errors.js';
import type { FitClaims } from './fit.js';
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

/** What a ranking made on request rests on: the issue as Jira has it and the world now. */
interface RankedNow {
  snapshot: IssueSnapshot;
  ranking: Ranking;
  rankedAt: Date;
}

/** The router to hand to `createForgeRouter({ routers: [...] })`. */
export function createSuggestionsRouter(deps: SuggestionsRouterDeps): Router {
  const router = Router();

  /** Ranks the engineers for the issue at this moment (reads Jira as the app, loads from the store). */
  async function rankNow(key: string, claims: FitClaims): Promise<RankedNow> {
    const jira =
      (await deps.trackers.forInstallation(claims.installationId)) ??
      (await deps.trackers.forPerson(claims.installationId, claims.principal));
    if (!jira)
      throw new HttpError(
        503,
        'no_app_token',
        'No live app token for this installation yet; it arrives with the next Forge call',
      );
    const world = await deps.world.load();
    const fieldIds = fieldIdsOf(world.settings.jiraFields);
    const got = await jira.getIssue(key, {
      fields: [...temperatureFields(fieldIds), 'project', 'summary', 'assignee', 'labels'],
    });
    if (!got.ok) {
      if (got.error.status === 404) throw new HttpError(404, 'issue_not_found', `Issue ${key} was not found`);
      throw new HttpError(502, 'jira_unavailable', `Jira answered ${got.error.status}: ${got.error.message}`);
    }
    const rankedAt = deps.now();
    const issue = issueFromJira(got.value, rankedAt, fieldIds);
    if (!issue) throw new HttpError(502, 'jira_unreadable', `Jira's answer for ${key} lacks its dates`);
    const { snapshot } = issue;
    const policy = world.settings.assignment.find((p) => p.project === snapshot.project);
    if (!policy)
      throw new HttpError(404, 'no_suggestions', `Project ${snapshot.project} has no assignment policy`);
    const stored = (await storedHistories(deps.db, [key])).get(key);
    const loads = await engineerLoads(deps.db, loadRuleOf(policy, world.settings.temperature));
    const plan = planAssignment({
      world,
      snapshot,
      history: historyToReplay(stored, issue.fieldHistory),
      loads,
      now: rankedAt,
    });
    if (!plan.ranking) throw new HttpError(404, 'no_suggestions', `No suggestions for ${key}`);
    return { snapshot, ranking: plan.ranking, rankedAt };
  }

  router.get('/issues/:key/suggestions', async (req, res) => {
    const key = issueKeyOf(req.params.key);
    const { snapshot, ranking, rankedAt } = await rankNow(key, forgeClaims(res));
    const kept = keptRanking(ranking);
    res.json({
      issueKey: key,
      rankedAt: rankedAt.toISOString(),
      trigger: 'onDemand',
      assigneeAccountId: snapshot.assigneeId ?? null,
      offHours: kept.offHours,
      candidates: kept.ranked.map((r, index) => ({ rank: index + 1, ...r })),
      excluded: kept.excluded,
      // The lists keep the first few; these say how many there were.
      candidatesTotal: kept.rankedTotal,
      excludedTotal: kept.excludedTotal,
    });
  });

  router.post('/issues/:key/assign', async (req, res) => {
    const key = issueKeyOf(req.params.key);
    const body = parseWith(AssignBodySchema, req.body ?? {});
    if (!body.ok) throw validationError('invalid_assignment', 'The assignment', body.error);
    const claims = forgeClaims(res);
    const acting = await deps.trackers.actingFor(claims.installationId, claims.principal);
    if (!acting) throw new HttpError(503, 'jira_unavailable', 'No Jira connection is configured');
    // The rank recorded is the engineer's in a ranking made now, as the panel showed it on Refresh.
    const { ranking } = await rankNow(key, claims);
    const world = await deps.world.load();
    const requestId = req.get('idempotency-key') ?? randomUUID();
    const outcome = await assignForPerson(
      { ...deps, jira: acting.tracker },
      {
        issueKey: key,
        accountId: body.value.accountId,
        actor: claims.principal ?? 'forge-app',
        via: 'forge',
        settings: world.settings,
        engineers: world.engineers,
        suggestions: { ranking: keptRanking(ranking) },
        requestId,
      },
    );
    if (!outcome.ok)
      throw new HttpError(outcome.error.status, 'assignment_refused', outcome.error.reason.en, {
        reason: outcome.error.reason,
      });
    res.json({
      issueKey: key,
      accountId: body.value.accountId,
      suggestedRank: outcome.value.suggestedRank,
      actingAs: acting.actingAs,
    });
  });

  return router;
}
