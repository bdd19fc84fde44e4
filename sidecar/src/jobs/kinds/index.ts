// The typed map of every job kind: name → definition. Add a kind by adding its file and a line here.
import type { z } from 'zod';
import { intakeProcess } from './intake-process.js';
import { schedulesTick } from './schedules-tick.js';
import { absencesRefresh } from './absences-refresh.js';
import { temperatureSweep } from './temperature-sweep.js';

export const jobKinds = {
  [intakeProcess.name]: intakeProcess,
  [schedulesTick.name]: schedulesTick,
  [absencesRefresh.name]: absencesRefresh,
  [temperatureSweep.name]: temperatureSweep,
} as const;

export type JobKinds = typeof jobKinds;
export type JobName = keyof JobKinds;
export type JobData<N extends JobName> = z.output<JobKinds[N]['data']>;

export const JOB_NAMES = Object.keys(jobKinds) as JobName[];
