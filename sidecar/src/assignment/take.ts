// The assign function behind the Telegram "Take" button: an engineer may take a ticket unless the
// latest ranking excluded them for a reason the policy does not let them override (not in the
// project's team, or away). Being busy or off shift does not stop someone who volunteers.
import { randomUUID } from 'node:crypto';
import { err } from '@frontline/shared';
import type { ExclusionCode, Result } from '@frontline/shared';
import type { Tracker, WorldSource } from '../ports.js';
import { assignForPerson } from './carry-out.js';
import type { AssignmentDeps } from './carry-out.js';
import { engineerReader } from './notices.js';
import type { AssignmentWorld } from './plan.js';
import { latestRanking } from './repository.js';

/** Exclusions a volunteer cannot override. */
export const BLOCKING_EXCLUSIONS: readonly ExclusionCode[] = ['notInTeam', 'absent'];

/** `TakeDeps.assign` for the notifications' Telegram flow. */
export function createTakeAssign(
  deps: AssignmentDeps & { jira: Tracker; world: WorldSource<AssignmentWorld> },
): (issueKey: string, accountId: string) => Promise<Result<unknown, { reason: string }>> {
  return async (issueKey, accountId) => {
    const world = await deps.world.load();
    // Refusals are worded for the engineer who pressed, in the language the desk writes to them in.
    const engineer = world.engineers.find((e) => e.accountId === accountId);
    const language = engineer ? engineerReader(engineer).language : 'ru';
    const suggestions = await latestRanking(deps.db, issueKey);
    const blocking = suggestions?.ranking.excluded
      .find((e) => e.accountId === accountId)
      ?.reasons.find((r) => BLOCKING_EXCLUSIONS.includes(r.code));
    if (blocking) return err({ reason: blocking[language] });
    const outcome = await assignForPerson(deps, {
      issueKey,
      accountId,
      actor: accountId,
      via: 'telegram',
      settings: world.settings,
      engineers: world.engineers,
      suggestions,
      // Telegram's redelivered presses are dropped by update id before they reach this function.
      requestId: randomUUID(),
    });
    return outcome.ok ? outcome : err({ reason: outcome.error.reason[language] });
  };
}
