// The refusals of an absence entry as codes and parameters, worded in English and Russian from the
// catalogues, each naming its field.
import { translate } from '../i18n/messages.js';
import { checkAbsenceEntry, MAX_ENTRY_DAYS } from './entry.js';
import type { EntryIssue, KeptEntry } from './entry.js';

const MSK = 'Europe/Moscow';

function refusal(input: unknown, others: readonly KeptEntry[] = [], zone = MSK): EntryIssue[] {
  const checked = checkAbsenceEntry(input, zone, others);
  if (checked.ok) throw new Error(`expected a refusal for ${JSON.stringify(input)}`);
  return checked.error;
}

describe('checkAbsenceEntry refusals in both languages', () => {
  it('names an overlapping entry by its kind and days, in English and Russian', () => {
    const others: KeptEntry[] = [
      { id: 'e1', absence: { kind: 'trip', from: '2026-12-10', to: '2026-12-11' } },
    ];
    const [clash, ...rest] = refusal({ kind: 'dayOff', from: '2026-12-11', to: '2026-12-11' }, others);
    expect(rest).toEqual([]);
    expect(clash).toEqual({
      path: 'from',
      message:
        'Overlaps another entry (business trip, 2026-12-10 – 2026-12-11); change or remove that one first',
      reason: {
        code: 'availability.entry.overlaps',
        params: { kind: 'trip', bounds: '2026-12-10 – 2026-12-11' },
        en: 'Overlaps another entry (business trip, 2026-12-10 – 2026-12-11); change or remove that one first',
        ru: 'Пересекается с другой записью (командировка, 2026-12-10 – 2026-12-11); сначала измените или удалите её',
      },
    });
  });

  it('says the last day is before the first, and the end of hours is not after the start', () => {
    const [days] = refusal({ kind: 'dayOff', from: '2026-12-10', to: '2026-12-09' });
    expect(days).toMatchObject({
      path: 'to',
      message: 'The last day (2026-12-09) is before the first (2026-12-10)',
      reason: {
        code: 'availability.entry.lastDayBeforeFirst',
        params: { from: '2026-12-10', to: '2026-12-09' },
        ru: 'Последний день (2026-12-09) раньше первого (2026-12-10)',
      },
    });
    const [hours] = refusal({ kind: 'sick', from: '2026-12-10T12:00', to: '2026-12-10T12:00' });
    expect(hours?.reason).toMatchObject({
      code: 'availability.entry.endNotAfterStart',
      ru: 'Конец (2026-12-10T12:00) не позже начала (2026-12-10T12:00)',
    });
  });

  it('bounds an entry to 366 days, with Russian plurals for the count', () => {
    const [long] = refusal({ kind: 'trip', from: '2026-01-01', to: '2027-06-01' });
    expect(long).toMatchObject({
      path: 'to',
      message: 'One entry covers at most 366 days; enter a long leave in parts',
      reason: {
        code: 'availability.entry.tooLong',
        params: { max: MAX_ENTRY_DAYS },
        ru: 'Одна запись охватывает не более 366 дней; длинный отпуск вносите частями',
      },
    });
    const words = (max: number) => translate('ru', { code: 'availability.entry.tooLong', params: { max } });
    expect(words(1)).toContain('не более 1 дня;');
    expect(words(3)).toContain('не более 3 дней;');
    expect(words(21)).toContain('не более 21 дня;');
    expect(translate('en', { code: 'availability.entry.tooLong', params: { max: 1 } })).toContain(
      'at most 1 day;',
    );
  });

  it('words the shape mistakes per field: kind, bounds, note, unknown fields, the whole body, the zone', () => {
    const issues = refusal({
      kind: 'holiday',
      from: '2026-02-30',
      to: 5,
      note: 'x'.repeat(201),
      extra: 1,
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.reason]));
    expect(byPath.kind).toMatchObject({
      code: 'availability.entry.kind',
      en: 'Kind is one of: dayOff, trip, training, sick, other',
      ru: 'Вид отсутствия — один из: dayOff, trip, training, sick, other',
    });
    expect(byPath.from).toMatchObject({
      code: 'availability.entry.boundRange',
      ru: 'Укажите дату (ГГГГ-ММ-ДД) или дату и время (ГГГГ-ММ-ДДTЧЧ:ММ) между 2000 и 2099 годами',
    });
    expect(byPath.to).toMatchObject({
      code: 'availability.entry.bound',
      en: 'Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)',
    });
    expect(byPath.note).toMatchObject({
      code: 'availability.entry.noteTooLong',
      params: { max: 200 },
      en: 'Keep the note under 200 characters',
      ru: 'Примечание должно быть короче 200 символов',
    });
    expect(byPath.extra).toMatchObject({
      code: 'availability.entry.unknownField',
      en: 'unknown field "extra"',
      ru: 'неизвестное поле «extra»',
    });
    for (const i of issues) expect(i.message).toBe(i.reason.en);

    expect(refusal('tomorrow')[0]).toMatchObject({
      path: '',
      reason: { code: 'availability.entry.notAnObject' },
    });
    expect(refusal({ kind: 'dayOff', from: '2026-12-10', to: '2026-12-10' }, [], 'Mars/Olympus')).toEqual([
      expect.objectContaining({
        path: 'timeZone',
        message: 'Unknown time zone "Mars/Olympus"',
        reason: expect.objectContaining({ ru: 'Неизвестный часовой пояс «Mars/Olympus»' }),
      }),
    ]);
  });

  it('tells days from hours at the end bound', () => {
    expect(refusal({ kind: 'dayOff', from: '2026-12-10', to: '2026-12-10T12:00' })[0]?.reason).toMatchObject({
      code: 'availability.entry.wholeDaysEndOnDate',
      ru: 'Отсутствие на целые дни заканчивается датой (ГГГГ-ММ-ДД)',
    });
    expect(refusal({ kind: 'dayOff', from: '2026-12-10T09:00', to: '2026-12-10' })[0]?.reason).toMatchObject({
      code: 'availability.entry.hoursEndOnTime',
      en: 'An absence in hours ends on a date and time (YYYY-MM-DDTHH:MM)',
    });
  });
});
