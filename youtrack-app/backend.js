// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- YouTrack loads app scripts as CommonJS modules */
// The HTTP handler the issue widgets call (host.fetchApp('backend/…', { scope: true })). It forwards
// each call to the sidecar's /youtrack/api, signed with the app's secret — the secret never reaches
// the browser — and names the person acting by their YouTrack login.
//   GET  temperature | contracts | suggestions | presets   → the sidecar's view of this issue
//   POST assign { accountId, requestId }                    → assigns the engineer
//   POST route  { presetId }                                → moves or copies the issue with a routing preset
//   GET  approval                                           → the customer's approval of paid work
//   POST approval { estimate, contact? }                    → sends the estimate to the customer (the
//                                                             reporter when no contact is given)
const { appRequest, issuePath, send, sidecarOf } = require('./frontline-sidecar');

/**
 * @typedef {YouTrackHttpHandler.Context} HandlerContext
 * @typedef {'temperature' | 'contracts' | 'suggestions' | 'presets' | 'assign' | 'route' | 'approval'} Resource
 */

/**
 * Answers the widget with what the sidecar said, or why it could not be asked.
 * @param {HandlerContext} ctx
 * @param {'GET' | 'POST'} method
 * @param {Resource} what
 * @param {Record<string, unknown>} [body]
 */
function forward(ctx, method, what, body) {
  const sidecar = sidecarOf(ctx.settings);
  if (!sidecar.ok) {
    ctx.response.code = 503;
    ctx.response.json({ error: { code: sidecar.code, message: sidecar.message } });
    return;
  }
  const request = appRequest({
    secret: sidecar.value.secret,
    method,
    path: issuePath(ctx.issue.id, what),
    body,
    now: Date.now(),
  });
  const answer = send(sidecar.value, request);
  if (answer.ok) {
    ctx.response.json(answer.body);
    return;
  }
  ctx.response.code = answer.status === 0 ? 502 : answer.status;
  ctx.response.json({ error: { code: answer.code, message: answer.message } });
}

/**
 * The JSON object the widget posted; an empty object when it sent none.
 * @param {HandlerContext} ctx
 * @returns {Record<string, unknown>}
 */
function postedObject(ctx) {
  const value = ctx.request.json();
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? /** @type {Record<string, unknown>} */ (value)
    : {};
}

/**
 * @param {'temperature' | 'contracts' | 'suggestions' | 'presets' | 'approval'} what
 * @returns {YouTrackHttpHandler.Endpoint}
 */
function view(what) {
  return {
    scope: 'issue',
    method: 'GET',
    path: what,
    permissions: ['READ_ISSUE'],
    handle: (ctx) => forward(ctx, 'GET', what),
  };
}

/** @type {{ endpoints: YouTrackHttpHandler.Endpoint[] }} */
const httpHandler = {
  endpoints: [
    view('temperature'),
    view('contracts'),
    view('suggestions'),
    view('presets'),
    view('approval'),
    {
      scope: 'issue',
      method: 'POST',
      path: 'approval',
      permissions: ['UPDATE_ISSUE'],
      handle: (ctx) => {
        const posted = postedObject(ctx);
        const reporter = ctx.issue.reporter;
        const contact =
          posted.contact ??
          (reporter && reporter.email ? { email: reporter.email, name: reporter.fullName } : undefined);
        forward(ctx, 'POST', 'approval', {
          estimate: posted.estimate,
          contact,
          actor: ctx.currentUser.login,
        });
      },
    },
    {
      scope: 'issue',
      method: 'POST',
      path: 'assign',
      permissions: ['UPDATE_ISSUE'],
      handle: (ctx) => {
        const posted = postedObject(ctx);
        forward(ctx, 'POST', 'assign', {
          accountId: posted.accountId,
          requestId: posted.requestId,
          actor: ctx.currentUser.login,
        });
      },
    },
    {
      scope: 'issue',
      method: 'POST',
      path: 'route',
      permissions: ['UPDATE_ISSUE'],
      handle: (ctx) => {
        const posted = postedObject(ctx);
        forward(ctx, 'POST', 'route', { presetId: posted.presetId, actor: ctx.currentUser.login });
      },
    },
  ],
};

exports.httpHandler = httpHandler;
