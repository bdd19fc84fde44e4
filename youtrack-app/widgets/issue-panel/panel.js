// @ts-check
/* global document, YTApp */
// The issue panel: the temperature with the reason for each factor's points, the customer's
// contract and what it says about this request, and the ranked engineers with one-click Assign.
import {
  callBackend,
  el,
  errorText,
  languageOf,
  newRequestId,
  reasonText,
  textsFor,
} from '../shared/frontline.js';

const lang = languageOf(navigator.language);
const t = textsFor(lang);
const root = /** @type {HTMLElement} */ (document.getElementById('root'));

/**
 * A titled section whose body is filled in when its data arrives (or says why it did not).
 * @param {string} id
 * @param {string} title
 */
function section(id, title) {
  const body = el('div', { className: 'body', text: t('loading') });
  root.append(el('section', { attrs: { id, 'aria-label': title } }, [el('h2', { text: title }), body]));
  return body;
}

/**
 * @param {HTMLElement} body
 * @param {unknown} failure
 */
function showError(body, failure) {
  body.replaceChildren(el('p', { className: 'error', text: errorText(t, /** @type {any} */ (failure)) }));
}

/**
 * @param {HTMLElement} body
 * @param {any} glance
 */
function renderTemperature(body, glance) {
  const band = String(glance.band);
  body.replaceChildren(
    el('div', {}, [
      el('span', { className: 'score', text: String(glance.score), attrs: { 'data-testid': 'score' } }),
      el('span', { className: `band band-${band}`, text: t(`band.${band}`) }),
    ]),
    el(
      'ul',
      { attrs: { 'data-testid': 'factors' } },
      glance.factors
        .filter((/** @type {any} */ f) => f.points !== 0)
        .map((/** @type {any} */ f) =>
          el('li', { text: `${reasonText(f.reason, lang)} — ${t('points', { count: f.points })}` }),
        ),
    ),
  );
}

/**
 * @param {HTMLElement} body
 * @param {any} panel
 */
function renderContracts(body, panel) {
  if (panel.state !== 'matched') {
    body.replaceChildren(el('p', { className: 'muted', text: reasonText(panel.message, lang) }));
    return;
  }
  body.replaceChildren(
    el('div', { text: panel.customer.name, attrs: { 'data-testid': 'customer' } }),
    ...panel.contracts.map((/** @type {any} */ c) =>
      el('div', { attrs: { 'data-testid': 'contract' } }, [
        el('strong', { text: `${c.number} · ${c.title}` }),
        el('span', {
          className: 'muted',
          text: c.appliesToThisRequest ? ` (${t('appliesToThisRequest')})` : '',
        }),
        el('div', {
          className: `verdict verdict-${c.verdict.verdict}`,
          text: reasonText(c.verdict.reason, lang) || t(`verdict.${c.verdict.verdict}`),
        }),
        c.serviceManager && c.serviceManager.name
          ? el('div', { className: 'muted', text: t('serviceManager', { name: c.serviceManager.name }) })
          : null,
      ]),
    ),
  );
}

/**
 * @param {YouTrackHost} host
 * @param {HTMLElement} body
 * @param {any} suggestions
 */
function renderSuggestions(host, body, suggestions) {
  const status = el('p', { attrs: { role: 'status', 'data-testid': 'assign-status' } });
  const rows = suggestions.candidates.map((/** @type {any} */ c) => {
    const button = /** @type {HTMLButtonElement} */ (el('button', { text: t('assign') }));
    const current = suggestions.assigneeAccountId === c.accountId;
    if (current) button.disabled = true;
    button.addEventListener('click', async () => {
      for (const b of body.querySelectorAll('button')) b.disabled = true;
      status.className = '';
      status.textContent = t('assigning');
      try {
        await callBackend(host, 'assign', {
          method: 'POST',
          body: { accountId: c.accountId, requestId: newRequestId() },
        });
        status.className = 'done';
        status.textContent = t('assigned', { name: c.name });
      } catch (failure) {
        status.className = 'error';
        status.textContent = errorText(t, /** @type {any} */ (failure));
        for (const b of body.querySelectorAll('button')) b.disabled = false;
      }
    });
    const facts = [
      t('load', { count: c.load }),
      ...(c.onDuty ? [t('onDuty')] : []),
      ...(current ? [t('currentAssignee')] : []),
    ];
    return el('div', { className: 'engineer', attrs: { 'data-testid': 'engineer' } }, [
      el('div', { className: 'who' }, [
        el('strong', { text: `${c.rank}. ${c.name}` }),
        el('div', { className: 'muted', text: facts.join(' · ') }),
        el('div', {
          className: 'muted',
          text: c.reasons.map((/** @type {any} */ r) => reasonText(r, lang)).join('; '),
        }),
      ]),
      button,
    ]);
  });
  const excluded =
    suggestions.excludedTotal > 0
      ? [el('p', { className: 'muted', text: t('excluded', { count: suggestions.excludedTotal }) })]
      : [];
  body.replaceChildren(
    ...(rows.length ? rows : [el('p', { className: 'muted', text: t('noSuggestions') })]),
    ...excluded,
    status,
  );
}

async function main() {
  const host = await YTApp.register();
  const temperature = section('temperature', t('temperatureTitle'));
  const contracts = section('contracts', t('contractTitle'));
  const suggestions = section('suggestions', t('suggestionsTitle'));
  await Promise.all([
    callBackend(host, 'temperature').then(
      (g) => renderTemperature(temperature, g),
      (e) => showError(temperature, e),
    ),
    callBackend(host, 'contracts').then(
      (p) => renderContracts(contracts, p),
      (e) => showError(contracts, e),
    ),
    callBackend(host, 'suggestions').then(
      (s) => renderSuggestions(host, suggestions, s),
      (e) =>
        e.code === 'no_suggestions'
          ? suggestions.replaceChildren(el('p', { className: 'muted', text: t('noSuggestions') }))
          : showError(suggestions, e),
    ),
  ]);
  root.setAttribute('data-ready', 'true');
}

main().catch((failure) => {
  root.replaceChildren(el('p', { className: 'error', text: String(failure) }));
});
