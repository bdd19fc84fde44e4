// The report's ratings section: figures worked out by hand from six ratings and four NPS answers.
import type { NpsFact, RatingFact } from './ratings.js';
import { reportRatings } from './ratings.js';

const rating = (score: number, customerId: string | null, engineerId: string, team: string): RatingFact => ({
  score,
  customerId,
  customerName:
    customerId === null
      ? null
      : { translogistic: 'TransLogistic', 'severny-bank': 'Severny Bank' }[customerId]!,
  engineerId,
  team,
});
const RATINGS: RatingFact[] = [
  rating(5, 'translogistic', 'acc-olga', 'SUP'),
  rating(1, 'translogistic', 'acc-olga', 'SUP'),
  rating(4, 'translogistic', 'acc-ivan', 'HW'),
  rating(2, 'severny-bank', 'acc-ivan', 'HW'),
  rating(5, 'severny-bank', 'acc-olga', 'SUP'),
  rating(3, null, 'acc-olga', 'SUP'),
];
const NPS: NpsFact[] = [
  { score: 10, customerId: 'translogistic', customerName: 'TransLogistic' },
  { score: 9, customerId: 'translogistic', customerName: 'TransLogistic' },
  { score: 6, customerId: 'translogistic', customerName: 'TransLogistic' },
  { score: 7, customerId: 'severny-bank', customerName: 'Severny Bank' },
];
const NAMES = new Map([
  ['acc-olga', 'Olga Sokolova'],
  ['acc-ivan', 'Ivan Orlov'],
]);

describe('ratings in the service report', () => {
  const r = reportRatings(RATINGS, NPS, NAMES);

  it('in total: 6 ratings averaging 20/6, two of 2 or less; NPS (2 promoters − 1 detractor) / 4 = 25', () => {
    expect(r.totals).toEqual({
      count: 6,
      average: 3.33,
      low: 2,
      lowShare: 2 / 6,
      nps: { answers: 4, promoters: 2, detractors: 1, score: 25 },
    });
  });

  it('per customer, with the customer NPS; a rating with no customer counts only in total', () => {
    expect(r.byCustomer).toEqual([
      {
        key: 'severny-bank',
        label: 'Severny Bank',
        count: 2,
        average: 3.5,
        low: 1,
        lowShare: 0.5,
        nps: { answers: 1, promoters: 0, detractors: 0, score: 0 },
      },
      {
        key: 'translogistic',
        label: 'TransLogistic',
        count: 3,
        average: 3.33,
        low: 1,
        lowShare: 1 / 3,
        nps: { answers: 3, promoters: 2, detractors: 1, score: 33 },
      },
    ]);
  });

  it('per engineer (named) and per team, without an NPS of their own', () => {
    expect(r.byEngineer.map((e) => [e.label, e.count, e.average, e.low, e.lowShare, e.nps])).toEqual([
      ['Ivan Orlov', 2, 3, 1, 0.5, null],
      ['Olga Sokolova', 4, 3.5, 1, 0.25, null],
    ]);
    expect(r.byTeam.map((t) => [t.key, t.count, t.average, t.low])).toEqual([
      ['HW', 2, 3, 1],
      ['SUP', 4, 3.5, 1],
    ]);
  });

  it('has no figures without answers', () => {
    expect(reportRatings([], []).totals).toEqual({
      count: 0,
      average: null,
      low: 0,
      lowShare: null,
      nps: { answers: 0, promoters: 0, detractors: 0, score: null },
    });
  });
});
