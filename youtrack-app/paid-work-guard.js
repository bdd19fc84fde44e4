// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- YouTrack loads app scripts as CommonJS modules */
// Paid work starts only after the customer approved it: when a reported issue's State changes to an
// unresolved state, the rule asks the sidecar (POST /youtrack/api/issues/<id>/approval/check, signed
// as the app's other calls) whether work may start, and refuses the change with the sidecar's
// message — in English and Russian, saying what to do — when it may not. The approval lives in the
// sidecar, so the issue needs no field for it; which states mean "work started" is the sidecar's
// setting (`trackers.youtrack.inProgressStates`), the same one its reports read.
// When the sidecar cannot answer (not configured, unreachable, an error), the change goes through and
// the workflow log says why: an outage of the sidecar must not stop the desk, as with Jira's paid-work
// validator. Jira's validator still refuses a ticket whose approval property (in Jira) shows an open,
// declined or expired request; YouTrack keeps no such copy, so here every outage lets the move through.
const entities = require('@jetbrains/youtrack-scripting-api/entities');
const workflow = require('@jetbrains/youtrack-scripting-api/workflow');
const { appRequest, send, sidecarOf } = require('./frontline-sidecar');

/**
 * The name of a state value, when it is one.
 * @param {unknown} value
 * @returns {{ name: string, isResolved: boolean } | undefined}
 */
function stateOf(value) {
  if (value === null || typeof value !== 'object') return undefined;
  const state = /** @type {{ name?: unknown, isResolved?: unknown }} */ (value);
  return typeof state.name === 'string'
    ? { name: state.name, isResolved: state.isResolved === true }
    : undefined;
}

/**
 * What the sidecar says of moving `issueId` into `state`: refused with its message, or let through
 * (also when it could not be asked, with the reason for the log).
 * @param {Readonly<Record<string, unknown>> | undefined} settings
 * @param {string} issueId
 * @param {string} state
 * @param {number} now
 * @returns {{ allowed: true, unchecked?: string } | { allowed: false, message: string }}
 */
function paidWorkCheck(settings, issueId, state, now) {
  const sidecar = sidecarOf(settings);
  if (!sidecar.ok) return { allowed: true, unchecked: sidecar.message };
  const answer = send(
    sidecar.value,
    appRequest({
      secret: sidecar.value.secret,
      method: 'POST',
      path: `/youtrack/api/issues/${encodeURIComponent(issueId)}/approval/check`,
      body: { state },
      now,
    }),
  );
  if (!answer.ok) return { allowed: true, unchecked: `${answer.status} ${answer.code}: ${answer.message}` };
  const verdict = /** @type {{ allowed?: unknown, message?: unknown } | null} */ (answer.body);
  if (verdict && verdict.allowed === false && typeof verdict.message === 'string')
    return { allowed: false, message: verdict.message };
  return { allowed: true };
}

exports.paidWorkCheck = paidWorkCheck;

exports.rule = entities.Issue.onChange({
  title: 'Frontline: paid work starts only after the customer approved it',
  guard: (ctx) => {
    const state = stateOf(ctx.issue.fields.State);
    return (
      ctx.issue.isReported &&
      !ctx.issue.becomesReported &&
      ctx.issue.isChanged('State') &&
      state !== undefined &&
      !state.isResolved
    );
  },
  action: (ctx) => {
    const state = stateOf(ctx.issue.fields.State);
    if (!state) return;
    const verdict = paidWorkCheck(ctx.settings, ctx.issue.id, state.name, Date.now());
    if (verdict.allowed) {
      if (verdict.unchecked)
        console.warn(
          `Frontline: ${ctx.issue.id} moved to ${state.name} without the paid-work check (${verdict.unchecked})`,
        );
      return;
    }
    workflow.check(false, verdict.message);
  },
  requirements: {},
});
