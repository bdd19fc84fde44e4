// YouTrack as a tracker: the REST client, the tracker port over it, and how its issues read.
export { YouTrackClient, youtrackIssueUrl } from './client.js';
export type { YouTrackClientOptions, YouTrackLogger } from './client.js';
export { createYouTrackTracker } from './tracker.js';
export type { YouTrackSettings, YouTrackTrackerOptions } from './tracker.js';
export {
  createYouTrackIssueSource,
  openIssuesQuery,
  priorityFromYouTrack,
  readYouTrackEvent,
} from './issue-source.js';
