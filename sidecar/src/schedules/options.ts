// The schedules' options are the settings document's `schedules` section (shared schema), edited
// with every other rule in the admin page; re-exported here for the schedules' own modules.
export { DEFAULT_SCHEDULE_OPTIONS, ScheduleOptionsSchema } from '@frontline/shared';
export type { ScheduleOptions, ScheduleOptionsInput } from '@frontline/shared';
