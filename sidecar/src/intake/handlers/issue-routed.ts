// An issue was routed (the Route action in Jira posts `frontline:issue-routed` after moving or
// cloning it; the YouTrack app's route calls the same notice once the issue is moved): tell the target team through the outbox, in the processing transaction, and mark the
// tracked target issue as routed there. The notice shares its key with the schedules' routed-to-team
// reminder, so a hand-off is announced once whichever of the two gets there first.
import { z } from 'zod';
import { ProjectKeySchema } from '@frontline/shared';
import { issueLinkOf } from '../../notify/issue-links.js';
import type { IssueLinkDeps } from '../../notify/issue-links.js';
import { enqueueNotice, teamLanguage } from '../../assignment/notices.js';
import { markRouted } from '../../assignment/tracked-issues.js';
import { routedNoticeKey } from '../../schedules/reminders.js';
import { renderRoutedNotice } from '../../schedules/wording.js';
import type { AssignmentWorld } from '../../assignment/plan.js';
import type { Notifier, Queryable } from '../../ports.js';
import type { Db } from '../../store/db.js';
import type { IntakeHandler, IntakeLog } from './types.js';

const IssueKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]*$/, 'an issue key like HW-7');

/** What the Route action reports (forge-app `RoutedEvent`); extra fields are tolerated. */
export const RoutedEventSchema = z.looseObject({
  presetId: z.string().min(1),
  channel: z.string().nullable(),
  sourceKey: IssueKey,
  targetKey: IssueKey,
  targetProject: ProjectKeySchema,
  method: z.enum(['move', 'clone']),
  summary: z.string(),
  actorAccountId: z.string().min(1),
  routedAt: z.iso.datetime({ offset: true }),
});
export type RoutedEvent = z.infer<typeof RoutedEventSchema>;

/** The accepted Forge event: `{ event: { eventType, routed }, invocation }`. */
const RoutedPayloadSchema = z.looseObject({ event: z.looseObject({ routed: RoutedEventSchema }) });

export interface IssueRoutedDeps extends IssueLinkDeps {
  notifier: Notifier | undefined;
}

/**
 * Marks the tracked target issue as routed and queues the target team's notice, in `tx`; returns how
 * many messages were queued. The Forge Route action reaches it through intake, the YouTrack app's
 * route directly.
 */
export async function noticeRouted(
  tx: Queryable,
  deps: IssueRoutedDeps,
  routed: RoutedEvent,
  ctx: { world: AssignmentWorld; log: IntakeLog },
): Promise<number> {
  const { world, log } = ctx;
  const team = routed.targetProject;
  const { tracked, customerId } = await markRouted(tx, routed.targetKey, team);
  const actor = world.engineers.find((e) => e.accountId === routed.actorAccountId);
  const added = await enqueueNotice(
    tx,
    { channels: world.settings.channels, notifier: deps.notifier, log },
    {
      event: 'issueRouted',
      addressee: { kind: 'team', team },
      customerId,
      baseKey: routedNoticeKey(routed.targetKey, team),
      message: renderRoutedNotice(
        {
          issueKey: routed.targetKey,
          sourceKey: routed.sourceKey,
          team,
          summary: routed.summary,
          routedBy: actor?.name ?? routed.actorAccountId,
          url: issueLinkOf(deps, routed.targetKey, world.settings.trackers),
        },
        teamLanguage(world.settings, team),
      ),
    },
  );
  log.info(
    { issueKey: routed.targetKey, team, tracked, messages: added },
    `${routed.targetKey}: routed to ${team} (${routed.method} from ${routed.sourceKey}); ${added} notice(s) queued`,
  );
  return added;
}

/**
 * `noticeRouted` in a transaction of its own, for a route already made in the tracker (the YouTrack
 * app's move and copy): the route stands whatever happens to the notice, so a failure is logged and
 * answered with undefined instead of the number of messages queued.
 */
export async function noticeRoutedAfterwards(
  db: Pick<Db, 'transaction'>,
  deps: IssueRoutedDeps,
  routed: RoutedEvent,
  ctx: { world: AssignmentWorld; log: IntakeLog },
): Promise<number | undefined> {
  try {
    return await db.transaction((tx) => noticeRouted(tx, deps, routed, ctx));
  } catch (e) {
    ctx.log.warn({ issueKey: routed.targetKey, err: (e as Error).message }, 'routed notice not queued');
    return undefined;
  }
}

export function handleIssueRouted(deps: IssueRoutedDeps): IntakeHandler {
  return {
    async record(tx, event, { world, log }) {
      const parsed = RoutedPayloadSchema.safeParse(event.payload);
      if (!parsed.success) {
        log.warn(
          { eventId: event.id, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
          'issue-routed event with an unreadable payload; acknowledged',
        );
        return;
      }
      await noticeRouted(tx, deps, parsed.data.event.routed, { world, log });
    },
  };
}
