// @ts-check
/* global document */
// What both widgets share: the language, words by code, reasons in the reader's language, calls to
// the app's backend handler and the errors they bring back.
import { MESSAGES } from './messages.js';

/** @typedef {import('./messages.js').Language} Language */
/** @typedef {{ en: string, ru: string }} Reason */

/**
 * The reader's language: Russian for a Russian browser, English otherwise.
 * @param {string | undefined} tag a BCP 47 tag (navigator.language)
 * @returns {Language}
 */
export function languageOf(tag) {
  return (tag ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/**
 * Words for people by code: `{name}` parameters filled in, `count` choosing the plural form.
 * @param {Language} lang
 */
export function textsFor(lang) {
  const catalogue = MESSAGES[lang];
  const rules = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  /**
   * @param {string} code
   * @param {Record<string, string | number>} [params]
   * @returns {string}
   */
  return function t(code, params = {}) {
    const message = catalogue[code] ?? MESSAGES.en[code] ?? code;
    let text;
    if (typeof message === 'string') text = message;
    else {
      const count = Number(params.count ?? 0);
      const category = /** @type {'one' | 'few' | 'many' | 'other'} */ (rules.select(count));
      text = (message[category] ?? message.other).replaceAll('#', numbers.format(count));
    }
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  };
}

/**
 * A reason the sidecar gave, in the reader's language.
 * @param {Reason | undefined} reason
 * @param {Language} lang
 */
export function reasonText(reason, lang) {
  if (!reason) return '';
  return reason[lang] || reason.en;
}

/** An error the backend handler answered with. */
export class AppCallError extends Error {
  /**
   * @param {string} code
   * @param {string} detail
   */
  constructor(code, detail) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}

/**
 * The code and message in whatever a failed fetchApp rejected with: the handler's JSON
 * (`{ error: { code, message } }`) under `data`, `body` or `response`, or nothing readable.
 * @param {unknown} failure
 * @returns {AppCallError}
 */
export function appCallError(failure) {
  if (failure instanceof AppCallError) return failure;
  /** @type {any} */
  const f = failure;
  const candidates = [f && f.data, f && f.body, f && f.response, f];
  for (const c of candidates) {
    const error = c && typeof c === 'object' ? c.error : undefined;
    if (error && typeof error.code === 'string')
      return new AppCallError(error.code, typeof error.message === 'string' ? error.message : '');
  }
  return new AppCallError(
    'sidecar_unreachable',
    failure instanceof Error ? failure.message : String(failure),
  );
}

/**
 * Calls the backend handler for this issue.
 * @param {YouTrackHost} host
 * @param {string} path e.g. `temperature`
 * @param {{ method?: 'GET' | 'POST', body?: unknown }} [options]
 * @returns {Promise<any>}
 */
export async function callBackend(host, path, options = {}) {
  try {
    const answer = /** @type {any} */ (await host.fetchApp(`backend/${path}`, { ...options, scope: true }));
    if (answer && typeof answer === 'object' && answer.error && typeof answer.error.code === 'string')
      throw new AppCallError(answer.error.code, String(answer.error.message ?? ''));
    return answer;
  } catch (failure) {
    throw appCallError(failure);
  }
}

/**
 * The words for an error, by its code.
 * @param {(code: string, params?: Record<string, string | number>) => string} t
 * @param {AppCallError} error
 */
export function errorText(t, error) {
  const known = `error.${error.code}`;
  const text = t(known, { detail: error.detail, code: error.code });
  return text === known ? t('error.other', { code: error.code }) : text;
}

/**
 * An element with text (never HTML) and optional class.
 * @param {string} tag
 * @param {{ className?: string, text?: string, attrs?: Record<string, string> }} [options]
 * @param {(Node | null)[]} [children]
 */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A random id for one click, so a repeated request is recorded once. */
export function newRequestId() {
  return `yt-${crypto.randomUUID()}`;
}
