// The project page's one function: Team week (availability) and the Service report limited to the
// project share the page, and a page has one resolver function, so it answers both groups.
import type { AvailabilityClient } from '../remote/availability-client.js';
import type { ReportClient } from '../remote/report-client.js';
import { availabilityResolvers } from './availability.js';
import { reportResolvers } from './report.js';
import type { ResolverDeps, ResolverHandler } from './resolver-kit.js';

export function projectPageResolvers(clients: {
  availability: AvailabilityClient;
  report: ReportClient;
}): (deps: ResolverDeps) => Record<string, ResolverHandler> {
  return (deps) => {
    const team = availabilityResolvers(clients.availability)(deps);
    const report = reportResolvers(clients.report);
    const shared = Object.keys(team).filter((name) => name in report);
    if (shared.length) throw new Error(`Resolver names used twice on the project page: ${shared.join(', ')}`);
    return { ...team, ...report };
  };
}
