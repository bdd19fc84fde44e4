// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- YouTrack loads app scripts as CommonJS modules */
// Tells the Frontline desk about each new comment on a reported issue: a customer's reply, or an
// agent's public answer (which stops the first-response clock) or restricted note.
const entities = require('@jetbrains/youtrack-scripting-api/entities');
const { issueCommentedEvents } = require('./frontline-events');
const { deliver } = require('./frontline-sidecar');

exports.rule = entities.Issue.onChange({
  title: 'Frontline: send new comments to the desk',
  guard: (ctx) => ctx.issue.isReported && ctx.issue.comments.added.isNotEmpty(),
  action: (ctx) => {
    const events = issueCommentedEvents({
      issue: ctx.issue,
      currentUser: ctx.currentUser,
      now: Date.now(),
      settings: ctx.settings,
    });
    for (const event of events) deliver(ctx.settings, event);
  },
  requirements: {},
});
