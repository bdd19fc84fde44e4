// Ratings and NPS in the Service report as the desk lives them: Polar Frost's contact is asked to
// rate two tickets the engineer resolves in the Jira stand-in, answers 2 and 5 on the customer page,
// and answers the quarterly NPS question with 9; the report API (JSON and CSV) then shows the
// average, the share of 2 or less and the NPS, worked out here by hand.
import type { ServiceReport } from '@frontline/shared';
import { parseCsv } from '@frontline/shared';
import { DEMO_CREDENTIALS } from '../../sandbox/index.js';
import { contactOf, linkIn, startCustomerWorld } from '../../test/customer-side.js';
import type { CustomerWorld } from '../../test/customer-side.js';

const ADMIN = 'customer-side-admin-token-0001';

describe('customer ratings and NPS in the Service report', () => {
  let world: CustomerWorld;
  beforeAll(async () => {
    world = await startCustomerWorld();
  }, 60_000);
  afterAll(() => world?.close(), 30_000);

  const post = (form: Record<string, string>) =>
    fetch(`${world.sidecar.url}/c`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const auth = Buffer.from(`${DEMO_CREDENTIALS.email}:${DEMO_CREDENTIALS.apiToken}`).toString('base64');

  /** Raises a ticket for the customer, resolves it in Jira and answers the rating link from the mail. */
  const rate = async (summary: string, score: number) => {
    const ticket = world.paidWorkTicket('polar-frost', summary);
    const resolved = await fetch(`${world.jira.url}/rest/api/3/issue/${ticket.key}/transitions`, {
      method: 'POST',
      headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ transition: { id: '31' } }),
    });
    expect(resolved.status).toBe(204);
    const [mail] = await world.mailTo(
      contactOf('polar-frost').emailAddress,
      new RegExp(`${ticket.key} решена`),
    );
    const answered = await post({ token: linkIn(mail!).split('/c/')[1]!, score: String(score) });
    expect(answered.status).toBe(200);
  };

  it('shows the average, the ratings of 2 or less and the NPS for the period, in JSON and CSV', async () => {
    await rate('Отчёт по складу не формируется', 2);
    await rate('Не печатаются этикетки на линии 3', 5);
    await world.sidecar.queue.send('customer.nps', {});
    const [nps] = await world.mailTo(contactOf('polar-frost').emailAddress, /Один вопрос/);
    expect((await post({ token: linkIn(nps!).split('/c/')[1]!, score: '9' })).status).toBe(200);

    const today = new Date().toISOString().slice(0, 10);
    const get = (path: string, more = '') =>
      fetch(`${world.sidecar.url}/api/reports/${path}?from=${today}&to=${today}${more && `&${more}`}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
    const report = (await (await get('service')).json()) as ServiceReport;
    // Two ratings, 2 and 5: average 3.5, one of 2 or less (half); one NPS answer of 9, a promoter: 100.
    const expected = {
      count: 2,
      average: 3.5,
      low: 1,
      lowShare: 0.5,
      nps: { answers: 1, promoters: 1, detractors: 0, score: 100 },
    };
    expect(report.ratings.totals).toEqual(expected);
    expect(report.ratings.byCustomer).toEqual([
      { key: 'polar-frost', label: expect.any(String), ...expected },
    ]);
    expect(report.ratings.byTeam.reduce((n, t) => n + t.count, 0)).toBe(2);

    // A period before today has none of them.
    const before = (await (
      await fetch(`${world.sidecar.url}/api/reports/service?from=2026-01-01&to=2026-01-31`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      })
    ).json()) as ServiceReport;
    expect(before.ratings.totals.count).toBe(0);

    // The ratings are a CSV file of their own; the figures' file holds only its groups.
    const csv = parseCsv(await (await get('service.csv', 'table=ratings')).text());
    expect(csv[0]![0]).toBe('Ratings by');
    expect(csv[1]).toEqual(['All', 'All', '2', '3.5', '1', '50', '1', '100']);
    const figures = parseCsv(await (await get('service.csv')).text());
    expect(figures[0]![0]).toBe('Period start');
    expect(figures.some((row) => row[0] === 'Ratings by')).toBe(false);
  }, 90_000);
});
