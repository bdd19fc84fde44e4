// The customer's page words its form problems and its fallback manager from the locale catalogues in
// the reader's language: a Russian-reading customer (Polar Frost) and one whose contract says English
// (Severny Bank, for this test) send a form without a decision, or with a comment that is too long,
// and read why in their own language; an expired link for a request the page cannot find follows the
// browser's language and names "your service manager". Driven through the sidecar's HTTP API.
import type { Contract } from '@frontline/shared';
import { DEMO_CONTRACTS } from '../../../demo/contracts.js';
import { contactOf, CUSTOMER_SECRET_KEY, linkIn, startCustomerWorld } from '../../../test/customer-side.js';
import type { CustomerWorld } from '../../../test/customer-side.js';
import { createLinkSigner } from '../../customer/tokens.js';

/** The demo contracts with Severny Bank's communication in English. */
const contracts: Contract[] = DEMO_CONTRACTS.map((c) =>
  c.customer.id === 'severny-bank'
    ? { ...c, communication: { ...c.communication, language: 'en' as const } }
    : c,
);

describe("the customer page's form problems in the reader's language", () => {
  let world: CustomerWorld;
  const api = (path: string, body: unknown) =>
    world.remote('712020:elena-popova')('frontline-sidecar', {
      path,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** Asks the customer's contact to approve an estimate and returns the page token from the mail. */
  const approvalToken = async (customerKey: string, summary: string) => {
    const ticket = world.paidWorkTicket(customerKey, summary);
    const contact = contactOf(customerKey).emailAddress;
    const sent = await api(`/forge/api/issues/${ticket.key}/approvals`, {
      estimate: { hours: 4 },
      contact: { email: contact },
    });
    expect(sent.status).toBe(201);
    const [mail] = await world.mailTo(contact, new RegExp(ticket.key));
    return linkIn(mail!).split('/c/')[1]!;
  };
  const post = (form: Record<string, string>) =>
    fetch(`${world.sidecar.url}/c`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  /** The text of the page's alert line. */
  const alertOf = (html: string) =>
    /<p class="problem" role="alert">([^<]*)<\/p>/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');

  beforeAll(async () => {
    world = await startCustomerWorld({ contracts });
  }, 60_000);
  afterAll(() => world?.close(), 30_000);

  it('says a decision is missing, and that the comment is too long, in Russian and in English', async () => {
    const ru = await approvalToken('polar-frost', 'Перенести архив на новый сервер');
    const en = await approvalToken('severny-bank', 'Replace the array controller firmware on site');

    const noDecisionRu = await post({ token: ru });
    expect(noDecisionRu.status).toBe(422);
    expect(alertOf(await noDecisionRu.text())).toBe('Проверьте форму: выберите решение');
    const noDecisionEn = await post({ token: en });
    expect(noDecisionEn.status).toBe(422);
    expect(alertOf(await noDecisionEn.text())).toBe('Please check the form: choose a decision');

    const long = 'x'.repeat(2_001);
    const tooLongRu = await post({ token: ru, decision: 'approved', comment: long });
    expect(tooLongRu.status).toBe(422);
    expect(alertOf(await tooLongRu.text())).toBe('Проверьте форму: комментарий длиннее 2\u00a0000 символов');
    const tooLongEn = await post({ token: en, decision: 'approved', comment: long });
    expect(tooLongEn.status).toBe(422);
    expect(alertOf(await tooLongEn.text())).toBe(
      'Please check the form: the comment is longer than 2,000 characters',
    );
  }, 60_000);

  it('names "your service manager" in the browser\'s language when an expired link\'s request is unknown', async () => {
    const expired = createLinkSigner(CUSTOMER_SECRET_KEY).sign({
      purpose: 'approval',
      subject: 'no-such-request',
      recipient: 'someone@example.com',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const read = async (language: string) => {
      const res = await fetch(`${world.sidecar.url}/c/${expired}`, {
        headers: { 'Accept-Language': language },
      });
      expect(res.status).toBe(410);
      return res.text();
    };
    expect(await read('ru-RU,ru;q=0.9')).toContain(
      'Ответьте на наше письмо или свяжитесь с вашим сервис-менеджером — мы пришлём новую.',
    );
    expect(await read('en-GB,en;q=0.9')).toContain(
      'Please reply to our e-mail or contact your service manager, and we will send you a new one.',
    );
  }, 30_000);
});
