// @ts-check
/* global document, YTApp */
// The issue panel: the temperature with the reason for each factor's points, the customer's
// contract and what it says about this request, the customer's approval of paid work with a small
// form to send the estimate, and the ranked engineers with one-click Assign.
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

/**
 * A date as the reader writes it.
 * @param {string | null | undefined} at ISO instant
 */
function dateText(at) {
  return at ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(at)) : '';
}

/**
 * An estimate in one line: hours, cost, the note.
 * @param {{ hours?: number, cost?: string, note?: string }} estimate
 */
function estimateText(estimate) {
  return [
    estimate.hours !== undefined ? t('approval.hours', { count: estimate.hours }) : '',
    estimate.cost ?? '',
    estimate.note ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Whether the contract that applies to this request makes it paid work; undefined when unknown.
 * @param {any} panel the contracts answer
 */
function paidWorkOf(panel) {
  if (!panel || panel.state !== 'matched') return undefined;
  const applying =
    panel.contracts.find((/** @type {any} */ c) => c.appliesToThisRequest) ?? panel.contracts[0];
  return applying ? applying.verdict.verdict === 'paidWork' : undefined;
}

/**
 * A labelled input of the estimate form.
 * @param {string} name
 * @param {string} label
 * @param {Record<string, string>} attrs
 */
function field(name, label, attrs) {
  const input = /** @type {HTMLInputElement} */ (
    el('input', { attrs: { name, id: `approval-${name}`, ...attrs } })
  );
  return {
    input,
    row: el('div', { className: 'field' }, [
      el('label', { text: label, attrs: { for: `approval-${name}` } }),
      input,
    ]),
  };
}

/**
 * The form that sends the estimate to the customer; on success the section shows the request.
 * @param {YouTrackHost} host
 * @param {HTMLElement} body
 */
function estimateForm(host, body) {
  const hours = field('hours', t('approval.hoursLabel'), { type: 'number', min: '0.5', step: '0.5' });
  const cost = field('cost', t('approval.costLabel'), { type: 'text', maxlength: '100' });
  const note = field('note', t('approval.noteLabel'), { type: 'text', maxlength: '2000' });
  const contact = field('contact', t('approval.contactLabel'), { type: 'email', maxlength: '254' });
  const status = el('p', { attrs: { role: 'status', 'data-testid': 'approval-status' } });
  const button = /** @type {HTMLButtonElement} */ (
    el('button', { text: t('approval.send'), attrs: { type: 'button' } })
  );
  const form = /** @type {HTMLFormElement} */ (
    el('form', { attrs: { 'data-testid': 'approval-form', 'aria-label': t('approval.send') } }, [
      hours.row,
      cost.row,
      note.row,
      contact.row,
      button,
      status,
    ])
  );
  // A click, not the form's submit: a widget's sandboxed frame may not allow form submission.
  button.addEventListener('click', async () => {
    /** @type {Record<string, unknown>} */
    const estimate = {};
    if (hours.input.value.trim()) estimate.hours = Number(hours.input.value);
    if (cost.input.value.trim()) estimate.cost = cost.input.value.trim();
    if (note.input.value.trim()) estimate.note = note.input.value.trim();
    const email = contact.input.value.trim();
    button.disabled = true;
    status.className = '';
    status.textContent = t('approval.sending');
    try {
      const sent = await callBackend(host, 'approval', {
        method: 'POST',
        body: { estimate, ...(email ? { contact: { email } } : {}) },
      });
      renderApproval(host, body, sent, true);
      const done = el('p', {
        className: 'done',
        text: t('approval.sent', { contact: sent.request.contact.email }),
      });
      body.append(done);
    } catch (failure) {
      status.className = 'error';
      status.textContent = errorText(t, /** @type {any} */ (failure));
      button.disabled = false;
    }
  });
  return form;
}

/**
 * The approval's state, who and when; the estimate form while none is open.
 * @param {YouTrackHost} host
 * @param {HTMLElement} body
 * @param {any} approval the sidecar's answer
 * @param {boolean | undefined} paidWork what the contract says of this request
 */
function renderApproval(host, body, approval, paidWork) {
  const request = approval.request;
  const lines = [];
  switch (approval.state) {
    case 'requested':
      lines.push(
        t('approval.requested', {
          contact: request.contact.email,
          date: dateText(request.requestedAt),
          until: dateText(request.expiresAt),
        }),
      );
      break;
    case 'approved':
    case 'declined':
      lines.push(
        t(`approval.${approval.state}`, {
          who: request.decidedBy ?? '',
          date: dateText(request.decidedAt),
          via: t(`via.${request.decidedVia}`),
        }),
      );
      break;
    case 'expired':
      lines.push(t('approval.expired', { until: dateText(request.expiresAt) }));
      break;
    default:
      lines.push(paidWork === false ? t('approval.notNeeded') : t('approval.none'));
  }
  const children = [
    el('p', {
      className: `approval approval-${approval.state}`,
      text: lines[0],
      attrs: { 'data-testid': 'approval-state' },
    }),
  ];
  if (request)
    children.push(
      el('p', { className: 'muted', text: t('approval.estimate', { text: estimateText(request.estimate) }) }),
    );
  if (request && request.note)
    children.push(el('p', { className: 'muted', text: t('approval.note', { note: request.note }) }));
  const open = approval.state === 'requested' || approval.state === 'approved';
  if (!open && !(approval.state === 'none' && paidWork === false)) children.push(estimateForm(host, body));
  body.replaceChildren(...children);
}

async function main() {
  const host = await YTApp.register();
  const temperature = section('temperature', t('temperatureTitle'));
  const contracts = section('contracts', t('contractTitle'));
  const approval = section('approval', t('approvalTitle'));
  const suggestions = section('suggestions', t('suggestionsTitle'));
  const contractsAnswer = callBackend(host, 'contracts');
  await Promise.all([
    callBackend(host, 'temperature').then(
      (g) => renderTemperature(temperature, g),
      (e) => showError(temperature, e),
    ),
    contractsAnswer.then(
      (p) => renderContracts(contracts, p),
      (e) => showError(contracts, e),
    ),
    Promise.all([callBackend(host, 'approval'), contractsAnswer.catch(() => undefined)]).then(
      ([a, p]) => renderApproval(host, approval, a, paidWorkOf(p)),
      (e) => showError(approval, e),
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
