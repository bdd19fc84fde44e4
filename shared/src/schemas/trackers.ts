import { z } from 'zod';

// Which tracker each project lives in: Jira unless listed here. One sidecar may serve a desk whose
// service desk is in Jira while, say, the hardware team keeps its queue in YouTrack.

export const TRACKER_KINDS = ['jira', 'youtrack'] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];

const ProjectKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A project key is letters, digits and underscores');

/** The `trackers` section of the settings document. */
export const TrackersSchema = z.strictObject({
  /** Project key → tracker; projects not listed live in Jira. */
  projects: z.record(ProjectKeySchema, z.enum(TRACKER_KINDS)).default({}),
  /** YouTrack's field names Frontline reads and writes. */
  youtrack: z
    .strictObject({
      /** The integer custom field the sweep writes (read-only for people). */
      temperatureField: z.string().trim().min(1).default('Temperature'),
      /** A custom field whose value names the customer, when the projects have one. */
      customerField: z.string().trim().min(1).optional(),
      /** Engineers' YouTrack logins by their accountId (YouTrack knows people by login). */
      logins: z.record(z.string().trim().min(1), z.string().trim().min(1, 'A login is required')).default({}),
      /** The group internal notes are limited to (LimitedVisibility); unset → visible to the author only. */
      internalGroupId: z.string().trim().min(1).optional(),
      /**
       * States that mean work has started (Jira's "In Progress" category): YouTrack marks only
       * resolved states, so the rest are told apart by name. Matched without regard to case.
       */
      inProgressStates: z.array(z.string().trim().min(1).max(100)).max(50).default(['In Progress']),
    })
    .default({ temperatureField: 'Temperature', logins: {}, inProgressStates: ['In Progress'] }),
});
export type Trackers = z.output<typeof TrackersSchema>;
export type TrackersInput = z.input<typeof TrackersSchema>;

/** Every project in Jira, YouTrack's names at their defaults. */
export const DEFAULT_TRACKERS: Trackers = TrackersSchema.parse({});

/** The tracker a project lives in. */
export function trackerOfProject(trackers: Trackers | undefined, project: string): TrackerKind {
  return trackers?.projects[project] ?? 'jira';
}

/** The projects that live in `kind` (for Jira: only those listed explicitly). */
export function projectsIn(trackers: Trackers | undefined, kind: TrackerKind): string[] {
  return Object.entries(trackers?.projects ?? {})
    .filter(([, k]) => k === kind)
    .map(([p]) => p)
    .sort();
}
