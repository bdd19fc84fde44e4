// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- YouTrack loads app scripts as CommonJS modules */
// Talking to the Frontline sidecar from YouTrack: the app's settings (sidecar URL, shared secret),
// the signed event deliveries (POST /webhooks/youtrack) and the signed calls the widgets' backend
// makes (/youtrack/api/…). Requests are built by pure functions; `send` is the one place that uses
// YouTrack's http module.
const http = require('@jetbrains/youtrack-scripting-api/http');
const { hmacSha256Hex } = require('./hmac-sha256');

/** Connect and read timeout for every call to the sidecar, in milliseconds. */
const TIMEOUT_MS = 10_000;
const MIN_SECRET_LENGTH = 16;

/**
 * @typedef {Readonly<Record<string, unknown>>} AppSettings
 * @typedef {{ url: string, secret: string }} Sidecar
 * @typedef {{ method: 'GET' | 'POST', path: string, headers: { name: string, value: string }[], body: string }} SignedRequest
 * @typedef {{ ok: true, status: number, body: unknown } | { ok: false, status: number, code: string, message: string }} SidecarAnswer
 */

/**
 * The sidecar the settings point at; undefined (and why) when they are incomplete.
 * @param {AppSettings | undefined} settings
 * @returns {{ ok: true, value: Sidecar } | { ok: false, code: string, message: string }}
 */
function sidecarOf(settings) {
  const url = settings && typeof settings.sidecarUrl === 'string' ? settings.sidecarUrl.trim() : '';
  const secret = settings && typeof settings.sidecarSecret === 'string' ? settings.sidecarSecret : '';
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(url))
    return {
      ok: false,
      code: 'sidecar_url_missing',
      message: 'Set the sidecar URL (https://…) in the app settings',
    };
  if (secret.length < MIN_SECRET_LENGTH)
    return {
      ok: false,
      code: 'sidecar_secret_missing',
      message: `Set the shared secret (at least ${MIN_SECRET_LENGTH} characters) in the app settings`,
    };
  return { ok: true, value: { url: url.replace(/\/+$/, ''), secret } };
}

/**
 * An event delivery: the body signed as the sidecar's intake checks it.
 * @param {string} secret
 * @param {{ deliveryId: string }} event
 * @returns {SignedRequest}
 */
function eventDelivery(secret, event) {
  const body = JSON.stringify(event);
  return {
    method: 'POST',
    path: '/webhooks/youtrack',
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Frontline-Signature', value: `sha256=${hmacSha256Hex(secret, body)}` },
      { name: 'X-Frontline-Delivery', value: event.deliveryId },
    ],
    body,
  };
}

/**
 * A call to the widgets' API: method, path, time and body signed together, so it can be replayed
 * neither on another route nor more than five minutes later.
 * @param {{ secret: string, method: 'GET' | 'POST', path: string, body?: unknown, now: number }} input
 * @returns {SignedRequest}
 */
function appRequest(input) {
  const body = input.body === undefined ? '' : JSON.stringify(input.body);
  const timestamp = String(input.now);
  const signature = hmacSha256Hex(input.secret, `${input.method}\n${input.path}\n${timestamp}\n${body}`);
  /** @type {{ name: string, value: string }[]} */
  const headers = [
    { name: 'Accept', value: 'application/json' },
    { name: 'X-Frontline-Timestamp', value: timestamp },
    { name: 'X-Frontline-Signature', value: `sha256=${signature}` },
  ];
  if (body !== '') headers.push({ name: 'Content-Type', value: 'application/json' });
  return { method: input.method, path: input.path, headers, body };
}

/**
 * The path of one issue's resource in the widgets' API.
 * @param {string} issueId
 * @param {'temperature' | 'contracts' | 'suggestions' | 'assign' | 'presets' | 'route' | 'approval'} what
 */
function issuePath(issueId, what) {
  return `/youtrack/api/issues/${encodeURIComponent(issueId)}/${what}`;
}

/**
 * What a sidecar answer says, read once: JSON on success, the sidecar's error code otherwise.
 * @param {number} status
 * @param {string | null | undefined} text
 * @returns {SidecarAnswer}
 */
function readAnswer(status, text) {
  /** @type {unknown} */
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    return {
      ok: false,
      status: 502,
      code: 'sidecar_not_json',
      message: 'The sidecar answered something other than JSON',
    };
  }
  if (status >= 200 && status < 300) return { ok: true, status, body };
  const error = /** @type {{ error?: { code?: unknown, message?: unknown } } | null} */ (body);
  const code =
    error && error.error && typeof error.error.code === 'string' ? error.error.code : 'sidecar_error';
  const message =
    error && error.error && typeof error.error.message === 'string'
      ? error.error.message
      : `The sidecar answered ${status}`;
  return { ok: false, status, code, message };
}

/**
 * Sends a signed request to the sidecar and reads the answer. Never throws: a network failure is an
 * answer with status 0 (the caller decides whether to tell someone).
 * @param {Sidecar} sidecar
 * @param {SignedRequest} request
 * @returns {SidecarAnswer}
 */
function send(sidecar, request) {
  const connection = new http.Connection(sidecar.url, null, TIMEOUT_MS);
  for (const header of request.headers) connection.addHeader(header.name, header.value);
  const response =
    request.method === 'GET'
      ? connection.getSync(request.path, [])
      : connection.postSync(request.path, [], request.body);
  if (!response || response.exception || !response.code)
    return { ok: false, status: 0, code: 'sidecar_unreachable', message: 'The sidecar could not be reached' };
  return readAnswer(response.code, response.response);
}

/**
 * Sends one event to the sidecar's intake. A rule never fails the user's change over it: a delivery
 * that cannot be made is written to the workflow log (without the secret) and dropped.
 * @param {AppSettings | undefined} settings
 * @param {{ type: string, deliveryId: string, issue: { idReadable: string } }} event
 * @returns {SidecarAnswer}
 */
function deliver(settings, event) {
  const sidecar = sidecarOf(settings);
  if (!sidecar.ok) {
    console.warn(`Frontline: ${event.type} for ${event.issue.idReadable} not sent: ${sidecar.message}`);
    return { ok: false, status: 0, code: sidecar.code, message: sidecar.message };
  }
  const answer = send(sidecar.value, eventDelivery(sidecar.value.secret, event));
  if (!answer.ok)
    console.warn(
      `Frontline: ${event.type} for ${event.issue.idReadable} not accepted (${answer.status} ${answer.code}): ${answer.message}`,
    );
  return answer;
}

exports.sidecarOf = sidecarOf;
exports.deliver = deliver;
exports.eventDelivery = eventDelivery;
exports.appRequest = appRequest;
exports.issuePath = issuePath;
exports.readAnswer = readAnswer;
exports.send = send;
