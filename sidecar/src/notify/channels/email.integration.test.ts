import { startLoopbackSmtpServer } from '../testing/smtp-server.js';
import { startSilentServer } from '../testing/silent-server.js';
import { ticketMessage } from '../testing/fakes.js';
import { renderTicketNotice } from '../render.js';
import { classifySmtpError, createEmailChannel, messageIdFor } from './email.js';

const FROM = '"Northwind Service desk" <desk@northwind.example>';
const context = { outboxId: 'ob-1', idempotencyKey: 'assigned:SUP-42:acc-ivanov' };

describe('e-mail channel over a real SMTP exchange on loopback', () => {
  it('delivers to, subject, plain-text body with the link, and its headers', async () => {
    const smtp = await startLoopbackSmtpServer();
    const channel = createEmailChannel({ host: '127.0.0.1', port: smtp.port, from: FROM, timeoutMs: 2_000 });
    try {
      const result = await channel.send('a.ivanov@northwind.example', ticketMessage(), context);
      expect(result).toEqual({
        ok: true,
        value: { providerRef: messageIdFor(context.idempotencyKey, FROM) },
      });
      const [mail] = await smtp.waitFor(1);
      expect(mail?.envelopeFrom).toBe('desk@northwind.example');
      expect(mail?.envelopeTo).toEqual(['a.ivanov@northwind.example']);
      expect(mail?.headers.get('to')).toBe('a.ivanov@northwind.example');
      expect(mail?.subject).toBe('SUP-42 needs an engineer');
      expect(mail?.text).toContain(
        'Storage array NW-ARR-07 reports a failed disk\nCustomer: Nordlog Logistics',
      );
      expect(mail?.text).toContain('Open SUP-42: https://northwind.atlassian.net/browse/SUP-42');
      expect(mail?.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}\.notify@northwind\.example>$/);
      expect(mail?.headers.get('x-frontline-issue')).toBe('SUP-42');
      expect(mail?.headers.get('x-frontline-outbox-id')).toBe('ob-1');
      expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
    } finally {
      channel.close();
      await smtp.close();
    }
  });

  it('carries Russian subject and body intact', async () => {
    const smtp = await startLoopbackSmtpServer();
    const channel = createEmailChannel({ host: '127.0.0.1', port: smtp.port, from: FROM, timeoutMs: 2_000 });
    const notice = renderTicketNotice(
      'ticket-assigned',
      {
        key: 'DB-17',
        summary: 'Не запускается кластер PostgreSQL после обновления',
        url: 'https://northwind.atlassian.net/browse/DB-17',
        priority: 'Высокий',
        customer: 'ООО «Северный холод»',
      },
      { language: 'ru', timeZone: 'Europe/Moscow' },
    );
    if (!notice.ok) throw new Error('render failed');
    try {
      expect((await channel.send('p.smirnova@northwind.example', notice.value, context)).ok).toBe(true);
      const [mail] = await smtp.waitFor(1);
      expect(mail?.subject).toBe('DB-17 назначена на вас');
      expect(mail?.text).toContain('Не запускается кластер PostgreSQL после обновления');
      expect(mail?.text).toContain('Клиент: ООО «Северный холод»');
      expect(mail?.text).toContain('Открыть DB-17: https://northwind.atlassian.net/browse/DB-17');
    } finally {
      channel.close();
      await smtp.close();
    }
  });

  it('gives the same Message-ID to two sends of one idempotency key', async () => {
    const smtp = await startLoopbackSmtpServer();
    const channel = createEmailChannel({ host: '127.0.0.1', port: smtp.port, from: FROM, timeoutMs: 2_000 });
    try {
      await channel.send('duty@northwind.example', ticketMessage(), context);
      await channel.send('duty@northwind.example', ticketMessage(), { ...context, outboxId: 'ob-1-retry' });
      const mails = await smtp.waitFor(2);
      expect(mails[0]?.headers.get('message-id')).toBe(mails[1]?.headers.get('message-id'));
    } finally {
      channel.close();
      await smtp.close();
    }
  });

  it.each([
    [550, 'permanent'],
    [451, 'retryable'],
  ] as const)('classifies an SMTP %i answer as %s', async (code, kind) => {
    const smtp = await startLoopbackSmtpServer({ rejectWith: { code, message: 'mailbox says no' } });
    const channel = createEmailChannel({ host: '127.0.0.1', port: smtp.port, from: FROM, timeoutMs: 2_000 });
    try {
      const result = await channel.send('nobody@northwind.example', ticketMessage(), context);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe(kind);
        expect(result.error.reason).toContain(String(code));
      }
    } finally {
      channel.close();
      await smtp.close();
    }
  });

  it('gives up on a server that never greets within the timeout, as a retryable failure', async () => {
    const silent = await startSilentServer();
    const channel = createEmailChannel({ host: '127.0.0.1', port: silent.port, from: FROM, timeoutMs: 300 });
    const started = Date.now();
    try {
      const result = await channel.send('duty@northwind.example', ticketMessage(), context);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(silent.connections()).toBe(1);
      expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } });
    } finally {
      channel.close();
      await silent.close();
    }
  });

  it('treats a refused connection as retryable', async () => {
    const silent = await startSilentServer();
    const port = silent.port;
    await silent.close();
    const channel = createEmailChannel({ host: '127.0.0.1', port, from: FROM, timeoutMs: 1_000 });
    const result = await channel.send('duty@northwind.example', ticketMessage(), context);
    channel.close();
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } });
  });
});

describe('classifySmtpError', () => {
  it('treats authentication and configuration errors as permanent', () => {
    expect(classifySmtpError({ code: 'EAUTH', message: 'Invalid login' }).kind).toBe('permanent');
    expect(classifySmtpError({ code: 'ECONFIG', message: 'bad' }).kind).toBe('permanent');
  });
  it('treats unknown throwables as retryable', () => {
    expect(classifySmtpError(undefined).kind).toBe('retryable');
  });
});
