// @ts-check
/* global document, YTApp */
// The issue menu's "Route to another team": the routing presets that apply to this issue, one
// button each, saying whether it moves the issue or makes a linked copy; a click moves the issue to
// the preset's project, or makes the copy there and shows its id with a link to it.
import { callBackend, el, errorText, languageOf, textsFor } from '../shared/frontline.js';

const lang = languageOf(navigator.language);
const t = textsFor(lang);
const root = /** @type {HTMLElement} */ (document.getElementById('root'));

async function main() {
  const host = await YTApp.register();
  const body = el('div', { text: t('loading') });
  root.replaceChildren(el('h2', { text: t('routeTitle') }), body);
  /** @type {any} */
  let answer;
  try {
    answer = await callBackend(host, 'presets');
  } catch (failure) {
    body.replaceChildren(el('p', { className: 'error', text: errorText(t, /** @type {any} */ (failure)) }));
    return;
  }
  if (answer.presets.length === 0) {
    body.replaceChildren(el('p', { className: 'muted', text: t('routeNone') }));
    return;
  }
  const status = el('div', { attrs: { role: 'status', 'data-testid': 'route-status' } });
  const rows = answer.presets.map((/** @type {any} */ p) => {
    const clone = p.method === 'clone';
    const button = /** @type {HTMLButtonElement} */ (
      el('button', { text: t(clone ? 'copyTo' : 'routeTo', { project: p.targetProject }) })
    );
    button.addEventListener('click', async () => {
      for (const b of body.querySelectorAll('button')) b.disabled = true;
      status.className = '';
      status.textContent = t('routing');
      try {
        const routed = await callBackend(host, 'route', { method: 'POST', body: { presetId: p.id } });
        status.className = 'done';
        if (routed.method === 'clone') {
          const words = t(routed.repeated ? 'alreadyCopied' : 'copied', {
            project: routed.targetProject,
            key: '\u0000',
          });
          const [before, after] = words.split('\u0000');
          const link = el('a', {
            text: routed.targetKey,
            attrs: {
              // Only a web address is a link (the sidecar gives the page in YouTrack).
              href: /^https?:\/\//.test(String(routed.targetUrl)) ? routed.targetUrl : '#',
              target: '_top',
              'data-testid': 'route-target',
            },
          });
          const notes = (routed.warnings ?? []).map((/** @type {any} */ w) =>
            el('li', { text: t(`warning.${w.code}`, { key: w.key ?? '', reason: w.reason ?? '' }) }),
          );
          status.replaceChildren(before ?? '', link, after ?? '');
          if (notes.length) status.append(el('ul', { className: 'muted' }, notes));
          return;
        }
        status.textContent = t('routed', { project: routed.targetProject });
      } catch (failure) {
        status.className = 'error';
        status.textContent = errorText(t, /** @type {any} */ (failure));
        for (const b of body.querySelectorAll('button')) b.disabled = false;
      }
    });
    return el('div', { className: 'engineer', attrs: { 'data-testid': 'preset' } }, [
      el('div', { className: 'who' }, [
        el('strong', { text: p.name }),
        el('div', {
          className: 'muted',
          text: t(clone ? 'method.clone' : 'method.move', { project: p.targetProject }),
          attrs: { 'data-testid': 'preset-method' },
        }),
        p.description ? el('div', { className: 'muted', text: p.description }) : null,
      ]),
      button,
    ]);
  });
  body.replaceChildren(...rows, status);
  root.setAttribute('data-ready', 'true');
}

main().catch((failure) => {
  root.replaceChildren(el('p', { className: 'error', text: String(failure) }));
});
