// A route by clone from the YouTrack app, as the Forge Route action clones in Jira: the issue is
// created in the preset's project with every field the preset fills (its values, the summary and
// description carried, the customer's contract), linked to the source, commented on both sides, the
// source settled when the preset says so, and the target team told through the outbox. Only the
// create can fail the route; a later step that fails becomes a warning, since the team already has
// its issue.
//
// One click, one issue: the (source, preset) row in youtrack_route_clones is claimed before the
// create. A repeat click gets the finished answer, or 409 while the first runs. A create whose
// outcome is unknown (the answer was lost) is never sent again blindly: the row keeps when it was
// tried, and the next click first looks in the target project for the issue that create made.
import { renderRoutingTemplate, sameField } from '@frontline/shared';
import type { RoutingPreset } from '@frontline/shared';
import type { AssignmentDeps } from '../../assignment/carry-out.js';
import { matchContract } from '../../assignment/contract-match.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import { noticeRoutedAfterwards } from '../../intake/handlers/issue-routed.js';
import type { Logger } from '../../logger.js';
import { issueLinkOf } from '../../notify/issue-links.js';
import type { Queryable, SweptTicket, Tracker, TrackerFailure } from '../../ports.js';
import type { Db } from '../../store/db.js';
import { HttpError } from '../errors.js';

/** A claimed route older than this is taken to have died with its process (its create unknown). */
const STALE_CLAIM_MS = 2 * 60_000;
/** How far before the recorded attempt a created issue may be stamped (clocks of two machines). */
const CLOCK_SLACK_MS = 60_000;

export interface CloneDeps {
  db: Db;
  log: Logger;
  tracker: Tracker;
  assignment: Omit<AssignmentDeps, 'jira'>;
  now: () => Date;
}

export interface CloneRequest {
  ticket: SweptTicket;
  preset: RoutingPreset;
  world: AssignmentWorld;
  /** The YouTrack login of who clicked. */
  actor: string;
  actorAccountId: string;
}

/** What the widget is told after a clone. */
export interface CloneAnswer {
  issueKey: string;
  targetKey: string;
  targetUrl: string;
  presetId: string;
  targetProject: string;
  method: 'clone';
  moved: false;
  notices: number;
  /** Steps after the create that did not go through: `{code, key?, reason?}`. */
  warnings: { code: string; key?: string; reason?: string }[];
  /** True when this click found the route already made and made nothing. */
  repeated?: boolean;
}

interface CloneRow {
  state: 'creating' | 'unknown' | 'created' | 'done';
  summary: string;
  attempt_started_at: Date | string;
  target_id: string | null;
  target_key: string | null;
  answer: CloneAnswer | null;
  updated_at: Date | string;
}

// ——— the route record (the one writer of youtrack_route_clones) ———

async function readRow(db: Queryable, sourceId: string, presetId: string): Promise<CloneRow | undefined> {
  const { rows } = await db.query<CloneRow>(
    `SELECT state, summary, attempt_started_at, target_id, target_key, answer, updated_at
       FROM youtrack_route_clones WHERE source_id = $1 AND preset_id = $2`,
    [sourceId, presetId],
  );
  return rows[0];
}

/** Claims a fresh route; false when a row is already there. */
async function claimFresh(
  db: Queryable,
  row: { sourceId: string; presetId: string; sourceKey: string; summary: string; at: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO youtrack_route_clones
       (source_id, preset_id, source_key, state, summary, attempt_started_at, updated_at)
     VALUES ($1, $2, $3, 'creating', $4, $5, $5)
     ON CONFLICT (source_id, preset_id) DO NOTHING`,
    [row.sourceId, row.presetId, row.sourceKey, row.summary, row.at],
  );
  return rowCount === 1;
}

/** Takes over a route whose create is unknown (or whose claim went stale); false when another click did. */
async function claimUnknown(
  db: Queryable,
  sourceId: string,
  presetId: string,
  at: Date,
  seen: CloneRow,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE youtrack_route_clones SET state = 'creating', updated_at = $3
      WHERE source_id = $1 AND preset_id = $2 AND state = $4 AND updated_at = $5`,
    [sourceId, presetId, at, seen.state, seen.updated_at],
  );
  return rowCount === 1;
}

async function setState(
  db: Queryable,
  sourceId: string,
  presetId: string,
  state: CloneRow['state'],
  at: Date,
  extra: { targetId?: string; targetKey?: string; answer?: CloneAnswer } = {},
): Promise<void> {
  await db.query(
    `UPDATE youtrack_route_clones
        SET state = $3, updated_at = $4,
            target_id = COALESCE($5, target_id), target_key = COALESCE($6, target_key),
            answer = COALESCE($7::jsonb, answer)
      WHERE source_id = $1 AND preset_id = $2`,
    [
      sourceId,
      presetId,
      state,
      at,
      extra.targetId ?? null,
      extra.targetKey ?? null,
      extra.answer ? JSON.stringify(extra.answer) : null,
    ],
  );
}

async function release(db: Queryable, sourceId: string, presetId: string): Promise<void> {
  await db.query(`DELETE FROM youtrack_route_clones WHERE source_id = $1 AND preset_id = $2`, [
    sourceId,
    presetId,
  ]);
}

// ——— what the new issue gets ———

/** The source issue's own values: summary, description and each custom field by name. */
interface SourceValues {
  summary: string;
  description: string;
  fields: Record<string, unknown>;
}

async function readSource(tracker: Tracker, ticket: SweptTicket): Promise<SourceValues> {
  const got = await tracker.getIssue(ticket.id, {
    fields: ['summary', 'description', 'customFields(name,value(name,login,text,presentation))'],
  });
  if (!got.ok)
    throw new HttpError(
      502,
      'youtrack_unavailable',
      `YouTrack answered ${got.error.status}: ${got.error.message}`,
    );
  const f = got.value.fields ?? {};
  const fields: Record<string, unknown> = {};
  for (const c of Array.isArray(f.customFields)
    ? (f.customFields as { name?: unknown; value?: unknown }[])
    : [])
    if (typeof c.name === 'string') fields[c.name] = c.value ?? null;
  return {
    summary: typeof f.summary === 'string' ? f.summary : ticket.snapshot.summary,
    description: typeof f.description === 'string' ? f.description : '',
    fields,
  };
}

const byName = (values: Record<string, unknown>, name: string) =>
  Object.entries(values).find(([n]) => sameField(n, name))?.[1];

const blank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** The new issue: summary, description and custom field values by name; or the field that cannot be filled. */
function plannedIssue(
  preset: RoutingPreset,
  source: SourceValues,
  vars: Record<string, string | undefined>,
  contract: ReturnType<typeof matchContract>,
): { summary: string; description: string; values: Record<string, unknown> } {
  const refuse = (field: string, why: string): never => {
    throw new HttpError(
      422,
      'clone_refused',
      `Nothing was created in ${preset.target.project}: ${field}: ${why}`,
      [{ path: field, message: why }],
    );
  };
  const carried = (name: string) => preset.carry.some((c) => sameField(c, name));
  let summary = carried('summary') ? source.summary : '';
  let description = carried('description') ? source.description : '';
  const values: Record<string, unknown> = {};
  for (const name of preset.carry)
    if (!['summary', 'description'].includes(name.toLowerCase())) {
      const v = byName(source.fields, name);
      if (!blank(v)) values[name] = v;
    }
  // YouTrack's issue type is its Type field.
  const type = preset.target.issueType;
  values.Type = 'name' in type ? type.name : type.id;
  for (const rule of preset.fields) {
    const from = rule.from;
    let value: unknown;
    if ('sourceField' in from)
      value = sameField(from.sourceField, 'summary')
        ? source.summary
        : sameField(from.sourceField, 'description')
          ? source.description
          : byName(source.fields, from.sourceField);
    else if ('contract' in from) {
      const c = contract?.contract;
      value =
        from.contract === 'customer'
          ? c?.customer.name
          : from.contract === 'contractNumber'
            ? c?.number
            : from.contract === 'serviceManager'
              ? c && { accountId: c.serviceManager.accountId }
              : c?.masterSystem.contractUrl;
    } else if ('template' in from) {
      const text = renderRoutingTemplate(from.template, vars);
      if (!text.ok)
        refuse(
          rule.targetField,
          `the preset's template cannot be filled (${[...text.error.unknown, ...text.error.missing].join(', ')})`,
        );
      else value = text.value;
    } else value = from.value;
    if (blank(value)) {
      if (rule.required)
        refuse(rule.targetField, 'the preset requires it, and nothing fills it on this issue');
      continue;
    }
    if (sameField(rule.targetField, 'summary')) summary = String(value);
    else if (sameField(rule.targetField, 'description')) description = String(value);
    else values[rule.targetField] = value;
  }
  if (!summary.trim()) refuse('summary', 'the new issue needs a summary');
  return { summary, description, values };
}

// ——— the click ———

/** Carries out one clone click (see the file's head). */
export async function routeByClone(deps: CloneDeps, req: CloneRequest): Promise<CloneAnswer> {
  const { ticket, preset, world } = req;
  const sourceKey = ticket.snapshot.key;
  const sourceId = ticket.id;
  const contract = matchContract(world.contracts, ticket.snapshot.customer, ticket.snapshot.createdAt);
  const source = await readSource(deps.tracker, ticket);
  const vars: Record<string, string | undefined> = {
    key: sourceKey,
    summary: source.summary,
    project: ticket.snapshot.project,
    issueType: ticket.snapshot.requestType,
    targetProject: preset.target.project,
    targetIssueType: 'name' in preset.target.issueType ? preset.target.issueType.name : undefined,
    actor: req.actor,
    customer: contract?.contract.customer.name,
    contractNumber: contract?.contract.number,
    serviceManager: contract?.contract.serviceManager.name,
  };
  const planned = plannedIssue(preset, source, vars, contract);

  // One click at a time, and one issue per (source, preset).
  const startedAt = deps.now();
  let adopt: { id: string; key: string } | undefined;
  if (
    !(await claimFresh(deps.db, {
      sourceId,
      presetId: preset.id,
      sourceKey,
      summary: planned.summary,
      at: startedAt,
    }))
  ) {
    const row = await readRow(deps.db, sourceId, preset.id);
    if (row?.state === 'done' && row.answer) return { ...row.answer, repeated: true };
    const stale =
      row?.state !== 'unknown' &&
      row &&
      startedAt.getTime() - new Date(row.updated_at).getTime() > STALE_CLAIM_MS;
    if (
      !row ||
      (row.state !== 'unknown' && !stale) ||
      !(await claimUnknown(deps.db, sourceId, preset.id, startedAt, row))
    )
      throw new HttpError(
        409,
        'route_in_progress',
        `${sourceKey} is already being routed to ${preset.target.project}; wait for that to finish`,
      );
    // The last try's create may have made the issue: find it before making one.
    adopt =
      row.target_id && row.target_key
        ? { id: row.target_id, key: row.target_key }
        : await findCreated(
            deps.tracker,
            preset.target.project,
            row.summary,
            new Date(row.attempt_started_at),
          );
    if (!adopt)
      await deps.db.query(
        `UPDATE youtrack_route_clones SET attempt_started_at = $3, summary = $4 WHERE source_id = $1 AND preset_id = $2`,
        [sourceId, preset.id, startedAt, planned.summary],
      );
  }

  let target = adopt;
  if (!target) {
    const created = await deps.tracker.createIssue({
      fields: {
        project: { key: preset.target.project },
        summary: planned.summary,
        ...(planned.description ? { description: planned.description } : {}),
        customFieldValues: planned.values,
        sourceValues: source.fields,
      },
    });
    if (!created.ok) throw await createFailed(deps, sourceId, preset, created.error);
    target = { id: created.value.id, key: created.value.key };
    await setState(deps.db, sourceId, preset.id, 'created', deps.now(), {
      targetId: target.id,
      targetKey: target.key,
    });
  }

  const warnings: CloneAnswer['warnings'] = [];
  const linked = await deps.tracker.linkIssues({
    type: preset.linkType,
    inwardIssue: target.key,
    outwardIssue: sourceKey,
  });
  if (!linked.ok) warnings.push({ code: 'notLinked', key: target.key, reason: linked.error.message });
  const comments: [string, string | undefined][] = [
    [sourceKey, preset.comments.source],
    [target.key, preset.comments.target],
  ];
  for (const [key, template] of comments) {
    if (!template) continue;
    const text = renderRoutingTemplate(template, { ...vars, targetKey: target.key });
    if (!text.ok) {
      warnings.push({
        code: 'commentNotFilled',
        key,
        reason: [...text.error.unknown, ...text.error.missing].join(', '),
      });
      continue;
    }
    const posted = await deps.tracker.addComment(key, text.value, { internal: true });
    if (!posted.ok) warnings.push({ code: 'commentNotPosted', key, reason: posted.error.message });
  }
  if (preset.transitionSourceTo || preset.resolveSource)
    await settleSource(deps.tracker, sourceKey, preset, warnings);

  const queued = await noticeRoutedAfterwards(
    deps.db,
    deps.assignment,
    {
      presetId: preset.id,
      channel: preset.notifyChannel ?? null,
      sourceKey,
      targetKey: target.key,
      targetProject: preset.target.project,
      method: 'clone',
      summary: planned.summary,
      actorAccountId: req.actorAccountId,
      routedAt: deps.now().toISOString(),
    },
    { world, log: deps.log },
  );
  if (queued === undefined) warnings.push({ code: 'teamNotNotified', key: target.key });
  const answer: CloneAnswer = {
    issueKey: sourceKey,
    targetKey: target.key,
    targetUrl: issueLinkOf(deps.assignment, target.key, world.settings.trackers),
    presetId: preset.id,
    targetProject: preset.target.project,
    method: 'clone',
    moved: false,
    notices: queued ?? 0,
    warnings,
  };
  await setState(deps.db, sourceId, preset.id, 'done', deps.now(), { answer });
  deps.log.info(
    {
      issueKey: sourceKey,
      targetKey: target.key,
      preset: preset.id,
      actor: req.actor,
      adopted: adopt !== undefined,
    },
    `${sourceKey} copied to ${preset.target.project} from YouTrack as ${target.key}`,
  );
  return answer;
}

/**
 * The issue an earlier create made, if it did: in the target project, created since that attempt
 * (less the clock slack), with the summary it was given. The newest few are enough to look at.
 */
async function findCreated(
  tracker: Tracker,
  project: string,
  summary: string,
  since: Date,
): Promise<{ id: string; key: string } | undefined> {
  let seen = 0;
  for await (const issue of tracker.search(`project: {${project}} sort by: created desc`, {
    fields: ['id', 'idReadable', 'summary', 'created'],
    pageSize: 20,
  })) {
    const f = issue.fields ?? {};
    if (typeof f.created === 'number' && f.created < since.getTime() - CLOCK_SLACK_MS) break;
    if (f.summary === summary && issue.key) return { id: issue.id, key: issue.key };
    if (++seen >= 20) break;
  }
  return undefined;
}

/** The refused or lost create, as the widget is told; the route record kept only when the outcome is unknown. */
async function createFailed(
  deps: CloneDeps,
  sourceId: string,
  preset: RoutingPreset,
  f: TrackerFailure,
): Promise<HttpError> {
  const project = preset.target.project;
  if (f.outcomeUnknown) {
    await setState(deps.db, sourceId, preset.id, 'unknown', deps.now());
    return new HttpError(
      502,
      'route_outcome_unknown',
      `YouTrack did not say whether it created the ${project} issue; click again: Frontline looks for it before creating one`,
    );
  }
  await release(deps.db, sourceId, preset.id);
  const named = Object.entries(f.errors);
  if (named.length)
    return new HttpError(
      422,
      'clone_refused',
      `YouTrack refused to create the ${project} issue: ${named.map(([field, why]) => `${field}: ${why}`).join('; ')}`,
      named.map(([field, why]) => ({ path: field, message: why })),
    );
  return new HttpError(
    f.kind === 'retryable' ? 503 : 502,
    'clone_refused',
    `YouTrack refused to create the ${project} issue: ${f.message}`,
  );
}

/** Moves the source to the preset's state, or (resolve) to the first resolved state its project has. */
async function settleSource(
  tracker: Tracker,
  key: string,
  preset: RoutingPreset,
  warnings: CloneAnswer['warnings'],
): Promise<void> {
  let state = preset.transitionSourceTo;
  if (!state) {
    const offered = await tracker.getTransitions(key);
    if (!offered.ok) {
      warnings.push({ code: 'notMovedOn', key, reason: offered.error.message });
      return;
    }
    state = offered.value.find((t) => t.to.statusCategory?.key === 'done')?.id;
    if (!state) {
      warnings.push({ code: 'noDoneTransition', key });
      return;
    }
  }
  const done = await tracker.transitionIssue(key, state);
  if (!done.ok) warnings.push({ code: 'notTransitioned', key, reason: done.error.message });
}
