// Waiting for the customer's approval of paid work pauses the resolution clock only.
import type { SlaEvent } from '../schemas/sla.js';
import { SlaEventSchema } from '../schemas/sla.js';
import { computeSlaClocks } from './index.js';
import { OFFICE_HOURS, STANDARD_POLICY, calendarOf, msk, mskIso, policyOf } from './test/fixtures.js';

const policy = policyOf(STANDARD_POLICY);
const office = calendarOf(OFFICE_HOURS);

function clocksAt(history: SlaEvent[], now: string) {
  const result = computeSlaClocks(policy, office, history, msk(now), { segments: true });
  if (!result.ok) throw new Error(result.error.message);
  const byName = Object.fromEntries(result.value.clocks.map((c) => [c.target, c]));
  return { resolution: byName.resolution!, firstResponse: byName.firstResponse! };
}

describe('approval pause on the resolution clock', () => {
  // Tuesday 12 January 2027 10:00 Moscow, a business day on the office calendar.
  const created: SlaEvent = { type: 'created', at: mskIso('2027-01-12T10:00'), priority: 'medium' };

  it('stops counting resolution time while the customer decides, and resumes after', () => {
    const history: SlaEvent[] = [
      created,
      { type: 'approval', at: mskIso('2027-01-12T11:00'), awaiting: true },
      { type: 'approval', at: mskIso('2027-01-12T14:00'), awaiting: false },
    ];
    const during = clocksAt(history.slice(0, 2), '2027-01-12T13:00');
    expect(during.resolution.elapsedMinutes).toBe(60);
    expect(during.resolution.state).toBe('paused');
    expect(during.resolution.segments.at(-1)?.reason).toBe(
      'paused while the customer decides on the paid work',
    );
    // The other clocks keep counting: the customer is still owed a first answer.
    expect(during.firstResponse.state).toBe('running');
    expect(during.firstResponse.elapsedMinutes).toBe(180);

    const after = clocksAt(history, '2027-01-12T15:00');
    expect(after.resolution.state).toBe('running');
    expect(after.resolution.elapsedMinutes).toBe(120);
  });

  it('counts as usual without approval facts (the same history, the pause left out)', () => {
    expect(clocksAt([created], '2027-01-12T13:00').resolution.elapsedMinutes).toBe(180);
  });

  it('accepts the approval fact in stored histories', () => {
    expect(
      SlaEventSchema.safeParse({ type: 'approval', at: '2027-01-12T08:00:00Z', awaiting: true }).success,
    ).toBe(true);
    expect(SlaEventSchema.safeParse({ type: 'approval', at: '2027-01-12T08:00:00Z' }).success).toBe(false);
  });
});
