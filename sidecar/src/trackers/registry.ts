// One tracker for the use cases, several behind it: each call goes to the tracker the issue's project
// lives in (settings `trackers.projects`; Jira unless listed). Searches, field writes and Jira-only
// calls go to Jira; a YouTrack sweep talks to the YouTrack tracker itself.
import { err, trackerOfProject } from '@frontline/shared';
import type { TrackerKind } from '@frontline/shared';
import type { IssueLinks, Tracker, TrackerResult } from '../ports.js';

export interface TrackerRegistryDeps {
  jira: Tracker | undefined;
  youtrack: Tracker | undefined;
  /** The tracker a project lives in (read from the settings on each call). */
  kindOf(project: string): Promise<TrackerKind>;
}

const projectOf = (issueKey: string): string => issueKey.split('-')[0] ?? issueKey;

function missing<T>(op: string, kind: TrackerKind): Promise<TrackerResult<T>> {
  const message = `${kind === 'jira' ? 'Jira' : 'YouTrack'} is not configured, but the project lives there`;
  return Promise.resolve(
    err({
      kind: 'permanent',
      op,
      status: 0,
      message,
      errorMessages: [message],
      errors: {},
      outcomeUnknown: false,
      attempts: 0,
    }),
  );
}

/** Picks Jira or YouTrack per project key; undefined when neither is configured. */
export function createTrackerRegistry(deps: TrackerRegistryDeps): Tracker | undefined {
  const { jira, youtrack } = deps;
  if (!youtrack) return jira;
  const pick = async (project: string): Promise<[TrackerKind, Tracker | undefined]> => {
    const kind = await deps.kindOf(project);
    return [kind, kind === 'youtrack' ? youtrack : jira];
  };
  /** Runs `call` on the tracker of `issueKey`'s project. */
  const byIssue = async <T>(
    op: string,
    issueKey: string,
    call: (t: Tracker) => Promise<TrackerResult<T>>,
  ): Promise<TrackerResult<T>> => {
    const [kind, tracker] = await pick(projectOf(issueKey));
    return tracker ? call(tracker) : missing(op, kind);
  };
  const jiraOnly = <T>(op: string, call: (t: Tracker) => Promise<TrackerResult<T>>) =>
    jira ? call(jira) : missing<T>(op, 'jira');
  return {
    search: (query, opts) => {
      if (!jira) throw new Error('Jira is not configured: searches in JQL have nowhere to go');
      return jira.search(query, opts);
    },
    getIssue: (key, opts) => byIssue('getIssue', key, (t) => t.getIssue(key, opts)),
    assignIssue: (key, accountId) => byIssue('assignIssue', key, (t) => t.assignIssue(key, accountId)),
    addComment: (key, body, opts) => byIssue('addComment', key, (t) => t.addComment(key, body, opts)),
    setAppFieldValues: (field, values, opts) =>
      jiraOnly('setAppFieldValues', (t) => t.setAppFieldValues(field, values, opts)),
    getTransitions: (key) => byIssue('getTransitions', key, (t) => t.getTransitions(key)),
    transitionIssue: (key, id, opts) =>
      byIssue('transitionIssue', key, (t) => t.transitionIssue(key, id, opts)),
    moveIssues: async (request, opts) => {
      const [kind, tracker] = await pick(request.targetProject);
      return tracker ? tracker.moveIssues(request, opts) : missing('moveIssues', kind);
    },
    createIssue: async (input) => {
      const project = (input.fields.project as { key?: string } | undefined)?.key;
      if (!project) return jiraOnly('createIssue', (t) => t.createIssue(input));
      const [kind, tracker] = await pick(project);
      return tracker ? tracker.createIssue(input) : missing('createIssue', kind);
    },
    linkIssues: (input) => byIssue('linkIssues', input.inwardIssue, (t) => t.linkIssues(input)),
    setIssueProperty: (key, prop, value) =>
      byIssue('setIssueProperty', key, (t) => t.setIssueProperty(key, prop, value)),
  };
}

export interface IssueLinksDeps {
  /** Jira's page for an issue. */
  jira: (key: string) => string;
  /** YouTrack's page for an issue (undefined: YouTrack is not configured). */
  youtrack: ((key: string) => string) | undefined;
}

/** Links in messages lead to the tracker the issue's project lives in, as the registry routes its calls. */
export function createIssueLinks(deps: IssueLinksDeps): IssueLinks {
  return {
    issueLink: (key, trackers) =>
      deps.youtrack && trackerOfProject(trackers, projectOf(key)) === 'youtrack'
        ? deps.youtrack(key)
        : deps.jira(key),
  };
}
