// Where numbers meet words in digests and reminders, the words agree with the number in the
// reader's language.
import type { Digest, DigestEntry } from './digest.js';
import type { Reminder } from './reminders.js';
import { digestLine, renderDigest, renderReminder } from './wording.js';

const entry = (hours: number): DigestEntry => ({
  key: 'SUP-7',
  summary: 'Array shelf reports a failed disk',
  priority: 'high',
  temperature: 64,
  mark: 'normal',
  unassignedBusinessHours: hours,
});

const digestOf = (count: number): Digest => ({
  managerId: 'm',
  localDate: '2026-11-10',
  groups: [{ customerId: null, customerName: null, entries: Array.from({ length: count }, () => entry(1)) }],
  total: count,
  critical: 0,
});

const waiting = (hours: number): Reminder => ({
  kind: 'customerReplied',
  issueKey: 'SUP-7',
  event: 'customerReplied',
  to: { kind: 'assignee', accountId: 'a' },
  idempotencyKey: 'k',
  businessHours: hours,
});

describe('schedule wording', () => {
  it.each([
    [1, '1 рабочий час', '1 business hour'],
    [2, '2 рабочих часа', '2 business hours'],
    [5, '5 рабочих часов', '5 business hours'],
    [11, '11 рабочих часов', '11 business hours'],
    [21, '21 рабочий час', '21 business hours'],
    [0, '0 рабочих часов', '0 business hours'],
  ])('says %i business hours without an engineer in the digest line', (hours, ru, en) => {
    expect(digestLine(entry(hours), 'ru')).toBe(`• SUP-7 · 64° · ${ru} — Array shelf reports a failed disk`);
    expect(digestLine(entry(hours), 'en')).toBe(`• SUP-7 · 64° · ${en} — Array shelf reports a failed disk`);
  });

  it.each([
    [1, '1 заявка', '1 ticket'],
    [3, '3 заявки', '3 tickets'],
    [12, '12 заявок', '12 tickets'],
  ])('counts %i tickets in the digest subject', (count, ru, en) => {
    expect(renderDigest(digestOf(count), 'ru').subject).toBe(
      `Утренняя сводка: ${ru} без инженера (критичных: 0)`,
    );
    expect(renderDigest(digestOf(count), 'en').subject).toBe(
      `Morning digest: ${en} without an engineer (0 critical)`,
    );
  });

  it('says how long the customer has waited in the reminder subject', () => {
    const issue = { summary: 'Disk', url: 'https://jira.example/browse/SUP-7' };
    expect(renderReminder(waiting(1), issue, 'ru').subject).toBe('SUP-7: клиент ответил 1 рабочий час назад');
    expect(renderReminder(waiting(3), issue, 'ru').subject).toBe(
      'SUP-7: клиент ответил 3 рабочих часа назад',
    );
    expect(renderReminder(waiting(1), issue, 'en').subject).toBe(
      'SUP-7: the customer replied 1 business hour ago',
    );
    expect(renderReminder({ ...waiting(25), kind: 'customerRepliedEscalated' }, issue, 'ru').subject).toBe(
      'SUP-7: клиент ждёт ответа уже 25 рабочих часов',
    );
  });
});
