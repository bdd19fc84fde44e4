// What the YouTrack app's issue widgets read and do, mounted at /youtrack. The app's backend handler
// calls these with the app's secret (see ./signature.ts); nothing here trusts a caller without it.
//   GET  /youtrack/api/issues/:id/temperature  score, band and each factor with its reason (en, ru)
//   GET  /youtrack/api/issues/:id/contracts    the customer's contracts and the verdict for this request
//   GET  /youtrack/api/issues/:id/suggestions  engineers ranked now (current loads, absences, the issue as
//                                              YouTrack has it) with reasons, who is excluded and why
//   POST /youtrack/api/issues/:id/assign       { accountId, actor, requestId } → assigned, and recorded
//                                              with the rank from a ranking made at that moment
//   GET  /youtrack/api/issues/:id/presets      the routing presets that apply to the issue (move or clone)
//   POST /youtrack/api/issues/:id/route        { presetId, actor } → moved to the preset's project, or a
//                                              linked copy made there (./clone.ts), the target team told
//                                              as after a Forge route
// The views are the Forge issue view's own (contract panel, temperature glance, the assignment plan's
// ranking, assignment for a person); only where the issue comes from differs: YouTrack, read as the
// sidecar.
import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import {
  checkApplies,
  loadRuleOf,
  parseWith,
  renderRoutingTemplate,
  trackerOfProject,
} from '@frontline/shared';
import type { Ranking, RoutingPreset } from '@frontline/shared';
import { assignForPerson } from '../../assignment/carry-out.js';
import { matchContract } from '../../assignment/contract-match.js';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import { planAssignment } from '../../assignment/plan.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { engineerLoads, keptRanking } from '../../assignment/repository.js';
import { noticeRoutedAfterwards } from '../../intake/handlers/issue-routed.js';
import type { Logger } from '../../logger.js';
import type { IssueSnapshot, IssueSource, SweptTicket, Tracker, WorldSource } from '../../ports.js';
import type { Db } from '../../store/db.js';
import { historyToReplay } from '../../temperature/reading.js';
import { storedHistories } from '../../temperature/store.js';
import { validationError } from '../admin/http-helpers.js';
import { HttpError } from '../errors.js';
import { contractPanel, glanceOf } from '../forge/issue-views/index.js';
import { decodeUtf8, jsonProblemToHttp, parseJsonText } from '../json-body.js';
import { isJsonContentType } from '../webhooks.js';
import { createYouTrackApprovalRoutes } from './approvals.js';
import type { Approvals } from '../../customer/approvals.js';
import { routeByClone } from './clone.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, checkSignedRequest } from './signature.js';

export interface YouTrackAppRouterDeps {
  db: Db;
  log: Logger;
  /** YOUTRACK_WEBHOOK_SECRETS: any of them verifies; none configured → every call is refused (503). */
  secrets: readonly string[];
  world: WorldSource<AssignmentWorld>;
  /** YouTrack as the sidecar's own account; undefined when no YouTrack is configured. */
  tracker: Tracker | undefined;
  /** How YouTrack's issues read as ticket facts (the YouTrack tracker's issue source). */
  issues: Pick<IssueSource, 'openTickets' | 'readTicket'>;
  assignment: Omit<AssignmentDeps, 'jira'>;
  /** Paid-work approvals for YouTrack issues (./approvals.ts); undefined while the customer side is off. */
  approvals?: Approvals | undefined;
  bodyLimit?: number;
  now?: () => Date;
}

/** HW-15, NET-7: a YouTrack project's short name, a dash, the number in the project. */
const ISSUE_ID = /^[A-Za-z][A-Za-z0-9_]{0,49}-[1-9][0-9]{0,9}$/;
/** Who clicked, as YouTrack names them (a login). */
const Actor = z.string().trim().min(1, 'Give the YouTrack login of the person acting').max(200);
const RequestId = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._:-]{8,100}$/,
    'requestId is 8–100 letters, digits, dots, colons, dashes or underscores',
  );
const AssignBodySchema = z.strictObject({
  accountId: z.string().trim().min(1, 'Give the engineer’s accountId').max(200),
  actor: Actor,
  requestId: RequestId,
});
const RouteBodySchema = z.strictObject({
  presetId: z.string().trim().min(1, 'Give the routing preset’s id').max(64),
  actor: Actor,
});

function issueIdOf(raw: string | string[] | undefined): string {
  const id = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  if (!ISSUE_ID.test(id))
    throw new HttpError(400, 'invalid_issue_id', `"${id}" is not a YouTrack issue id (like HW-15)`, [
      { path: 'id', message: 'an issue id like HW-15' },
    ]);
  return id.toUpperCase();
}

/**
 * The preset's comment, filled in with the variables the Forge route fills (key, summary, project,
 * targetProject, actor, customer, contractNumber, serviceManager); undefined when it has none or
 * uses a variable without a value here.
 */
function presetComment(
  template: string | undefined,
  vars: Record<string, string | undefined>,
): string | undefined {
  if (!template) return undefined;
  const rendered = renderRoutingTemplate(template, vars);
  return rendered.ok ? rendered.value : undefined;
}

/** Builds the /youtrack router. */
export function createYouTrackAppRouter(deps: YouTrackAppRouterDeps): Router {
  const now = deps.now ?? (() => new Date());
  const raw = express.raw({ type: () => true, limit: deps.bodyLimit ?? 64_000 });

  /** Verifies the signature on the raw bytes, then parses a JSON body under the shared rules. */
  const authenticate = (req: Request, _res: Response, next: NextFunction) => {
    if (deps.secrets.length === 0)
      throw new HttpError(
        503,
        'youtrack_app_not_configured',
        'YOUTRACK_WEBHOOK_SECRETS is not set: the YouTrack app cannot be verified',
      );
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const checked = checkSignedRequest({
      secrets: deps.secrets,
      method: req.method,
      path: req.originalUrl,
      timestamp: req.get(TIMESTAMP_HEADER),
      signature: req.get(SIGNATURE_HEADER),
      body,
      now: now(),
    });
    if (!checked.ok) {
      deps.log.warn({ path: req.path, reason: checked.code }, 'YouTrack app request refused');
      throw new HttpError(401, checked.code, checked.message);
    }
    req.body = undefined;
    if (body.length > 0) {
      const contentType = req.get('content-type');
      if (!isJsonContentType(contentType))
        throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
      const text = decodeUtf8(body, contentType);
      if (!text.ok) throw jsonProblemToHttp(text.error);
      const parsed = parseJsonText(text.value as string);
      if (!parsed.ok) throw jsonProblemToHttp(parsed.error);
      req.body = parsed.value;
    }
    next();
  };

  const youtrack = (): Tracker => {
    if (!deps.tracker)
      throw new HttpError(
        503,
        'youtrack_unavailable',
        'No YouTrack connection is configured (YOUTRACK_BASE_URL)',
      );
    return deps.tracker;
  };

  /** The issue as YouTrack has it now, read into the desk's words (people's logins by the settings). */
  async function readIssue(id: string): Promise<SweptTicket> {
    const { settings } = await deps.world.load();
    const got = await youtrack().getIssue(id, {
      fields: deps.issues.openTickets(undefined, settings).fields,
    });
    if (!got.ok) {
      if (got.error.status === 404) throw new HttpError(404, 'issue_not_found', `Issue ${id} was not found`);
      throw new HttpError(
        502,
        'youtrack_unavailable',
        `YouTrack answered ${got.error.status}: ${got.error.message}`,
      );
    }
    const ticket = deps.issues.readTicket(got.value, now(), settings);
    if (!ticket)
      throw new HttpError(502, 'youtrack_unreadable', `YouTrack's answer for ${id} is not an issue`);
    return ticket;
  }

  /**
   * The presets that apply to a ticket: a move, or a linked copy in a target project that lives in
   * YouTrack (a copy is made with YouTrack's fields; a Jira project's copy is made from Jira).
   */
  function applicablePresets(world: AssignmentWorld, ticket: SweptTicket): RoutingPreset[] {
    const source = {
      project: ticket.snapshot.project,
      issueType: ticket.snapshot.requestType ?? '',
      fields: { labels: ticket.snapshot.labels },
    };
    const trackers = world.settings.trackers;
    return world.settings.routingPresets.filter(
      (p) =>
        (p.method === 'move' || trackerOfProject(trackers, p.target.project) === 'youtrack') &&
        checkApplies(p, source).ok,
    );
  }

  const api = Router();

  api.get('/issues/:id/temperature', async (req, res) => {
    const ticket = await readIssue(issueIdOf(req.params.id));
    const at = now();
    const key = ticket.snapshot.key;
    const stored = (await storedHistories(deps.db, [key])).get(key);
    res.json(glanceOf(await deps.world.load(), ticket, stored, at));
  });

  api.get('/issues/:id/contracts', async (req, res) => {
    const ticket = await readIssue(issueIdOf(req.params.id));
    res.json(contractPanel(await deps.world.load(), ticket, now()));
  });

  /** Ranks the engineers for the issue at this moment, as the Forge panel does. */
  async function rankNow(id: string): Promise<{ snapshot: IssueSnapshot; ranking: Ranking; rankedAt: Date }> {
    const ticket = await readIssue(id);
    const world = await deps.world.load();
    const { snapshot } = ticket;
    const policy = world.settings.assignment.find((p) => p.project === snapshot.project);
    if (!policy)
      throw new HttpError(404, 'no_suggestions', `Project ${snapshot.project} has no assignment policy`);
    const rankedAt = now();
    const stored = (await storedHistories(deps.db, [snapshot.key])).get(snapshot.key);
    const loads = await engineerLoads(deps.db, loadRuleOf(policy, world.settings.temperature));
    const plan = planAssignment({
      world,
      snapshot,
      history: historyToReplay(stored, ticket.fieldHistory),
      loads,
      now: rankedAt,
    });
    if (!plan.ranking) throw new HttpError(404, 'no_suggestions', `No suggestions for ${id}`);
    return { snapshot, ranking: plan.ranking, rankedAt };
  }

  api.get('/issues/:id/suggestions', async (req, res) => {
    const id = issueIdOf(req.params.id);
    const { snapshot, ranking, rankedAt } = await rankNow(id);
    const kept = keptRanking(ranking);
    res.json({
      issueKey: snapshot.key,
      rankedAt: rankedAt.toISOString(),
      trigger: 'onDemand',
      assigneeAccountId: snapshot.assigneeId ?? null,
      offHours: kept.offHours,
      candidates: kept.ranked.map((r, index) => ({ rank: index + 1, ...r })),
      excluded: kept.excluded,
      candidatesTotal: kept.rankedTotal,
      excludedTotal: kept.excludedTotal,
    });
  });

  api.post('/issues/:id/assign', async (req, res) => {
    const id = issueIdOf(req.params.id);
    const body = parseWith(AssignBodySchema, req.body ?? {});
    if (!body.ok) throw validationError('invalid_assignment', 'The assignment', body.error);
    const tracker = youtrack();
    // The rank recorded is the engineer's in a ranking made now, as the panel showed it.
    const { ranking } = await rankNow(id);
    const world = await deps.world.load();
    const outcome = await assignForPerson(
      { ...deps.assignment, jira: tracker },
      {
        issueKey: id,
        accountId: body.value.accountId,
        actor: `youtrack:${body.value.actor}`,
        // A person's pick in the YouTrack issue view.
        via: 'youtrack',
        settings: world.settings,
        engineers: world.engineers,
        suggestions: { ranking: keptRanking(ranking) },
        requestId: `youtrack:${body.value.requestId}`,
      },
    );
    if (!outcome.ok)
      throw new HttpError(outcome.error.status, 'assignment_refused', outcome.error.reason.en, {
        reason: outcome.error.reason,
      });
    res.json({ issueKey: id, accountId: body.value.accountId, suggestedRank: outcome.value.suggestedRank });
  });

  api.get('/issues/:id/presets', async (req, res) => {
    const ticket = await readIssue(issueIdOf(req.params.id));
    const presets = applicablePresets(await deps.world.load(), ticket);
    res.json({
      issueKey: ticket.snapshot.key,
      presets: presets.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        targetProject: p.target.project,
        method: p.method,
      })),
    });
  });

  api.post('/issues/:id/route', async (req, res) => {
    const id = issueIdOf(req.params.id);
    const body = parseWith(RouteBodySchema, req.body ?? {});
    if (!body.ok) throw validationError('invalid_route', 'The route', body.error);
    const ticket = await readIssue(id);
    const world = await deps.world.load();
    const preset = applicablePresets(world, ticket).find((p) => p.id === body.value.presetId);
    if (!preset)
      throw new HttpError(
        404,
        'preset_not_found',
        `No routing preset "${body.value.presetId}" applies to ${id}`,
        [{ path: 'presetId', message: 'one of the presets listed for this issue' }],
      );
    const tracker = youtrack();
    const logins = Object.entries(world.settings.trackers.youtrack.logins);
    const actorAccountId = logins.find(([, login]) => login === body.value.actor)?.[0] ?? body.value.actor;
    if (preset.method === 'clone') {
      res.json(
        await routeByClone(
          { db: deps.db, log: deps.log, tracker, assignment: deps.assignment, now },
          { ticket, preset, world, actor: body.value.actor, actorAccountId },
        ),
      );
      return;
    }
    const issueType = preset.target.issueType;
    const moved = await tracker.moveIssues({
      targetProject: preset.target.project,
      targetIssueTypeId: 'id' in issueType ? issueType.id : issueType.name,
      issueIdsOrKeys: [id],
    });
    if (!moved.ok) {
      const f = moved.error;
      throw new HttpError(
        f.kind === 'retryable' ? 503 : 502,
        'route_failed',
        `YouTrack refused the move: ${f.message}`,
      );
    }
    if (moved.value.status !== 'COMPLETE' || moved.value.moved.length === 0) {
      const why = Object.values(moved.value.failed).flat().join('; ') || moved.value.status;
      throw new HttpError(409, 'route_failed', `${id} was not moved: ${why}`);
    }
    // The issue stays one issue: both of the preset's notes go on it, as internal comments, by its
    // tracker id (the readable id changed with the project).
    const match = matchContract(world.contracts, ticket.snapshot.customer, ticket.snapshot.createdAt);
    const vars = {
      key: id,
      summary: ticket.snapshot.summary,
      project: ticket.snapshot.project,
      targetProject: preset.target.project,
      actor: body.value.actor,
      customer: match?.contract.customer.name,
      contractNumber: match?.contract.number,
      serviceManager: match?.contract.serviceManager.name,
    };
    for (const template of [preset.comments.source, preset.comments.target]) {
      const comment = presetComment(template, vars);
      if (!comment) continue;
      const posted = await tracker.addComment(ticket.id, comment, { internal: true });
      if (!posted.ok)
        deps.log.warn({ issueKey: id, status: posted.error.status }, 'routing comment not posted');
    }
    // The target team hears of it as after a Forge route, under the issue's id in its new project.
    const after = await tracker.getIssue(ticket.id);
    const targetKey =
      after.ok && after.value.key && ISSUE_ID.test(after.value.key) ? after.value.key.toUpperCase() : id;
    // The move stands whatever happens to the notice; the answer says none was queued.
    const notices =
      (await noticeRoutedAfterwards(
        deps.db,
        deps.assignment,
        {
          presetId: preset.id,
          channel: preset.notifyChannel ?? null,
          sourceKey: id,
          targetKey,
          targetProject: preset.target.project,
          method: 'move',
          summary: ticket.snapshot.summary,
          actorAccountId,
          routedAt: now().toISOString(),
        },
        { world, log: deps.log },
      )) ?? 0;
    deps.log.info(
      { issueKey: id, targetKey, preset: preset.id, target: preset.target.project, actor: body.value.actor },
      `${id} routed to ${preset.target.project} from YouTrack as ${targetKey}`,
    );
    res.json({
      issueKey: id,
      targetKey,
      presetId: preset.id,
      targetProject: preset.target.project,
      moved: true,
      notices,
    });
  });

  api.use(createYouTrackApprovalRoutes({ ...deps, now }));
  const router = Router();
  router.use('/api', raw, authenticate, api);
  return router;
}
