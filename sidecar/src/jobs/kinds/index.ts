// Every job kind, built from its dependencies. compose.ts calls `createJobKinds` once and registers
// the list with the queue and the workers; `SidecarJobs` is the typed name → data map that sending
// code is checked against. Add a kind by adding its file and a line in each of the two below.
import { absencesRefreshKind } from './absences-refresh.js';
import type { AbsencesRefreshDeps } from './absences-refresh.js';
import { intakeProcessKind } from './intake-process.js';
import type { IntakeProcessDeps } from './intake-process.js';
import { reportsBackfillKind } from './reports-backfill.js';
import { schedulesTickKind } from './schedules-tick.js';
import { temperatureSweepKind } from './temperature-sweep.js';
import type { TemperatureSweepDeps } from './temperature-sweep.js';
import type { CustomerJobs } from '../../customer/index.js';
import type { TickDeps } from '../../schedules/tick.js';
import type { TemperatureSweepRequest } from '../../temperature/sweep.js';
import type { BackfillDeps } from '../../reports/backfill.js';

/** Each kind's name and the data its jobs carry (the customer side's kinds are built apart). */
export interface SidecarJobs extends CustomerJobs {
  'intake.process': { eventId: string };
  'schedules.tick': Record<string, never>;
  'absences.refresh': Record<string, never>;
  'temperature.sweep': TemperatureSweepRequest;
  'reports.backfill': Record<string, never>;
}
export type JobName = keyof SidecarJobs;

export interface JobKindsDeps {
  intakeProcess: IntakeProcessDeps;
  schedulesTick: Omit<TickDeps, 'log'>;
  absencesRefresh: AbsencesRefreshDeps;
  temperatureSweep: TemperatureSweepDeps;
  reportsBackfill: BackfillDeps;
}

export function createJobKinds(deps: JobKindsDeps) {
  return [
    intakeProcessKind(deps.intakeProcess),
    schedulesTickKind(deps.schedulesTick),
    absencesRefreshKind(deps.absencesRefresh),
    temperatureSweepKind(deps.temperatureSweep),
    reportsBackfillKind(deps.reportsBackfill),
  ] as const;
}
