// @ts-check
// The events this app sends to the sidecar (POST /webhooks/youtrack), built from YouTrack's workflow
// entities. Pure: entities, the acting user and the time in; the JSON body and its delivery id out.
// The rules (issue-created.js, issue-updated.js, issue-commented.js) call it and send what it builds.

/** The custom fields the desk reads, with the REST `$type` each is sent under. */
const WATCHED_FIELDS = [
  { name: 'Priority', type: 'SingleEnumIssueCustomField' },
  { name: 'Type', type: 'SingleEnumIssueCustomField' },
  { name: 'State', type: 'StateIssueCustomField' },
  { name: 'Assignee', type: 'SingleUserIssueCustomField' },
];
/** Where the customer is named when the settings name no field of their own. */
const DEFAULT_CUSTOMER_FIELD = 'Customer';
const MAX_TEXT = 32_000;

/**
 * @typedef {import('@jetbrains/youtrack-scripting-api/entities').Issue} Issue
 * @typedef {import('@jetbrains/youtrack-scripting-api/entities').User} User
 * @typedef {import('@jetbrains/youtrack-scripting-api/entities').IssueComment} IssueComment
 * @typedef {import('@jetbrains/youtrack-scripting-api/entities').FieldValue} FieldValue
 * @typedef {{ name: string, $type: string } | { login: string, fullName?: string, $type: 'User' } | { name: string, isResolved: boolean, $type: 'StateBundleElement' } | string | number | null} EventFieldValue
 * @typedef {{ name: string, $type: string, value: EventFieldValue }} EventCustomField
 * @typedef {{ field: string, removed: EventFieldValue, added: EventFieldValue }} EventChange
 * @typedef {{ login: string, email?: string, fullName?: string }} EventUser
 * @typedef {{
 *   id: string, idReadable: string, summary: string, created: number, updated: number,
 *   resolved: number | null, project: { id: string, shortName: string, name: string },
 *   reporter: EventUser | null, customFields: EventCustomField[]
 * }} EventIssue
 * @typedef {{ id: string, text: string, created: number, author: { login: string }, visibility: 'public' | 'restricted' }} EventComment
 * @typedef {'issue.created' | 'issue.updated' | 'issue.commented'} EventType
 * @typedef {{
 *   type: EventType, deliveryId: string, timestamp: number, issue: EventIssue,
 *   changes?: EventChange[], comment?: EventComment, author: { login: string, fullName?: string }
 * }} FrontlineEvent
 */

/**
 * A field value in the REST shape the sidecar reads.
 * @param {FieldValue | undefined} value
 * @returns {EventFieldValue}
 */
function fieldValue(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('login' in value) return { login: value.login, fullName: value.fullName, $type: 'User' };
  if ('isResolved' in value && typeof value.isResolved === 'boolean')
    return { name: value.name, isResolved: value.isResolved, $type: 'StateBundleElement' };
  return { name: value.name, $type: 'EnumBundleElement' };
}

/**
 * The `$type` of a field whose kind the app does not fix (the customer field): by its value.
 * @param {EventFieldValue} value
 */
function typeOfValue(value) {
  if (value !== null && typeof value === 'object') return 'SingleEnumIssueCustomField';
  return 'SimpleIssueCustomField';
}

/**
 * The fields sent for an issue: the watched ones and the customer field, those the project has.
 * @param {Issue} issue
 * @param {string} customerField
 * @returns {EventCustomField[]}
 */
function customFieldsOf(issue, customerField) {
  /** @type {EventCustomField[]} */
  const out = [];
  for (const field of WATCHED_FIELDS) {
    if (!issue.project.findFieldByName(field.name)) continue;
    out.push({ name: field.name, $type: field.type, value: fieldValue(issue.fields[field.name]) });
  }
  if (issue.project.findFieldByName(customerField)) {
    const value = fieldValue(issue.fields[customerField]);
    out.push({ name: customerField, $type: typeOfValue(value), value });
  }
  return out;
}

/**
 * @param {User | null | undefined} user
 * @returns {EventUser | null}
 */
function userOf(user) {
  if (!user) return null;
  return {
    login: user.login,
    ...(user.email ? { email: user.email } : {}),
    ...(user.fullName ? { fullName: user.fullName } : {}),
  };
}

/**
 * The issue as the event carries it.
 * @param {Issue} issue
 * @param {string} customerField
 * @returns {EventIssue}
 */
function issueOf(issue, customerField) {
  return {
    // The scripting API names an issue by its readable id only.
    id: issue.id,
    idReadable: issue.id,
    summary: String(issue.summary ?? '').slice(0, MAX_TEXT),
    created: issue.created,
    updated: issue.updated,
    resolved: issue.resolved ?? null,
    project: { id: issue.project.key, shortName: issue.project.key, name: issue.project.name },
    reporter: userOf(issue.reporter),
    customFields: customFieldsOf(issue, customerField),
  };
}

/**
 * What changed in this transaction among the fields the desk reads (and summary and project).
 * @param {Issue} issue
 * @param {string} customerField
 * @returns {EventChange[]}
 */
function changesOf(issue, customerField) {
  /** @type {EventChange[]} */
  const changes = [];
  const names = WATCHED_FIELDS.map((f) => f.name).concat([customerField]);
  for (const name of names) {
    if (!issue.project.findFieldByName(name) || !issue.isChanged(name)) continue;
    changes.push({
      field: name,
      removed: fieldValue(/** @type {FieldValue} */ (issue.oldValue(name))),
      added: fieldValue(issue.fields[name]),
    });
  }
  if (issue.isChanged('summary'))
    changes.push({
      field: 'summary',
      removed: String(issue.oldValue('summary') ?? ''),
      added: issue.summary,
    });
  if (issue.isChanged('project')) {
    const old = /** @type {{ key: string } | null} */ (issue.oldValue('project'));
    changes.push({ field: 'project', removed: old ? old.key : null, added: issue.project.key });
  }
  return changes;
}

/**
 * True when this transaction changed something the desk reads.
 * @param {Issue} issue
 * @param {string} customerField
 */
function hasWatchedChange(issue, customerField) {
  return changesOf(issue, customerField).length > 0;
}

/**
 * @param {{ login: string, fullName?: string } | null | undefined} user
 */
function authorOf(user) {
  if (!user) return { login: 'unknown' };
  return { login: user.login, ...(user.fullName ? { fullName: user.fullName } : {}) };
}

/**
 * A delivery id the same transaction always yields (a repeated send is deduplicated), ≤ 256 chars.
 * @param {string[]} parts
 */
function deliveryIdOf(parts) {
  return parts.join(':').slice(0, 256);
}

/**
 * @param {Readonly<Record<string, unknown>> | undefined} settings
 */
function customerFieldOf(settings) {
  const name = settings && typeof settings.customerField === 'string' ? settings.customerField.trim() : '';
  return name || DEFAULT_CUSTOMER_FIELD;
}

/**
 * The event for an issue that became reported.
 * @param {{ issue: Issue, currentUser: User | null, now: number, settings?: Readonly<Record<string, unknown>> }} input
 * @returns {FrontlineEvent}
 */
function issueCreatedEvent(input) {
  const { issue } = input;
  return {
    type: 'issue.created',
    deliveryId: deliveryIdOf(['issue.created', issue.id, String(issue.created)]),
    timestamp: input.now,
    issue: issueOf(issue, customerFieldOf(input.settings)),
    author: authorOf(input.currentUser ?? issue.reporter),
  };
}

/**
 * The event for a change to a reported issue; undefined when nothing the desk reads changed.
 * @param {{ issue: Issue, currentUser: User | null, now: number, settings?: Readonly<Record<string, unknown>> }} input
 * @returns {FrontlineEvent | undefined}
 */
function issueUpdatedEvent(input) {
  const { issue } = input;
  const customerField = customerFieldOf(input.settings);
  const changes = changesOf(issue, customerField);
  if (changes.length === 0) return undefined;
  const what = changes.map((c) => c.field).join(',');
  return {
    type: 'issue.updated',
    deliveryId: deliveryIdOf(['issue.updated', issue.id, String(input.now), what]),
    timestamp: input.now,
    issue: issueOf(issue, customerField),
    changes,
    author: authorOf(input.currentUser),
  };
}

/**
 * One event per comment added in this transaction.
 * @param {{ issue: Issue, currentUser: User | null, now: number, settings?: Readonly<Record<string, unknown>> }} input
 * @returns {FrontlineEvent[]}
 */
function issueCommentedEvents(input) {
  const { issue } = input;
  const customerField = customerFieldOf(input.settings);
  /** @type {FrontlineEvent[]} */
  const events = [];
  issue.comments.added.forEach((comment) => {
    const author = comment.author ? comment.author.login : 'unknown';
    const restricted = !comment.permittedGroups.isEmpty() || !comment.permittedUsers.isEmpty();
    // The scripting API gives a comment no id of its own: its time and author name it within the issue.
    const id = `${issue.id}/${comment.created}/${author}`;
    events.push({
      type: 'issue.commented',
      deliveryId: deliveryIdOf(['issue.commented', id]),
      timestamp: input.now,
      issue: issueOf(issue, customerField),
      comment: {
        id,
        text: String(comment.text ?? '').slice(0, MAX_TEXT),
        created: comment.created,
        author: { login: author },
        visibility: restricted ? 'restricted' : 'public',
      },
      author: authorOf(comment.author ?? input.currentUser),
    });
  });
  return events;
}

exports.WATCHED_FIELDS = WATCHED_FIELDS;
exports.issueCreatedEvent = issueCreatedEvent;
exports.issueUpdatedEvent = issueUpdatedEvent;
exports.issueCommentedEvents = issueCommentedEvents;
exports.hasWatchedChange = hasWatchedChange;
exports.customerFieldOf = customerFieldOf;
