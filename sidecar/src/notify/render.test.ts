import fc from 'fast-check';
import { TAKE_PREFIX } from './channels/telegram.js';
import {
  NOTICE_TEMPLATES,
  factLines,
  formatDeadline,
  languageFromTelegram,
  renderShortText,
  renderTicketNotice,
} from './render.js';
import type { TicketFacts } from './render.js';
import { parseTakeData } from './telegram-take.js';

const FACTS: TicketFacts = {
  key: 'SUP-42',
  summary: 'Storage array NW-ARR-07 reports a failed disk',
  url: 'https://northwind.atlassian.net/browse/SUP-42',
  priority: 'High',
  customer: 'Nordlog Logistics',
  critical: true,
  // 11:30 UTC is 14:30 in Moscow (UTC+3 all year).
  dueAt: new Date('2026-11-24T11:30:00Z'),
};
const MOSCOW = { language: 'en' as const, timeZone: 'Europe/Moscow' };

describe('renderTicketNotice', () => {
  it('puts the key and what happened first, then the summary and one line per fact, urgent first', () => {
    const notice = renderTicketNotice('ticket-unassigned', FACTS, MOSCOW);
    expect(notice.ok && notice.value).toEqual({
      subject: 'SUP-42 needs an engineer',
      text: [
        'Storage array NW-ARR-07 reports a failed disk',
        '🔴 Critical',
        'Due: Tue 24 Nov, 14:30 GMT+3',
        'Customer: Nordlog Logistics',
        'Priority: High',
      ].join('\n'),
      issueKey: 'SUP-42',
      language: 'en',
      link: { url: 'https://northwind.atlassian.net/browse/SUP-42', label: 'Open SUP-42' },
      takeButton: { label: 'Take' },
    });
  });

  it('writes Russian for Russian readers', () => {
    const notice = renderTicketNotice(
      'ticket-assigned',
      { ...FACTS, critical: false, maintenance: true, reason: 'эксперт по СХД, меньше всех загружен' },
      { language: 'ru', timeZone: 'Europe/Moscow' },
    );
    if (!notice.ok) throw new Error('render failed');
    expect(notice.value.subject).toBe('SUP-42 назначена на вас');
    expect(notice.value.text.split('\n')).toEqual([
      'Storage array NW-ARR-07 reports a failed disk',
      '🛠 Плановое обслуживание',
      'Срок: вт, 24 нояб., 14:30 GMT+3',
      'Клиент: Nordlog Logistics',
      'Приоритет: High',
      'Почему: эксперт по СХД, меньше всех загружен',
    ]);
    expect(notice.value.link?.label).toBe('Открыть SUP-42');
    expect(notice.value.takeButton).toBeUndefined();
  });

  it('names the team a ticket was routed to', () => {
    const notice = renderTicketNotice('ticket-routed', { ...FACTS, key: 'HW-3', team: 'Hardware' }, MOSCOW);
    expect(notice.ok && notice.value.subject).toBe('HW-3 routed to Hardware');
  });

  it('reports a routed notice without a team instead of leaving a hole', () => {
    const notice = renderTicketNotice('ticket-routed', FACTS, MOSCOW);
    expect(notice).toEqual({ ok: false, error: { kind: 'missingVariables', missing: ['team'] } });
  });

  it('keeps the summary to one short line, whatever it was', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }).filter((s) => s.trim() !== ''),
        (summary) => {
          const notice = renderTicketNotice('ticket-unassigned', { ...FACTS, summary }, MOSCOW);
          if (!notice.ok) throw new Error('render failed');
          const first = notice.value.text.split('\n')[0] ?? '';
          expect(first.length).toBeLessThanOrEqual(120);
          expect(first).not.toMatch(/\s{2,}/);
        },
      ),
    );
  });
});

describe('deadlines', () => {
  it('shows the reader’s local time on both sides of a DST change', () => {
    const berlin = { language: 'en' as const, timeZone: 'Europe/Berlin' };
    // Berlin leaves summer time on 25 Oct 2026: 09:00 UTC is 11:00 before, 10:00 after.
    expect(formatDeadline(new Date('2026-10-24T09:00:00Z'), berlin)).toBe('Sat 24 Oct, 11:00 CEST');
    expect(formatDeadline(new Date('2026-10-26T09:00:00Z'), berlin)).toBe('Mon 26 Oct, 10:00 CET');
  });

  it('leaves out facts that are not known', () => {
    expect(factLines({ key: 'DB-1', summary: 's', url: 'u', priority: 'Low' }, MOSCOW)).toEqual([
      'Priority: Low',
    ]);
  });
});

describe('templates', () => {
  it('give every text in both languages', () => {
    for (const template of Object.values(NOTICE_TEMPLATES)) {
      expect(Object.keys(template.bodies).sort()).toEqual(['en', 'ru']);
      if (template.subject) expect(Object.keys(template.subject).sort()).toEqual(['en', 'ru']);
    }
  });

  it('render the Take answers', () => {
    expect(renderShortText('take-refused', { 'issue.key': 'SUP-1', reason: 'на больничном' }, 'ru')).toEqual({
      ok: true,
      value: 'Не получилось взять SUP-1: на больничном',
    });
    expect(renderShortText('ticket-taken', { engineer: 'Jane Smith' }, 'en')).toEqual({
      ok: true,
      value: '✋ Taken by Jane Smith',
    });
  });
});

describe('Take callback data', () => {
  it('round-trips every issue key', () => {
    const key = fc
      .tuple(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,9}$/), fc.integer({ min: 1, max: 10_000_000 }))
      .map(([project, n]) => `${project}-${n}`);
    fc.assert(fc.property(key, (k) => expect(parseTakeData(`${TAKE_PREFIX}${k}`)).toBe(k)));
  });

  it('rejects anything else', () => {
    for (const data of [
      undefined,
      '',
      'take:',
      'take:sup-1',
      'take:SUP-0',
      'take:SUP-1 ',
      'give:SUP-1',
      'take:../SUP-1',
    ]) {
      expect(parseTakeData(data)).toBeUndefined();
    }
  });

  it('fits Telegram’s 64-byte callback data limit for realistic keys', () => {
    expect(new TextEncoder().encode(`${TAKE_PREFIX}PARTS_WAREHOUSE-9999999`).length).toBeLessThanOrEqual(64);
  });
});

describe('languageFromTelegram', () => {
  it('maps Russian app languages to ru and everything else to en', () => {
    expect(['ru', 'ru-RU', 'en', 'uk', undefined].map(languageFromTelegram)).toEqual([
      'ru',
      'ru',
      'en',
      'en',
      'en',
    ]);
  });
});
