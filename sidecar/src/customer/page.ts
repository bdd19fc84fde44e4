// The customer's page, rendered on the server: one small HTML document per answer, no script, no
// third-party asset, one inline stylesheet allowed by its hash in the Content-Security-Policy.
// Every value is escaped; every control has a label; the contrast of text and buttons is above
// WCAG AA (4.5:1); the layout is one column that fits a 320-px phone.
import { createHash } from 'node:crypto';
import { customerText, estimateText } from '@frontline/shared';
import type { Estimate, Language, Reason, Register } from '@frontline/shared';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#172b4d;background:#f4f5f7}
main{max-width:40rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:8px;padding:1.25rem;box-shadow:0 1px 2px rgba(9,30,66,.25)}
h1{font-size:1.4rem;line-height:1.25;margin:0 0 .75rem}
h2{font-size:1.05rem;margin:1.25rem 0 .25rem}
p{margin:.25rem 0 .75rem}
ul{margin:.25rem 0 .75rem;padding-left:1.25rem}
fieldset{border:0;margin:1rem 0;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.choices label{display:flex;align-items:center;gap:.4rem;min-height:44px;padding:.4rem .75rem;border:2px solid #6b778c;border-radius:6px;background:#fff;cursor:pointer}
.choices input{width:1.2rem;height:1.2rem;margin:0}
.scale{display:flex;justify-content:space-between;font-size:.875rem;color:#42526e}
label.block{display:block;font-weight:600;margin:1rem 0 .25rem}
textarea{width:100%;min-height:6rem;font:inherit;padding:.5rem;border:2px solid #6b778c;border-radius:6px}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}
button{font:inherit;font-weight:600;min-height:44px;padding:.5rem 1.25rem;border-radius:6px;border:2px solid #0747a6;cursor:pointer}
button.primary{background:#0747a6;color:#fff}
button.secondary{background:#fff;color:#0747a6}
button:focus-visible,input:focus-visible,textarea:focus-visible,.choices label:focus-within{outline:3px solid #ff8b00;outline-offset:2px}
.note{border-left:4px solid #0747a6;padding:.25rem .75rem;background:#deebff}
.problem{border-left:4px solid #bf2600;padding:.25rem .75rem;background:#ffebe6}
.estimate{font-size:1.15rem;font-weight:600}
`;

/** The Content-Security-Policy of every page: nothing but this one stylesheet, forms posting here. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Words {
  lang: Language;
  register: Register;
}

const t = (w: Words, code: string, params: Record<string, string | number> = {}) =>
  escapeHtml(customerText(w.lang, code, params, w.register));

function document(w: Words, title: string, body: string): string {
  return `<!doctype html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<main><div class="card">
${body}
</div></main>
</body>
</html>
`;
}

const hidden = (token: string) => `<input type="hidden" name="token" value="${escapeHtml(token)}">`;

const errorLine = (w: Words, message: string | undefined) =>
  message ? `<p class="problem" role="alert">${t(w, 'problem.invalid', { message })}</p>` : '';

export interface ApprovalPage {
  token: string;
  language: Language;
  register: Register;
  issueKey: string;
  summary: string;
  estimate: Estimate;
  reason: Reason;
  contractNumber: string;
  zone: string[];
  error?: string;
}

export function approvalPage(p: ApprovalPage): string {
  const w = { lang: p.language, register: p.register };
  const zone = p.zone.length
    ? `<h2>${t(w, 'approval.zone', { number: p.contractNumber })}</h2><ul>${p.zone.map((z) => `<li>${escapeHtml(z)}</li>`).join('')}</ul>`
    : '';
  return document(
    w,
    t(w, 'page.title.approval', { key: p.issueKey }),
    `<h1>${t(w, 'page.title.approval', { key: p.issueKey })}</h1>
<p>${t(w, 'approval.intro')}</p>
${errorLine(w, p.error)}
<h2>${t(w, 'approval.request')}</h2>
<p>${escapeHtml(p.issueKey)} — ${escapeHtml(p.summary)}</p>
<h2>${t(w, 'approval.estimate')}</h2>
<p class="estimate">${escapeHtml(estimateText(p.language, p.estimate))}</p>
<h2>${t(w, 'approval.why')}</h2>
<p class="note">${escapeHtml(p.reason[p.language])}</p>
${zone}
<form method="post" action="/c">
${hidden(p.token)}
<label class="block" for="comment">${t(w, 'approval.comment')}</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<fieldset>
<legend>${t(w, 'approval.decision')}</legend>
<div class="actions">
<button class="primary" type="submit" name="decision" value="approved">${t(w, 'approval.approve')}</button>
<button class="secondary" type="submit" name="decision" value="declined">${t(w, 'approval.decline')}</button>
</div>
</fieldset>
</form>`,
  );
}

export interface RatingPage {
  token: string;
  language: Language;
  register: Register;
  issueKey: string;
  summary: string;
  error?: string;
}

export function ratingPage(p: RatingPage): string {
  const w = { lang: p.language, register: p.register };
  const options = [5, 4, 3, 2, 1]
    .map(
      (n) => `<label><input type="radio" name="score" value="${n}" required> ${t(w, `rating.${n}`)}</label>`,
    )
    .join('\n');
  return document(
    w,
    t(w, 'page.title.rating', { key: p.issueKey }),
    `<h1>${t(w, 'rating.question', { key: p.issueKey, summary: p.summary })}</h1>
${errorLine(w, p.error)}
<form method="post" action="/c">
${hidden(p.token)}
<fieldset>
<legend>${t(w, 'rating.scale')}</legend>
<div class="choices">
${options}
</div>
</fieldset>
<label class="block" for="comment">${t(w, 'rating.comment')}</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<div class="actions"><button class="primary" type="submit">${t(w, 'rating.send')}</button></div>
</form>`,
  );
}

export interface NpsPage {
  token: string;
  language: Language;
  register: Register;
  provider: string | undefined;
  error?: string;
}

export function npsPage(p: NpsPage): string {
  const w = { lang: p.language, register: p.register };
  const provider = p.provider ?? customerText(p.language, 'provider.fallback');
  const options = Array.from(
    { length: 11 },
    (_, n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`,
  ).join('\n');
  return document(
    w,
    t(w, 'page.title.nps', { provider }),
    `<h1>${t(w, 'nps.question', { provider })}</h1>
${errorLine(w, p.error)}
<form method="post" action="/c">
${hidden(p.token)}
<fieldset>
<legend>${t(w, 'nps.scale')}</legend>
<div class="choices">
${options}
</div>
<div class="scale" aria-hidden="true"><span>0 — ${t(w, 'nps.low')}</span><span>10 — ${t(w, 'nps.high')}</span></div>
</fieldset>
<label class="block" for="comment">${t(w, 'nps.comment')}</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<div class="actions"><button class="primary" type="submit">${t(w, 'nps.send')}</button></div>
</form>`,
  );
}

/** A thank-you or a problem: one heading, one paragraph. */
export function messagePage(
  language: Language,
  register: Register,
  kind: 'done' | 'problem',
  code: string,
  params: Record<string, string | number> = {},
): string {
  const w = { lang: language, register };
  const title = kind === 'problem' ? t(w, 'page.title.problem') : t(w, code, params);
  return document(
    w,
    title,
    kind === 'problem'
      ? `<h1>${title}</h1>\n<p class="problem" role="alert">${t(w, code, params)}</p>`
      : `<h1 role="status">${title}</h1>`,
  );
}
