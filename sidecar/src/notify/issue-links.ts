// The link a message gives for a ticket: its page in the tracker its project lives in (Jira's
// /browse/KEY, YouTrack's /issue/KEY), through the tracker registry's links when they are wired.
import type { Trackers } from '@frontline/shared';
import type { IssueLinks } from '../ports.js';

/** Jira's page for an issue on the site. */
export function jiraIssueUrl(siteUrl: string | undefined, key: string): string {
  return `${(siteUrl ?? 'https://jira.invalid').replace(/\/+$/, '')}/browse/${key}`;
}

/** What finding an issue's link needs: the registry's links, else the Jira site alone. */
export interface IssueLinkDeps {
  /** Each tracker's page for an issue (undefined: every issue is Jira's, on `siteUrl`). */
  issueLinks?: IssueLinks | undefined;
  /** The Jira site, e.g. https://northwind.atlassian.net. */
  siteUrl: string | undefined;
}

/** The issue's page in its tracker. */
export function issueLinkOf(deps: IssueLinkDeps, key: string, trackers: Trackers | undefined): string {
  return deps.issueLinks ? deps.issueLinks.issueLink(key, trackers) : jiraIssueUrl(deps.siteUrl, key);
}
