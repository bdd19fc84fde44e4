// The NPS survey's schedule: a daily job (one per day across replicas, pg-boss cron) that invites
// each customer's contacts once per survey period — the period, customer and contact are the
// invitation's unique key, so a second run, a retry or a second replica sends nothing more.
export const NPS_SCHEDULE = { name: 'customer.nps', cron: '40 7 * * *' } as const;
