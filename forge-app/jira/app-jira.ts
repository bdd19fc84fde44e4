// Jira calls made as the app (`asApp`), for functions that run without a person's consent: the
// workflow validator reads the approval property and the target status's category. Each call is
// written out literally so `@forge/lint` can check it against the manifest's scopes.
import { route } from '@forge/api';
import type { JiraRequester, JiraResult } from './jira-client.js';
import { read } from './jira-client.js';

const json = { Accept: 'application/json' };

/** The part of `@forge/api` this module needs; tests pass a fetch-backed stand-in. */
export interface ForgeAppApi {
  asApp(): JiraRequester;
}

export function createAppJira(api: ForgeAppApi) {
  return {
    /** An issue property's value; a 404 means the property is not set. */
    getIssueProperty: (issueKey: string, propertyKey: string) =>
      read<{ key: string; value: unknown }>(
        api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, {
          method: 'GET',
          headers: json,
        }),
      ),

    /** A status with its category (`new`, `indeterminate`, `done`). */
    getStatus: (statusId: string): JiraResult<{ id: string; statusCategory?: { key?: string } }> =>
      read(api.asApp().requestJira(route`/rest/api/3/status/${statusId}`, { method: 'GET', headers: json })),
  };
}

export type AppJira = ReturnType<typeof createAppJira>;
