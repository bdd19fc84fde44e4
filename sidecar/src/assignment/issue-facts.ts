// What assignment reads from an issue event, in tracker-neutral words: the facts themselves are
// typed in ports.ts and read by each tracker's issue source (`trackers/<name>/`); this module turns
// them into SLA facts and answers questions about an update's changes.
import { PRIORITIES } from '@frontline/shared';
import type { Priority, SlaEvent } from '@frontline/shared';
import type { IssueEvent, TicketChange } from '../ports.js';

export type { CustomerMarks, IssueEvent, IssueSnapshot, TicketChange } from '../ports.js';
/** A field's change in an update (the tracker-neutral {@link TicketChange}). */
export type ChangeItem = TicketChange;

/** A priority as the issue source gave it; anything else counts as medium. */
function sharedPriority(value: string): Priority {
  return (PRIORITIES as readonly string[]).includes(value) ? (value as Priority) : 'medium';
}

/** The change of one field in an update, if the changelog has it. */
export function changeOf(changes: readonly TicketChange[], field: string): TicketChange | undefined {
  const lower = field.toLowerCase();
  return changes.find((c) => c.field.toLowerCase() === lower || c.fieldId?.toLowerCase() === lower);
}

/** Why an event calls for a ranking, if it does. */
export type RankingTrigger = 'created' | 'routedIn' | 'assigneeRemoved';

/** The SLA facts an event adds to the issue's history (shared `SlaEvent`s). */
export function slaFactsOf(kind: 'created' | 'updated' | 'commented', event: IssueEvent): SlaEvent[] {
  const at = event.at.toISOString();
  const s = event.snapshot;
  if (kind === 'created') {
    return [
      {
        type: 'created',
        at: s.createdAt.toISOString(),
        priority: s.priority,
        ...(s.status ? { status: s.status } : {}),
        ...(s.requestType ? { requestType: s.requestType } : {}),
      },
    ];
  }
  if (kind === 'commented') {
    const c = event.comment;
    if (!c) return [];
    return [
      {
        type: 'comment',
        at: c.at.toISOString(),
        author: c.authorIsCustomer ? 'customer' : 'agent',
        public: c.public,
      },
    ];
  }
  const facts: SlaEvent[] = [];
  const status = changeOf(event.changes, 'status');
  if (status?.toString) {
    facts.push({ type: 'status', at, from: status.fromString ?? '', to: status.toString });
    if (s.resolved) facts.push({ type: 'resolved', at });
  }
  const resolution = changeOf(event.changes, 'resolution');
  if (resolution && !resolution.to && !resolution.toString && resolution.fromString)
    facts.push({ type: 'reopened', at, ...(s.status ? { status: s.status } : {}) });
  const priority = changeOf(event.changes, 'priority');
  if (priority?.toString)
    facts.push({
      type: 'priority',
      at,
      ...(priority.fromString ? { from: sharedPriority(priority.fromString) } : {}),
      to: sharedPriority(priority.toString),
    });
  return facts;
}
