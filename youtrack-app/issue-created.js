// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- YouTrack loads app scripts as CommonJS modules */
// Tells the Frontline desk about an issue the moment it is reported: the sidecar matches the
// customer's contract, starts the SLA clocks and ranks engineers for it.
const entities = require('@jetbrains/youtrack-scripting-api/entities');
const { issueCreatedEvent } = require('./frontline-events');
const { deliver } = require('./frontline-sidecar');

exports.rule = entities.Issue.onChange({
  title: 'Frontline: send new issues to the desk',
  guard: (ctx) => ctx.issue.becomesReported,
  action: (ctx) => {
    deliver(
      ctx.settings,
      issueCreatedEvent({
        issue: ctx.issue,
        currentUser: ctx.currentUser,
        now: Date.now(),
        settings: ctx.settings,
      }),
    );
  },
  requirements: {},
});
