// A comment was added (Jira `comment_created`, Forge `avi:jira:commented:issue`): a public agent
// reply stops the first-response clock and resets "the customer last heard from us".
import { trackIssueEvent } from '../../assignment/track.js';
import type { IssueSource, Observers } from '../../ports.js';
import type { IntakeHandler } from './types.js';

export function handleCommentCreated(
  source: IssueSource,
  deps: Pick<Observers, 'onFirstResponse'>,
): IntakeHandler {
  return {
    async record(tx, event, { world, now }) {
      const issue = source.readEvent(event.payload, event.receivedAt, world.settings);
      if (!issue?.comment) return;
      const outcome = await trackIssueEvent(tx, {
        eventId: event.id,
        kind: 'commented',
        event: issue,
        world,
        now,
      });
      if (outcome.firstResponseMs !== undefined)
        deps.onFirstResponse(issue.snapshot.project, outcome.firstResponseMs);
    },
  };
}
