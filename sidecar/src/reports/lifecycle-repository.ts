// The repository of the service report's facts (migration 400): `report_tickets`, one row per ticket
// lifecycle, and `report_parts_orders` with their lines. Tracking an event calls
// `recordTicketLifecycle` in the processing transaction, right after the ticket's one evaluation, so
// the row is written exactly once per event and always agrees with the clocks the desk saw. The
// backfill writes through `upsertTicketLifecycle` / `upsertPartsOrder` too, never over a row that
// events wrote. The start of work and a parts delivery are measured against the targets of the
// ticket's contract as stored (`contractServiceTargets`), the desk's defaults where it names none.
import { minutesBetween, partsDelivery, partsFieldOf, partsOf, ticketLifecycle } from '@frontline/shared';
import type {
  CalendarLike,
  PartLine,
  SettingsDocument,
  SlaClock,
  SlaEvent,
  TicketLifecycle,
} from '@frontline/shared';
import { contractServiceTargets } from '../contracts/repository.js';
import type { Queryable } from '../store/db.js';

/** Where the report finds the parts of an order among an issue's fields (ids or, with Jira's `names`, names). */
export interface ReportFieldOptions {
  /** Fields that name the parts of an order (a catalog multi-select or a "Parts to replace" text). */
  partsFields: readonly string[];
}

/** Projects whose tickets are parts orders: the targets of the routing presets with a parts picker. */
export function partsProjects(settings: Pick<SettingsDocument, 'routingPresets'>): Set<string> {
  return new Set(settings.routingPresets.filter((p) => p.partsPicker).map((p) => p.target.project));
}

/** The parts fields: the site's parts field (or a picker's own, in older settings), then each picker's source field. */
export function reportFieldsOf(
  settings: Pick<SettingsDocument, 'routingPresets' | 'jiraFields'>,
): ReportFieldOptions {
  const fields = settings.routingPresets.flatMap((p) => {
    if (!p.partsPicker) return [];
    const catalog = partsFieldOf(p.partsPicker, settings.jiraFields);
    const source = p.partsPicker.suggestFromSourceField;
    return [...(catalog ? [catalog] : []), ...(source ? [source] : [])];
  });
  return { partsFields: [...new Set(fields)] };
}

/** What the report reads of an issue's raw fields beyond the snapshot: status category, links, parts. */
export interface RawIssueFacts {
  statusCategory: string | null;
  linkedKeys: string[];
  parts: PartLine[];
}

function issueOf(payload: unknown): Record<string, unknown> | undefined {
  const p = payload as { issue?: unknown; event?: { issue?: unknown } } | null;
  const issue = p?.issue ?? p?.event?.issue;
  return issue && typeof issue === 'object' ? (issue as Record<string, unknown>) : undefined;
}

/**
 * Reads the status category, the linked issue keys and the parts from an issue object (a webhook's
 * or a Forge event's `issue`, or a search result). Loose on purpose: anything unreadable is absent.
 */
export function rawIssueFacts(issue: unknown, fields: ReportFieldOptions): RawIssueFacts {
  const f = ((issue as { fields?: unknown } | null)?.fields ?? {}) as Record<string, unknown>;
  const status = f.status as { statusCategory?: { key?: unknown } } | null | undefined;
  const key = status?.statusCategory?.key;
  const links = Array.isArray(f.issuelinks) ? f.issuelinks : [];
  const linkedKeys = links.flatMap((l) => {
    const link = l as { inwardIssue?: { key?: unknown }; outwardIssue?: { key?: unknown } } | null;
    const k = link?.inwardIssue?.key ?? link?.outwardIssue?.key;
    return typeof k === 'string' ? [k] : [];
  });
  // A search result may carry `names` (field id → name), so a field named in the settings is found.
  const names = ((issue as { names?: unknown } | null)?.names ?? {}) as Record<string, unknown>;
  const byName = new Map(Object.entries(names).map(([id, name]) => [String(name).toLowerCase(), id]));
  let parts: PartLine[] = [];
  for (const field of fields.partsFields) {
    parts = partsOf(f[field] ?? f[byName.get(field.toLowerCase()) ?? '']);
    if (parts.length) break;
  }
  return { statusCategory: typeof key === 'string' ? key : null, linkedKeys, parts };
}

/** The raw facts of a stored intake event's issue. */
export async function eventIssueFacts(
  q: Queryable,
  eventId: string,
  fields: ReportFieldOptions,
): Promise<RawIssueFacts> {
  const { rows } = await q.query<{ payload: unknown }>('SELECT payload FROM intake_events WHERE id = $1', [
    eventId,
  ]);
  return rawIssueFacts(issueOf(rows[0]?.payload), fields);
}

/** A ticket as tracking hands it to the report. */
export interface TrackedTicketFacts {
  key: string;
  project: string;
  routedTeam: string | null;
  customerId: string | null;
  customerName: string | null;
  contractId: string | null;
  assigneeId: string | null;
  priority: TicketLifecycle['priority'];
  requestType: string | null;
  createdAt: Date;
  resolved: boolean;
}

export interface RecordLifecycleInput {
  eventId: string;
  issue: TrackedTicketFacts;
  history: readonly SlaEvent[];
  clocks: readonly SlaClock[];
  /** The calendar of the ticket's contract, if it has one. */
  calendar: CalendarLike | undefined;
  settings: Pick<SettingsDocument, 'routingPresets' | 'jiraFields'>;
  /** The status category the event's snapshot names, in our words (the tracker port reads it). */
  statusCategory: 'todo' | 'inProgress' | 'done' | null;
  /** The issues the event's snapshot links to. */
  linkedKeys: readonly string[];
  /** When the event happened (the tracker's time). */
  at: Date;
  now: Date;
}

interface PreviousInstants {
  first_assigned_at: Date | string | null;
  work_started_at: Date | string | null;
}

const dateOrNull = (v: Date | string | null | undefined): Date | null => (v ? new Date(v) : null);

/** Records what one processed event tells about the ticket (see the file comment). */
export async function recordTicketLifecycle(tx: Queryable, input: RecordLifecycleInput): Promise<void> {
  const { issue } = input;
  if (partsProjects(input.settings).has(issue.project)) {
    // The parts fields are named in the settings' routing presets, so they are read from the stored event.
    const raw = await eventIssueFacts(tx, input.eventId, reportFieldsOf(input.settings));
    await recordPartsOrder(tx, input, raw.parts);
    return;
  }
  const { rows } = await tx.query<PreviousInstants>(
    'SELECT first_assigned_at, work_started_at FROM report_tickets WHERE issue_key = $1',
    [issue.key],
  );
  const prev = rows[0];
  const firstAssignedAt = dateOrNull(prev?.first_assigned_at) ?? (issue.assigneeId ? input.at : null);
  const workStartedAt =
    dateOrNull(prev?.work_started_at) ?? (input.statusCategory === 'inProgress' ? input.at : null);
  const targets = issue.contractId ? await contractServiceTargets(tx, issue.contractId) : undefined;
  const lifecycle = ticketLifecycle({
    issueKey: issue.key,
    project: issue.project,
    team: issue.routedTeam ?? issue.project,
    customerId: issue.customerId,
    customerName: issue.customerName,
    contractId: issue.contractId,
    engineerId: issue.assigneeId,
    priority: issue.priority,
    requestType: issue.requestType,
    createdAt: issue.createdAt,
    history: input.history,
    resolved: issue.resolved,
    firstAssignedAt,
    workStartedAt,
    clocks: input.clocks,
    calendar: input.calendar,
    targets,
  });
  await upsertTicketLifecycle(tx, lifecycle, 'event', input.now);
}

const LIFECYCLE_COLUMNS = [
  'issue_key',
  'project',
  'team',
  'customer_id',
  'customer_name',
  'contract_id',
  'engineer_id',
  'priority',
  'request_type',
  'created_at',
  'first_response_at',
  'first_assigned_at',
  'work_started_at',
  'resolved_at',
  'reopened_count',
  'first_response_min',
  'assign_min',
  'work_start_min',
  'work_start_target_min',
  'resolution_min',
  'business_time',
  'sla_first_response',
  'sla_first_response_target',
  'sla_first_response_elapsed',
  'sla_update',
  'sla_update_target',
  'sla_update_elapsed',
  'sla_resolution',
  'sla_resolution_target',
  'sla_resolution_elapsed',
  'source',
  'updated_at',
] as const;

/** A lifecycle as the row's values, in `LIFECYCLE_COLUMNS` order. */
export function lifecycleValues(l: TicketLifecycle, source: 'event' | 'backfill', now: Date): unknown[] {
  const clock = (name: 'firstResponse' | 'update' | 'resolution') => {
    const c = l.sla[name];
    return [c?.outcome ?? null, c?.targetMinutes ?? null, c?.elapsedMinutes ?? null];
  };
  return [
    l.issueKey,
    l.project,
    l.team,
    l.customerId,
    l.customerName,
    l.contractId,
    l.engineerId,
    l.priority,
    l.requestType,
    l.createdAt,
    l.firstResponseAt,
    l.firstAssignedAt,
    l.workStartedAt,
    l.resolvedAt,
    l.reopenedCount,
    l.firstResponseMinutes,
    l.assignMinutes,
    l.workStartMinutes,
    l.workStartTargetMinutes,
    l.resolutionMinutes,
    l.businessTime,
    ...clock('firstResponse'),
    ...clock('update'),
    ...clock('resolution'),
    source,
    now,
  ];
}

/**
 * Writes a lifecycle row. Events always win; a backfilled row only fills a ticket no event has
 * written (the backfill reads Jira's history, events saw the ticket live).
 */
export async function upsertTicketLifecycle(
  q: Queryable,
  l: TicketLifecycle,
  source: 'event' | 'backfill',
  now: Date,
): Promise<void> {
  const placeholders = LIFECYCLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  const updates = LIFECYCLE_COLUMNS.filter((c) => c !== 'issue_key')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await q.query(
    `INSERT INTO report_tickets AS r (${LIFECYCLE_COLUMNS.join(', ')}) VALUES (${placeholders})
     ON CONFLICT (issue_key) DO UPDATE SET ${updates}
     WHERE EXCLUDED.source = 'event' OR r.source = 'backfill'`,
    lifecycleValues(l, source, now),
  );
}

export interface PartsOrderRow {
  orderKey: string;
  project: string;
  ticketKey: string | null;
  customerId: string | null;
  customerName: string | null;
  contractId: string | null;
  orderedAt: Date;
  deliveredAt: Date | null;
  parts: PartLine[];
}

/**
 * Writes a parts order and its lines; due date and on-time in the contract's calendar, against the
 * delivery target of the order's contract as stored (the default where it names none).
 */
export async function upsertPartsOrder(
  q: Queryable,
  order: PartsOrderRow,
  calendar: CalendarLike | undefined,
  now: Date,
): Promise<void> {
  const targets = order.contractId ? await contractServiceTargets(q, order.contractId) : undefined;
  const { dueAt: due, onTime } = partsDelivery(calendar, order.orderedAt, order.deliveredAt, targets);
  await q.query(
    `INSERT INTO report_parts_orders AS o (order_key, project, ticket_key, customer_id, customer_name, contract_id,
        ordered_at, delivered_at, due_at, delivery_min, on_time, parts, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (order_key) DO UPDATE SET project = EXCLUDED.project,
        ticket_key = COALESCE(EXCLUDED.ticket_key, o.ticket_key),
        customer_id = COALESCE(EXCLUDED.customer_id, o.customer_id),
        customer_name = COALESCE(EXCLUDED.customer_name, o.customer_name),
        contract_id = COALESCE(EXCLUDED.contract_id, o.contract_id),
        ordered_at = EXCLUDED.ordered_at, delivered_at = EXCLUDED.delivered_at, due_at = EXCLUDED.due_at,
        delivery_min = EXCLUDED.delivery_min, on_time = EXCLUDED.on_time,
        parts = CASE WHEN EXCLUDED.parts = '[]'::jsonb THEN o.parts ELSE EXCLUDED.parts END,
        updated_at = EXCLUDED.updated_at`,
    [
      order.orderKey,
      order.project,
      order.ticketKey,
      order.customerId,
      order.customerName,
      order.contractId,
      order.orderedAt,
      order.deliveredAt,
      due,
      minutesBetween(calendar, order.orderedAt, order.deliveredAt),
      onTime,
      JSON.stringify(order.parts),
      now,
    ],
  );
  if (order.parts.length === 0) return;
  await q.query('DELETE FROM report_parts_lines WHERE order_key = $1', [order.orderKey]);
  await q.query(
    `INSERT INTO report_parts_lines (order_key, part, quantity)
     SELECT $1, part, quantity FROM unnest($2::text[], $3::int[]) AS v(part, quantity)`,
    [order.orderKey, order.parts.map((p) => p.part), order.parts.map((p) => p.quantity)],
  );
}

async function recordPartsOrder(
  tx: Queryable,
  input: RecordLifecycleInput,
  orderedParts: PartLine[],
): Promise<void> {
  const { issue } = input;
  // The customer comes from the ticket the order was raised for, when we know it.
  let ticketKey: string | null = null;
  let customer = { id: issue.customerId, name: issue.customerName, contract: issue.contractId };
  const parts = partsProjects(input.settings);
  for (const linked of input.linkedKeys) {
    if (parts.has(linked.split('-')[0]!)) continue;
    ticketKey = linked;
    const { rows } = await tx.query<{
      customer_id: string | null;
      customer_name: string | null;
      contract_id: string | null;
    }>('SELECT customer_id, customer_name, contract_id FROM report_tickets WHERE issue_key = $1', [linked]);
    const row = rows[0];
    if (row?.customer_id)
      customer = { id: row.customer_id, name: row.customer_name, contract: row.contract_id };
    break;
  }
  const resolvedAt = [...input.history].reverse().find((e) => e.type === 'resolved' || e.type === 'reopened');
  const deliveredAt =
    issue.resolved && resolvedAt?.type === 'resolved'
      ? new Date(resolvedAt.at)
      : issue.resolved || input.statusCategory === 'done'
        ? input.at
        : null;
  await upsertPartsOrder(
    tx,
    {
      orderKey: issue.key,
      project: issue.project,
      ticketKey,
      customerId: customer.id,
      customerName: customer.name,
      contractId: customer.contract,
      orderedAt: issue.createdAt,
      deliveredAt,
      parts: orderedParts,
    },
    input.calendar,
    input.now,
  );
}
