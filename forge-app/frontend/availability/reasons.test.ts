// The sidecar's worded refusals picked in the screen's language, with the English message when no
// words came.
import { fieldProblems, inUserLanguage, refusalText } from './reasons';
import type { PickWords } from './reasons';

const english: PickWords = (text) => text.en;
const russian: PickWords = (text) => text.ru || text.en;

const gone = {
  code: 'notFound',
  message: 'There is no absence a-7',
  details: {
    reason: {
      code: 'availability.noSuchAbsence',
      params: { id: 'a-7' },
      en: 'There is no absence a-7',
      ru: 'Отсутствия a-7 нет',
    },
  },
};

const fields = {
  code: 'invalid',
  message: 'The absence overlaps another entry',
  details: [
    {
      path: 'from',
      message: 'Overlaps another entry (day off, 2026-12-10); change or remove that one first',
      reason: {
        code: 'availability.entry.overlaps',
        params: { kind: 'dayOff', bounds: '2026-12-10' },
        en: 'Overlaps another entry (day off, 2026-12-10); change or remove that one first',
        ru: 'Пересекается с другой записью (выходной, 2026-12-10); сначала измените или удалите её',
      },
    },
    { path: 'note', message: 'Keep the note under 200 characters' },
    {
      path: '',
      message: 'unknown field "extra"',
      reason: { en: 'unknown field "extra"', ru: 'неизвестное поле «extra»' },
    },
  ],
};

describe('refusals in the screen’s language', () => {
  it('tells a refusal that names fields by each field’s reason, for screens without a form', () => {
    expect(refusalText(fields, russian)).toBe(
      'Пересекается с другой записью (выходной, 2026-12-10); сначала измените или удалите её; ' +
        'Keep the note under 200 characters; неизвестное поле «extra»',
    );
    expect(inUserLanguage(fields, english).message).toBe(
      'Overlaps another entry (day off, 2026-12-10); change or remove that one first; ' +
        'Keep the note under 200 characters; unknown field "extra"',
    );
    expect(refusalText({ ...fields, details: [] }, russian)).toBe('The absence overlaps another entry');
  });

  it('words a whole-request refusal from details.reason, else its English message', () => {
    expect(refusalText(gone, russian)).toBe('Отсутствия a-7 нет');
    expect(refusalText(gone, english)).toBe('There is no absence a-7');
    expect(inUserLanguage(gone, russian)).toEqual({ ...gone, message: 'Отсутствия a-7 нет' });
    expect(refusalText({ code: 'sidecar', message: 'Sidecar said no' }, russian)).toBe('Sidecar said no');
    expect(refusalText({ ...gone, details: { reason: { en: 1 } } }, russian)).toBe('There is no absence a-7');
  });

  it('puts each field’s reason under its path (the root under `form`), the message where no words came', () => {
    expect(fieldProblems(fields, russian)).toEqual({
      from: 'Пересекается с другой записью (выходной, 2026-12-10); сначала измените или удалите её',
      note: 'Keep the note under 200 characters',
      form: 'неизвестное поле «extra»',
    });
    expect(fieldProblems(fields, english).from).toBe(
      'Overlaps another entry (day off, 2026-12-10); change or remove that one first',
    );
    expect(fieldProblems(gone, russian)).toEqual({ form: 'Отсутствия a-7 нет' });
  });
});
