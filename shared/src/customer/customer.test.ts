import { CustomerSideSchema, pausesWhileAwaitingApproval } from '../schemas/customer.js';
import { SettingsDocumentSchema } from '../schemas/settings.js';
import { EstimateSchema, RecordedDecisionSchema, workMayStart } from './approval.js';
import {
  averageRating,
  isLowRating,
  netPromoterScore,
  RatingAnswerSchema,
  surveyPeriod,
} from './feedback.js';
import { CUSTOMER_TEXT_CODES, customerText, estimateText, unmatchedCustomerTexts } from './texts.js';
import { checkClaims } from './tokens.js';

describe('work may start', () => {
  const approved = { v: 1, requestId: 'r1', state: 'approved', at: '2027-01-12T08:00:00.000Z' };
  it('lets covered tickets and other categories through', () => {
    expect(workMayStart({ paidWork: false, targetCategory: 'indeterminate', property: undefined })).toEqual({
      ok: true,
    });
    expect(workMayStart({ paidWork: true, targetCategory: 'done', property: undefined })).toEqual({
      ok: true,
    });
  });
  it('refuses paid work into In Progress until approved, saying why', () => {
    const into = (property: unknown) =>
      workMayStart({ paidWork: true, targetCategory: 'indeterminate', property });
    expect(into(undefined)).toEqual({ ok: false, refusal: 'approvalNotRequested' });
    expect(into({ ...approved, state: 'awaiting' })).toEqual({ ok: false, refusal: 'approvalAwaiting' });
    expect(into({ ...approved, state: 'declined' })).toEqual({ ok: false, refusal: 'approvalDeclined' });
    expect(into({ ...approved, state: 'expired' })).toEqual({ ok: false, refusal: 'approvalExpired' });
    expect(into({ v: 2, state: 'approved' })).toEqual({ ok: false, refusal: 'approvalNotRequested' });
    expect(into(approved)).toEqual({ ok: true });
  });
});

describe('inputs', () => {
  it('needs hours, a cost or a note in an estimate', () => {
    expect(EstimateSchema.safeParse({}).success).toBe(false);
    expect(EstimateSchema.safeParse({ hours: 16 }).success).toBe(true);
    expect(EstimateSchema.safeParse({ hours: -1 }).success).toBe(false);
  });
  it('records only decisions that came another way, with who and when', () => {
    const ok = {
      decision: 'approved',
      via: 'phone',
      decidedBy: 'Irina Volkova',
      decidedAt: '2027-01-12T08:00:00Z',
    };
    expect(RecordedDecisionSchema.safeParse(ok).success).toBe(true);
    expect(RecordedDecisionSchema.safeParse({ ...ok, via: 'page' }).success).toBe(false);
    expect(RecordedDecisionSchema.safeParse({ ...ok, decidedBy: ' ' }).success).toBe(false);
  });
  it('takes ratings 1–5 only', () => {
    expect(RatingAnswerSchema.safeParse({ score: '4' }).success).toBe(true);
    expect(RatingAnswerSchema.safeParse({ score: '6' }).success).toBe(false);
    expect(RatingAnswerSchema.safeParse({ score: '0' }).success).toBe(false);
  });
});

describe('figures', () => {
  it('flags ratings of 2 or less', () => {
    expect([1, 2, 3, 5].map(isLowRating)).toEqual([true, true, false, false]);
  });
  it('computes NPS as promoters minus detractors', () => {
    expect(netPromoterScore([])).toBeNull();
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25);
    expect(averageRating([4, 5, 2])).toBe(3.67);
  });
  it('names quarters and other periods', () => {
    expect(surveyPeriod(new Date('2027-05-20T10:00:00Z'), 3)?.key).toBe('2027-Q2');
    expect(surveyPeriod(new Date('2027-05-20T10:00:00Z'), 12)?.key).toBe('2027');
    expect(surveyPeriod(new Date('2027-05-20T10:00:00Z'), 0)).toBeNull();
  });
  it('expires claims at their time', () => {
    const claims = { v: 1 as const, p: 'rating' as const, s: 'x', r: 'y', e: 1_800_000_000 };
    expect(checkClaims(claims, new Date(1_799_999_999_000)).ok).toBe(true);
    expect(checkClaims(claims, new Date(1_800_000_000_000)).ok).toBe(false);
  });
});

describe('settings', () => {
  it('defaults to 7-day approval links and a quarterly NPS', () => {
    const side = SettingsDocumentSchema.parse({}).customerSide;
    expect(side.approvalLinkDays).toBe(7);
    expect(side.npsCadenceMonths).toBe(3);
  });
  it('names the bad field', () => {
    const r = CustomerSideSchema.safeParse({ approvalLinkDays: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['approvalLinkDays']);
  });
  it('pauses the clock for listed contracts or all', () => {
    const side = CustomerSideSchema.parse({ pauseResolutionWhileAwaitingApproval: ['c-1'] });
    expect(pausesWhileAwaitingApproval(side, 'c-1')).toBe(true);
    expect(pausesWhileAwaitingApproval(side, 'c-2')).toBe(false);
    expect(
      pausesWhileAwaitingApproval(
        CustomerSideSchema.parse({ pauseResolutionWhileAwaitingApproval: ['*'] }),
        'c-2',
      ),
    ).toBe(true);
  });
});

describe('texts', () => {
  it('writes hours with Russian plurals', () => {
    expect(estimateText('ru', { hours: 16 })).toBe('16 часов');
    expect(estimateText('ru', { hours: 2, cost: '64 000 ₽' })).toBe('2 часа · Стоимость: 64 000 ₽');
    expect(estimateText('en', { hours: 1 })).toBe('1 hour');
  });
  it('speaks formally or informally in Russian', () => {
    const p = { key: 'SUP-7', summary: 'x', number: 'N', estimate: 'e', link: 'l', until: 'u' };
    expect(customerText('ru', 'mail.approval.body', p, 'formal')).toContain('Ваше согласие');
    expect(customerText('ru', 'mail.approval.body', p, 'informal')).toContain('твоё согласие');
  });
  it('has every code in both languages', () => {
    expect(unmatchedCustomerTexts()).toEqual([]);
    expect(CUSTOMER_TEXT_CODES.length).toBeGreaterThan(40);
  });
});
