// The part of YouTrack's JavaScript API this app uses, declared after the documented API
// (https://www.jetbrains.com/help/youtrack/devportal/Workflows-in-JavaScript.html and the app
// reference for HTTP handlers). Only what the rules and the backend handler touch is declared, so a
// call outside it fails the type check rather than surprising a YouTrack instance.

declare module '@jetbrains/youtrack-scripting-api/entities' {
  /** YouTrack's collection type: iterable with forEach, and the members added in this transaction. */
  export interface Set<T> {
    forEach(visitor: (item: T) => void): void;
    isEmpty(): boolean;
    isNotEmpty(): boolean;
    /** The members added in the current transaction. */
    readonly added: Set<T>;
  }

  export interface User {
    readonly login: string;
    readonly fullName: string;
    readonly email: string | null;
  }

  export interface UserGroup {
    readonly name: string;
  }

  /** A value of an enumerated field (Priority, Type, …). */
  export interface EnumField {
    readonly name: string;
  }

  /** A value of a state field. */
  export interface State {
    readonly name: string;
    readonly isResolved: boolean;
  }

  /** What a custom field can hold, as the fields this app reads do. */
  export type FieldValue = EnumField | State | User | string | number | null;

  export interface ProjectCustomField {
    readonly name: string;
  }

  export interface Project {
    /** The project's short name (HW). */
    readonly key: string;
    readonly name: string;
    findFieldByName(name: string): ProjectCustomField | null;
  }

  export interface IssueComment {
    readonly text: string;
    readonly created: number;
    readonly author: User | null;
    /** Groups a restricted comment is visible to; empty for a public comment. */
    readonly permittedGroups: Set<UserGroup>;
    /** Users a restricted comment is visible to; empty for a public comment. */
    readonly permittedUsers: Set<User>;
  }

  export interface Issue {
    /** The issue ID as people read it (HW-15). */
    readonly id: string;
    readonly summary: string;
    readonly created: number;
    readonly updated: number;
    readonly resolved: number | null;
    readonly project: Project;
    readonly reporter: User | null;
    readonly isReported: boolean;
    readonly becomesReported: boolean;
    readonly comments: Set<IssueComment>;
    /** Custom fields by name. */
    readonly fields: { readonly [name: string]: FieldValue | undefined };
    /** Whether a field (custom, or summary, project …) changed in the current transaction. */
    isChanged(fieldName: string): boolean;
    /** The field's value before the current transaction. */
    oldValue(fieldName: string): unknown;
  }

  /** The context an on-change rule's guard and action get. */
  export interface OnChangeContext {
    readonly issue: Issue;
    readonly currentUser: User;
    /** The app's settings (settings.json), by setting name. */
    readonly settings: Readonly<Record<string, unknown>>;
  }

  export interface OnChangeRule {
    title: string;
    guard: (ctx: OnChangeContext) => boolean;
    action: (ctx: OnChangeContext) => void;
    requirements: Record<string, unknown>;
  }

  export const Issue: {
    onChange(rule: OnChangeRule): unknown;
  };
}

declare module '@jetbrains/youtrack-scripting-api/http' {
  export interface Response {
    /** The HTTP status; empty when an exception occurred. */
    readonly code: number | undefined;
    /** The body as text; null when an exception occurred. */
    readonly response: string | null;
    readonly exception: unknown;
    readonly isSuccess: boolean;
  }

  export class Connection {
    /** @param timeout connection timeout in milliseconds */
    constructor(url: string, sslKeyName: string | null, timeout: number);
    addHeader(name: string, value: string): Connection;
    getSync(uri: string, queryParams: { name: string; value: string }[]): Response;
    postSync(uri: string, queryParams: { name: string; value: string }[], payload: string): Response;
  }
}

/** HTTP handlers (an app's `exports.httpHandler`), as the app reference documents them. */
declare namespace YouTrackHttpHandler {
  interface Request {
    /** The request body parsed as JSON. */
    json(): unknown;
  }
  interface Response {
    /** The HTTP status to answer with (200 unless set). */
    code: number;
    json(body: unknown): void;
  }
  interface Context {
    readonly request: Request;
    readonly response: Response;
    /** The scope entity of an endpoint whose scope is "issue". */
    // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a global declaration cannot import
    readonly issue: import('@jetbrains/youtrack-scripting-api/entities').Issue;
    // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a global declaration cannot import
    readonly currentUser: import('@jetbrains/youtrack-scripting-api/entities').User;
    readonly settings: Readonly<Record<string, unknown>>;
  }
  interface Endpoint {
    scope: 'issue';
    method: 'GET' | 'POST';
    path: string;
    permissions: string[];
    handle(ctx: Context): void;
  }
}
