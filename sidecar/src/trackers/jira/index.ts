// The Jira gateway: the only module that talks to Jira. jira.js builds the requests; the transport
// under it owns timeouts, concurrency, rate limits, pacing and retries; this file maps Frontline's
// operations onto Jira's REST API and every outcome onto a typed result.
import { err, ok } from '@frontline/shared';
import type { Client } from 'jira.js/core';
import {
  addComment,
  assignIssue,
  createIssue,
  doTransition,
  editIssue,
  findUsers,
  getBulkOperationProgress,
  getCreateIssueMetaIssueTypeId,
  getCreateIssueMetaIssueTypes,
  getFields,
  getIssue,
  getProject,
  getTransitions,
  getUser,
  linkIssues,
  searchAndReconsileIssuesUsingJqlPost,
  searchProjects,
  setIssueProperty,
  submitBulkMove,
  updateMultipleCustomFieldValues,
} from 'jira.js/cloud';
import { adfFromText } from './adf.js';
import { Transport, transportOptions, type CallContext, type Endpoint } from './transport.js';
import {
  JiraCallError,
  type AppFieldValue,
  type BulkMoveOutcome,
  type CreateMetaField,
  type CreateMetaIssueType,
  type JiraAuth,
  type JiraField,
  type JiraGateway,
  type JiraGatewayOptions,
  type JiraIssue,
  type JiraProject,
  type JiraResult,
  type JiraTransition,
  type JiraUser,
} from './types.js';

export * from './types.js';
export { adfFromText } from './adf.js';

const TERMINAL_BULK_STATUSES = new Set(['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD']);

function authorizationHeader(auth: JiraAuth): string {
  return auth.type === 'basic'
    ? `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`, 'utf8').toString('base64')}`
    : `Bearer ${auth.token}`;
}

/** A gateway with timeouts, bounded concurrency, rate-limit handling and per-issue write pacing. */
export function createJiraGateway(opts: JiraGatewayOptions): JiraGateway {
  const settings = transportOptions(opts);
  const transport = new Transport(settings);
  return gatewayOn(transport, settings, {
    baseUrl: opts.baseUrl,
    authorization: authorizationHeader(opts.auth),
  });
}

function gatewayOn(
  transport: Transport,
  settings: ReturnType<typeof transportOptions>,
  endpoint: Endpoint,
): JiraGateway {
  /** Runs one operation; a classified failure becomes an error result, anything else is a bug. */
  async function call<T>(ctx: CallContext, fn: (client: Client) => Promise<T>): Promise<JiraResult<T>> {
    try {
      return ok(await fn(transport.client(endpoint, ctx)));
    } catch (error) {
      if (error instanceof JiraCallError) return err(error.failure);
      throw error;
    }
  }
  const read = (op: string): CallContext => ({ op, idempotent: true });

  const gateway: JiraGateway = {
    getIssue: (issueIdOrKey, o) =>
      call(read('getIssue'), (c) =>
        getIssue(c, {
          issueIdOrKey,
          fields: o?.fields ? [...o.fields] : undefined,
          expand: o?.expand ? o.expand.join(',') : undefined,
        }),
      ) as Promise<JiraResult<JiraIssue>>,

    createIssue: async (input) => {
      const r = await call({ op: 'createIssue', idempotent: false }, (c) =>
        createIssue(c, { fields: input.fields, update: input.update } as Parameters<typeof createIssue>[1]),
      );
      return r.ok ? ok({ id: String(r.value.id), key: String(r.value.key), self: String(r.value.self) }) : r;
    },

    editIssue: (issueIdOrKey, input, o) =>
      call({ op: 'editIssue', idempotent: true, writesIssue: issueIdOrKey }, async (c) => {
        await editIssue(c, {
          issueIdOrKey,
          fields: input.fields,
          update: input.update,
          notifyUsers: o?.notifyUsers,
        } as Parameters<typeof editIssue>[1]);
      }),

    assignIssue: (issueIdOrKey, accountId) =>
      call({ op: 'assignIssue', idempotent: true, writesIssue: issueIdOrKey }, async (c) => {
        await assignIssue(c, { issueIdOrKey, accountId } as Parameters<typeof assignIssue>[1]);
      }),

    addComment: async (issueIdOrKey, body, o) => {
      const r = await call({ op: 'addComment', idempotent: false, writesIssue: issueIdOrKey }, (c) =>
        addComment(c, {
          issueIdOrKey,
          body: typeof body === 'string' ? adfFromText(body) : body,
          // JSM keeps a comment internal when this property says so.
          properties: o?.internal ? [{ key: 'sd.public.comment', value: { internal: true } }] : undefined,
        } as unknown as Parameters<typeof addComment>[1]),
      );
      return r.ok ? ok({ id: String(r.value.id) }) : r;
    },

    getTransitions: async (issueIdOrKey) => {
      const r = await call(read('getTransitions'), (c) => getTransitions(c, { issueIdOrKey }));
      if (!r.ok) return r;
      const transitions = (r.value.transitions ?? []) as unknown as JiraTransition[];
      return ok(transitions.map((t) => ({ id: String(t.id), name: String(t.name), to: t.to })));
    },

    transitionIssue: (issueIdOrKey, transitionId, o) =>
      call({ op: 'transitionIssue', idempotent: false, writesIssue: issueIdOrKey }, async (c) => {
        await doTransition(c, {
          issueIdOrKey,
          transition: { id: transitionId },
          fields: o?.fields,
        } as Parameters<typeof doTransition>[1]);
      }),

    // Jira does not duplicate an existing link of the same type, so a repeated request is harmless.
    linkIssues: (input) =>
      call({ op: 'linkIssues', idempotent: true, writesIssue: input.inwardIssue }, async (c) => {
        await linkIssues(c, {
          type: { name: input.type },
          inwardIssue: { key: input.inwardIssue },
          outwardIssue: { key: input.outwardIssue },
          comment: input.comment ? { body: adfFromText(input.comment) } : undefined,
        } as Parameters<typeof linkIssues>[1]);
      }),

    // PUT replaces the whole value, so sending the same value again is harmless.
    setIssueProperty: (issueIdOrKey, propertyKey, value) =>
      call({ op: 'setIssueProperty', idempotent: true, writesIssue: issueIdOrKey }, async (c) => {
        await setIssueProperty(c, { issueIdOrKey, propertyKey, body: value } as Parameters<
          typeof setIssueProperty
        >[1]);
      }),

    search: (jql, o) => ({
      async *[Symbol.asyncIterator]() {
        let nextPageToken: string | undefined;
        const seenTokens = new Set<string>();
        do {
          const r = await call(read('searchJql'), (c) =>
            searchAndReconsileIssuesUsingJqlPost(c, {
              jql,
              fields: o?.fields ? [...o.fields] : undefined,
              expand: o?.expand?.length ? o.expand.join(',') : undefined,
              maxResults: o?.pageSize ?? 100,
              nextPageToken,
            }),
          );
          if (!r.ok) throw new JiraCallError(r.error);
          for (const issue of (r.value.issues ?? []) as JiraIssue[]) yield issue;
          // Jira marks the last page with `isLast` (and no token); always follow a token it gives.
          nextPageToken = r.value.isLast === true ? undefined : (r.value.nextPageToken ?? undefined);
          if (nextPageToken !== undefined && seenTokens.has(nextPageToken)) {
            // A token seen before would page in a circle; stop rather than loop forever.
            settings.logger.warn(
              { op: 'searchJql', pages: seenTokens.size + 1 },
              'jira repeated a page token',
            );
            nextPageToken = undefined;
          }
          if (nextPageToken !== undefined) seenTokens.add(nextPageToken);
        } while (nextPageToken);
      },
    }),

    moveIssues: async (request, o) => {
      const submitted = await call({ op: 'moveIssues', idempotent: false }, (c) =>
        submitBulkMove(c, {
          sendBulkNotification: request.sendBulkNotification ?? false,
          targetToSourcesMapping: {
            [`${request.targetProject},${request.targetIssueTypeId}`]: {
              issueIdsOrKeys: [...request.issueIdsOrKeys],
              inferFieldDefaults: true,
              inferStatusDefaults: true,
              inferSubtaskTypeDefault: true,
              inferClassificationDefaults: true,
              ...(request.targetMandatoryFields
                ? { targetMandatoryFields: request.targetMandatoryFields }
                : {}),
            },
          },
        } as unknown as Parameters<typeof submitBulkMove>[1]),
      );
      if (!submitted.ok) return submitted;
      const taskId = String(submitted.value.taskId);
      const pollIntervalMs = o?.pollIntervalMs ?? 1_000;
      const deadline = settings.clock.now() + (o?.maxWaitMs ?? 300_000);
      for (;;) {
        const progress = await call(read('moveIssues.progress'), (c) =>
          getBulkOperationProgress(c, { taskId }),
        );
        if (!progress.ok) return progress;
        const p = progress.value;
        if (p.status && TERMINAL_BULK_STATUSES.has(String(p.status))) {
          const outcome: BulkMoveOutcome = {
            taskId,
            status: String(p.status) as BulkMoveOutcome['status'],
            moved: (p.processedAccessibleIssues ?? []).map(String),
            failed: (p.failedAccessibleIssues ?? {}) as Record<string, string[]>,
            invalidOrInaccessibleCount: p.invalidOrInaccessibleIssueCount ?? 0,
          };
          return ok(outcome);
        }
        if (settings.clock.now() >= deadline) {
          return err({
            kind: 'retryable',
            op: 'moveIssues',
            status: 0,
            message: `bulk move ${taskId} still ${String(p.status)} after ${o?.maxWaitMs ?? 300_000} ms`,
            errorMessages: [],
            errors: {},
            outcomeUnknown: true,
            attempts: 1,
          });
        }
        await settings.clock.sleep(pollIntervalMs);
      }
    },

    setAppFieldValues: async (fieldIdOrKey, values, o) => {
      const batches = appFieldBatches(fieldIdOrKey, values, o?.batchSize ?? 100);
      for (const updates of batches) {
        const r = await call({ op: 'setAppFieldValues', idempotent: true }, (c) =>
          updateMultipleCustomFieldValues(c, { generateChangelog: false, updates } as Parameters<
            typeof updateMultipleCustomFieldValues
          >[1]),
        );
        if (!r.ok) return r;
      }
      return ok({ requests: batches.length });
    },

    getCreateMetaIssueTypes: async (projectIdOrKey) => {
      const r = await call(read('getCreateMetaIssueTypes'), (c) =>
        getCreateIssueMetaIssueTypes(c, { projectIdOrKey, maxResults: 200 }),
      );
      if (!r.ok) return r;
      const types = (r.value.issueTypes ?? []) as CreateMetaIssueType[];
      return ok(types.map((t) => ({ id: String(t.id), name: String(t.name), subtask: t.subtask })));
    },

    getCreateMetaFields: async (projectIdOrKey, issueTypeId) => {
      const r = await call(read('getCreateMetaFields'), (c) =>
        getCreateIssueMetaIssueTypeId(c, { projectIdOrKey, issueTypeId, maxResults: 200 }),
      );
      if (!r.ok) return r;
      return ok(
        ((r.value.fields ?? r.value.results ?? []) as unknown as CreateMetaField[]).map((f) => ({ ...f })),
      );
    },

    getUser: (accountId) =>
      call(read('getUser'), (c) => getUser(c, { accountId })) as Promise<JiraResult<JiraUser>>,

    findUsers: (query) =>
      call(read('findUsers'), (c) => findUsers(c, { query, maxResults: 100 })) as Promise<
        JiraResult<JiraUser[]>
      >,

    getProject: (projectIdOrKey) =>
      call(read('getProject'), (c) => getProject(c, { projectIdOrKey })) as Promise<JiraResult<JiraProject>>,

    searchProjects: async () => {
      const projects: JiraProject[] = [];
      for (let startAt = 0; ;) {
        const r = await call(read('searchProjects'), (c) => searchProjects(c, { startAt, maxResults: 50 }));
        if (!r.ok) return r;
        const values = (r.value.values ?? []) as JiraProject[];
        projects.push(...values);
        startAt += values.length;
        if (r.value.isLast !== false || values.length === 0) return ok(projects);
      }
    },

    getFields: () => call(read('getFields'), (c) => getFields(c)) as Promise<JiraResult<JiraField[]>>,

    forAppToken: (token, apiBaseUrl) =>
      gatewayOn(transport, settings, {
        baseUrl: apiBaseUrl,
        authorization: authorizationHeader({ type: 'appToken', token }),
      }),
  };
  return gateway;
}

/**
 * Groups values for Jira's bulk app-field endpoint: one update per distinct value (it sets one
 * value on many issues), at most `batchSize` issue ids per request.
 */
export function appFieldBatches(
  customField: string,
  values: readonly AppFieldValue[],
  batchSize: number,
): { customField: string; issueIds: number[]; value: unknown }[][] {
  const byValue = new Map<string, { value: unknown; issueIds: number[] }>();
  for (const v of values) {
    const key = JSON.stringify(v.value ?? null);
    const group = byValue.get(key) ?? { value: v.value ?? null, issueIds: [] };
    group.issueIds.push(Number(v.issueId));
    byValue.set(key, group);
  }
  const batches: { customField: string; issueIds: number[]; value: unknown }[][] = [];
  let current: { customField: string; issueIds: number[]; value: unknown }[] = [];
  let size = 0;
  for (const group of byValue.values()) {
    for (let i = 0; i < group.issueIds.length;) {
      const room = batchSize - size;
      const chunk = group.issueIds.slice(i, i + room);
      current.push({ customField, issueIds: chunk, value: group.value });
      size += chunk.length;
      i += chunk.length;
      if (size === batchSize) {
        batches.push(current);
        current = [];
        size = 0;
      }
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
