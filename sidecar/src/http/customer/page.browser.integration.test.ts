// The customer's page in a real browser (Debian's Chromium through playwright-core) against a whole
// sidecar: an estimate sent from the Contract panel's route reaches the customer's contact by e-mail
// in Russian (their contract's language) and is declined on a 360-px phone; a resolved ticket's
// requester rates it 2 and the service manager hears at once; the NPS invitation is answered; used,
// expired and forged links get a clear page and change nothing; the page is rate-limited.
// Screenshots are written to test-output/customer-page/.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { APPROVAL_PROPERTY_KEY } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../../../demo/contracts.js';
import {
  contactOf,
  CUSTOMER_SECRET_KEY,
  describeInBrowser,
  launchChromium,
  linkIn,
  SCREENSHOTS,
  startCustomerWorld,
} from '../../../test/customer-side.js';
import type { CustomerWorld } from '../../../test/customer-side.js';
import { waitFor } from '../../../test/webhook-client.js';
import { DEMO_CREDENTIALS } from '../../../sandbox/index.js';
import { createLinkSigner } from '../../customer/tokens.js';

const PHONE = { width: 360, height: 740 };
const ELENA = 'e.popova@northwind.example';

describeInBrowser('the customer page in Chromium')('the customer page in Chromium', () => {
  let world: CustomerWorld;
  let browser: Browser;

  const api = (path: string, init: RequestInit = {}) =>
    world.remote('712020:elena-popova')('frontline-sidecar', {
      path,
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json' },
      ...(init.body ? { body: String(init.body) } : {}),
    });
  const property = async (key: string) => {
    const auth = Buffer.from(`${DEMO_CREDENTIALS.email}:${DEMO_CREDENTIALS.apiToken}`).toString('base64');
    const res = await fetch(`${world.jira.url}/rest/api/3/issue/${key}/properties/${APPROVAL_PROPERTY_KEY}`, {
      headers: { Authorization: `Basic ${auth}` },
    });
    return res.status === 200 ? ((await res.json()) as { value: { state: string } }).value : undefined;
  };
  const page = async (viewport = { width: 1024, height: 800 }, locale = 'ru-RU'): Promise<Page> =>
    (await browser.newContext({ viewport, locale })).newPage();
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

  beforeAll(async () => {
    world = await startCustomerWorld({ contracts: DEMO_CONTRACTS });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  }, 30_000);

  it('sends the estimate in Russian to the contact; declined on a phone; the link then says it was used', async () => {
    const ticket = world.paidWorkTicket('polar-frost', 'Перенести отчётную базу на новый сервер');
    const contact = contactOf('polar-frost').emailAddress;
    const sent = await api(`/forge/api/issues/${ticket.key}/approvals`, {
      method: 'POST',
      body: JSON.stringify({ estimate: { hours: 16, cost: '64 000 ₽' }, contact: { email: contact } }),
    });
    expect(sent.status).toBe(201);
    const [mail] = await world.mailTo(contact, new RegExp(ticket.key));
    // Polar Frost reads Russian, informally.
    expect(mail!.subject).toContain('нужно ваше согласие');
    expect(mail!.text).toContain('нужно твоё согласие');
    expect(mail!.text).toContain('16 часов');
    expect(await property(ticket.key)).toMatchObject({ state: 'awaiting' });
    // The public comment says an estimate waits for approval, without the link.
    const comments = world.jira.state.issue(ticket.key)!.comments;
    expect(comments.at(-1)?.body ? JSON.stringify(comments.at(-1)!.body) : '').toContain(
      'оценку на согласование',
    );
    expect(JSON.stringify(comments)).not.toContain('/c/');

    const phone = await page(PHONE);
    const link = linkIn(mail!);
    const response = await phone.goto(link);
    expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await phone.locator('h1').innerText()).toBe(`Согласование платных работ — ${ticket.key}`);
    expect(await phone.getByText(`${ticket.key} — Перенести отчётную базу на новый сервер`).isVisible()).toBe(
      true,
    );
    expect(await phone.getByText('16 часов · Стоимость: 64 000 ₽').isVisible()).toBe(true);
    expect(
      await phone
        .getByText(
          '«Task» не входит в договор NW-2025/071 («Database support»), поэтому оплачивается отдельно.',
        )
        .isVisible(),
    ).toBe(true);
    // Nothing wider than the phone: no horizontal scrolling.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'approval-phone-360-ru.png');

    await phone.getByLabel('Комментарий (необязательно)').fill('Сейчас не время: после закрытия квартала');
    await phone.getByRole('button', { name: 'Отказаться' }).click();
    await phone.locator('h1', { hasText: 'эту работу мы выполнять не будем' }).waitFor();
    await shot(phone, 'decline-done-ru.png');
    await waitFor(
      async () => (await property(ticket.key))?.state === 'declined',
      10_000,
      'the property says declined',
    );

    // The audit in the panel's route says who, when and how.
    const listed = JSON.parse(await (await api(`/forge/api/issues/${ticket.key}/approvals`)).text()) as {
      approvals: {
        state: string;
        audit: { action: string; actor: string; via: string; note: string | null }[];
      }[];
    };
    expect(listed.approvals[0]!.state).toBe('declined');
    expect(listed.approvals[0]!.audit.map((a) => [a.action, a.via])).toEqual([
      ['requested', 'panel'],
      ['declined', 'page'],
    ]);
    expect(listed.approvals[0]!.audit[1]!.actor).toContain(contact);

    // Back on the same link: used, kindly, and nothing changes.
    await phone.goto(link);
    expect(await phone.getByRole('alert').innerText()).toContain('По этой ссылке уже ответили');
    await shot(phone, 'used-link-ru.png');
    expect(await property(ticket.key)).toMatchObject({ state: 'declined' });
  }, 60_000);

  it('approves in English at desktop width, with keyboard only', async () => {
    const ticket = world.paidWorkTicket('severny-bank', 'Replace the array controller firmware on site');
    const contact = contactOf('severny-bank').emailAddress;
    await api(`/forge/api/issues/${ticket.key}/approvals`, {
      method: 'POST',
      body: JSON.stringify({ estimate: { hours: 3, note: 'On-site visit' }, contact: { email: contact } }),
    });
    const [mail] = await world.mailTo(contact, new RegExp(ticket.key));
    const desk = await page({ width: 1024, height: 800 }, 'en-US');
    await desk.goto(linkIn(mail!));
    // The bank's contract says Russian: the page follows the contract, not the browser.
    expect(await desk.locator('html').getAttribute('lang')).toBe('ru');
    await desk.getByLabel('Комментарий (необязательно)').focus();
    await desk.keyboard.type('Согласовано, ждём инженера в четверг');
    await desk.keyboard.press('Tab');
    expect(await desk.evaluate('document.activeElement.textContent')).toBe('Согласовать работы');
    await desk.keyboard.press('Enter');
    await desk.locator('h1', { hasText: 'работы согласованы' }).waitFor();
    await shot(desk, 'approve-done.png');
    await waitFor(
      async () => (await property(ticket.key))?.state === 'approved',
      10_000,
      'approved property',
    );
  }, 60_000);

  it('shows an expired link and a forged one kindly, changing nothing', async () => {
    const ticket = world.paidWorkTicket('polar-frost', 'Настроить репликацию на резервный сервер');
    const contact = contactOf('polar-frost').emailAddress;
    const sent = JSON.parse(
      await (
        await api(`/forge/api/issues/${ticket.key}/approvals`, {
          method: 'POST',
          body: JSON.stringify({ estimate: { hours: 8 }, contact: { email: contact } }),
        })
      ).text(),
    ) as { id: string };
    const [mail] = await world.mailTo(contact, new RegExp(ticket.key));
    // A link for this very request and recipient whose time is up.
    const expired = createLinkSigner(CUSTOMER_SECRET_KEY).sign({
      purpose: 'approval',
      subject: sent.id,
      recipient: contact,
      expiresAt: new Date(Date.now() - 60_000),
    });
    const p = await page(PHONE);
    const res = await p.goto(`${world.sidecar.url}/c/${expired}`);
    expect(res!.status()).toBe(410);
    // The link is genuine, only late: the page answers in the contract's language and names the manager.
    expect(await p.getByRole('alert').innerText()).toBe(
      'Срок действия ссылки истёк. Ничего не изменено. Ответьте на наше письмо или свяжитесь с Elena Popova — мы пришлём новую.',
    );
    await shot(p, 'expired-link.png');

    const [body, mac] = linkIn(mail!).split('/c/')[1]!.split('.') as [string, string];
    const forged = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    const ru = await page(PHONE, 'ru-RU');
    const forgedRes = await ru.goto(`${world.sidecar.url}/c/${forged}`);
    expect(forgedRes!.status()).toBe(400);
    expect(await ru.getByRole('alert').innerText()).toContain('Ссылка недействительна. Ничего не изменено.');
    await shot(ru, 'forged-link-ru.png');
    // A forged token posted straight to the form changes nothing either.
    const posted = await fetch(`${world.sidecar.url}/c`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: forged, decision: 'approved' }).toString(),
    });
    expect(posted.status).toBe(400);
    expect(await property(ticket.key)).toMatchObject({ state: 'awaiting' });
  }, 60_000);

  it('asks the requester of a resolved ticket once; a 2 reaches the service manager at once', async () => {
    const ticket = world.paidWorkTicket('polar-frost', 'Отчёт по складу не формируется');
    const contact = contactOf('polar-frost').emailAddress;
    // The engineer resolves it in Jira: the webhook goes to the sidecar.
    const auth = Buffer.from(`${DEMO_CREDENTIALS.email}:${DEMO_CREDENTIALS.apiToken}`).toString('base64');
    const resolved = await fetch(`${world.jira.url}/rest/api/3/issue/${ticket.key}/transitions`, {
      method: 'POST',
      headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ transition: { id: '31' } }),
    });
    expect(resolved.status).toBe(204);
    const [mail] = await world.mailTo(contact, new RegExp(`${ticket.key} решена`));
    await waitFor(
      async () => JSON.stringify(world.jira.state.issue(ticket.key)!.comments).includes('/c/'),
      10_000,
      'the portal comment with the rating link',
    );
    const p = await page(PHONE);
    await p.goto(linkIn(mail!));
    await p.locator('h1', { hasText: ticket.key }).waitFor();
    await shot(p, 'rating-phone-360-ru.png');
    await p.getByLabel('2 — плохо').check();
    await p.getByLabel('Что нам стоит знать? (необязательно)').fill('Три дня без новостей');
    await p.getByRole('button', { name: 'Отправить оценку' }).click();
    await p.locator('h1', { hasText: 'Спасибо за оценку' }).waitFor();
    await shot(p, 'rating-done-ru.png');
    const [notice] = await world.mailTo(ELENA, new RegExp(`${ticket.key}.*2 из 5`));
    expect(notice!.text).toContain('Три дня без новостей');

    // Resolving it again asks no one twice.
    const again = await fetch(`${world.jira.url}/rest/api/3/issue/${ticket.key}/transitions`, {
      method: 'POST',
      headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ transition: { id: '41' } }),
    });
    expect(again.status).toBe(204);
    await fetch(`${world.jira.url}/rest/api/3/issue/${ticket.key}/transitions`, {
      method: 'POST',
      headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ transition: { id: '31' } }),
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await world.mailTo(contact, new RegExp(`${ticket.key} решена`))).length).toBe(1);

    // The figures for the Service report.
    const report = (await (
      await fetch(`${world.sidecar.url}/api/ratings`, {
        headers: { Authorization: 'Bearer customer-side-admin-token-0001' },
      })
    ).json()) as {
      ratings: { total: number; byCustomer: { customerId: string; average: number; low: number }[] };
    };
    expect(report.ratings.byCustomer).toContainEqual({
      customerId: 'polar-frost',
      ratings: 1,
      average: 2,
      low: 1,
    });
    expect(report.ratings.total).toBe(1);
  }, 60_000);

  it('asks the NPS question once per quarter and takes the answer', async () => {
    await world.sidecar.queue.send('customer.nps', {});
    const contact = contactOf('polar-frost').emailAddress;
    const [mail] = await world.mailTo(contact, /Один вопрос/);
    const p = await page(PHONE);
    await p.goto(linkIn(mail!));
    await p.locator('h1', { hasText: 'порекомендуете' }).waitFor();
    await shot(p, 'nps-phone-360-ru.png');
    await p.getByLabel('9', { exact: true }).check();
    await p.getByRole('button', { name: 'Отправить ответ' }).click();
    await p.locator('h1', { hasText: 'Спасибо за ответ' }).waitFor();
    // A second run in the same quarter sends nothing more.
    await world.sidecar.queue.send('customer.nps', {});
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await world.mailTo(contact, /Один вопрос/)).length).toBe(1);
    const report = (await (
      await fetch(`${world.sidecar.url}/api/ratings`, {
        headers: { Authorization: 'Bearer customer-side-admin-token-0001' },
      })
    ).json()) as { nps: { responses: number; byCustomer: { customerId: string; score: number }[] } };
    expect(report.nps.byCustomer).toContainEqual(
      expect.objectContaining({ customerId: 'polar-frost', score: 100 }),
    );
    // The Service report reads the same figures over Forge Remote.
    const viaForge = JSON.parse(await (await api('/forge/api/customer/ratings')).text()) as typeof report;
    expect(viaForge.nps).toEqual(report.nps);
    expect((await api('/forge/api/customer/ratings?from=yesterday')).status).toBe(400);
  }, 60_000);

  it('limits attempts per link', async () => {
    const token = createLinkSigner(CUSTOMER_SECRET_KEY).sign({
      purpose: 'rating',
      subject: 'no-such-request',
      recipient: 'someone@example.com',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(`${world.sidecar.url}/c/${token}`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});
