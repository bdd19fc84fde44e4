// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- YouTrack loads app scripts as CommonJS modules */
// Tells the Frontline desk when a reported issue changes in a way it reads: priority, type, state,
// assignee, the customer field, the summary, or its project (a move between teams).
const entities = require('@jetbrains/youtrack-scripting-api/entities');
const { customerFieldOf, hasWatchedChange, issueUpdatedEvent } = require('./frontline-events');
const { deliver } = require('./frontline-sidecar');

exports.rule = entities.Issue.onChange({
  title: 'Frontline: send issue changes to the desk',
  guard: (ctx) =>
    ctx.issue.isReported &&
    !ctx.issue.becomesReported &&
    hasWatchedChange(ctx.issue, customerFieldOf(ctx.settings)),
  action: (ctx) => {
    const event = issueUpdatedEvent({
      issue: ctx.issue,
      currentUser: ctx.currentUser,
      now: Date.now(),
      settings: ctx.settings,
    });
    if (event) deliver(ctx.settings, event);
  },
  requirements: {},
});
