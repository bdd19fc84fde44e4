import { customerText, estimateText, hoursText, unmatchedCustomerTexts } from '../customer/texts.js';
import { translate } from './index.js';

describe("the customer's words in the catalogues", () => {
  it('are the catalogue entries customer.<code>, in both languages, with no code missing from either', () => {
    expect(unmatchedCustomerTexts()).toEqual([]);
    const params = { key: 'SUP-7', summary: 'Replica lag' };
    expect(customerText('en', 'rating.done', params)).toBe(
      translate('en', { code: 'customer.rating.done', params }),
    );
    expect(customerText('ru', 'page.title.rating', params)).toBe('Как мы справились? — SUP-7');
    expect(customerText('en', 'page.title.rating', params)).toBe('How did we do? — SUP-7');
  });

  it('picks the formal or informal Russian register', () => {
    const params = { key: 'SUP-7', summary: 'Отчёты', link: 'https://x/c/t', until: '10.12' };
    expect(customerText('ru', 'mail.rating.body', params, 'formal')).toMatch(/^Здравствуйте!/);
    expect(customerText('ru', 'mail.rating.body', params, 'informal')).toMatch(/^Привет!/);
    expect(customerText('en', 'mail.rating.body', params, 'informal')).toMatch(/^Hi,/);
    expect(customerText('en', 'mail.rating.body', params)).toMatch(/^Hello,/);
  });

  it('counts hours with Russian plurals', () => {
    expect([1, 3, 5, 21, 1.5].map((h) => hoursText('ru', h))).toEqual([
      '1 час',
      '3 часа',
      '5 часов',
      '21 час',
      '1,5 часа',
    ]);
    expect([1, 16].map((h) => hoursText('en', h))).toEqual(['1 hour', '16 hours']);
    expect(estimateText('ru', { hours: 16, cost: '64 000 ₽' })).toBe('16 часов · Стоимость: 64 000 ₽');
  });

  it("words the page's form problems, the comment limit counted in Russian plurals", () => {
    const tooLong = (language: 'en' | 'ru', max: number) =>
      customerText(language, 'problem.commentTooLong', { max });
    expect([1, 2, 5, 21, 2000].map((max) => tooLong('ru', max))).toEqual([
      'комментарий длиннее 1 символа',
      'комментарий длиннее 2 символов',
      'комментарий длиннее 5 символов',
      'комментарий длиннее 21 символа',
      'комментарий длиннее 2\u00a0000 символов',
    ]);
    expect(tooLong('en', 1)).toBe('the comment is longer than 1 character');
    expect(tooLong('en', 2000)).toBe('the comment is longer than 2,000 characters');
    expect(customerText('ru', 'problem.chooseScore')).toBe('выберите оценку');
    expect(customerText('en', 'problem.yourManager')).toBe('your service manager');
  });

  it('answers an unknown code as it is', () => {
    expect(customerText('ru', 'no.such.code')).toBe('no.such.code');
  });
});
