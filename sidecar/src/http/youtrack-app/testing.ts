// Runs the YouTrack app's scripts (youtrack-app/*.js) in Node the way YouTrack loads them: as
// CommonJS modules whose `@jetbrains/youtrack-scripting-api/*` imports are the platform's. Tests
// hand in the platform: fake entities (plain objects shaped like the documented API) and an http
// module — one that records requests, or one that really sends them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app package's folder. */
export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../youtrack-app');

export interface Platform {
  /** `@jetbrains/youtrack-scripting-api/entities`. */
  entities?: unknown;
  /** `@jetbrains/youtrack-scripting-api/http`. */
  http?: unknown;
  /** `@jetbrains/youtrack-scripting-api/workflow`. */
  workflow?: unknown;
  console?: Pick<Console, 'warn' | 'log'>;
}

/** Loads `file` (relative to the app folder) and what it requires; each call loads afresh. */
export function loadAppScript<T = Record<string, unknown>>(file: string, platform: Platform = {}): T {
  const cache = new Map<string, { exports: unknown }>();
  const load = (path: string): unknown => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(path, module);
    const source = readFileSync(path, 'utf8');
    const requireFrom = (specifier: string): unknown => {
      if (specifier === '@jetbrains/youtrack-scripting-api/entities') return platform.entities ?? {};
      if (specifier === '@jetbrains/youtrack-scripting-api/http') return platform.http ?? {};
      if (specifier === '@jetbrains/youtrack-scripting-api/workflow') return platform.workflow ?? {};
      if (specifier.startsWith('./'))
        return load(join(dirname(path), specifier.endsWith('.js') ? specifier : `${specifier}.js`));
      throw new Error(`${path} requires ${specifier}, which YouTrack does not provide`);
    };
    const run = new Function('exports', 'require', 'module', 'console', source) as (
      exports: unknown,
      require: (s: string) => unknown,
      module: { exports: unknown },
      console: Pick<Console, 'warn' | 'log'>,
    ) => void;
    run(module.exports, requireFrom, module, platform.console ?? console);
    return module.exports;
  };
  return load(join(APP_DIR, file)) as T;
}

/** An on-change rule as `entities.Issue.onChange` receives it. */
export interface LoadedRule {
  title: string;
  guard(ctx: unknown): boolean;
  action(ctx: unknown): void;
}

/** The entities module, as far as rules use it: `Issue.onChange` hands the rule back. */
export const fakeEntities = { Issue: { onChange: (rule: LoadedRule) => rule } };

export interface SentRequest {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface FakeResponse {
  code?: number;
  response?: string | null;
  exception?: unknown;
}

/**
 * YouTrack's http module, recording each request and answering with `answer` (by default 202).
 * Header names keep the case the script gave them.
 */
export function recordingHttp(
  answer: (request: SentRequest) => FakeResponse = () => ({ code: 202, response: '{}' }),
) {
  const sent: SentRequest[] = [];
  class Connection {
    readonly headers: { name: string; value: string }[] = [];
    constructor(readonly url: string) {}
    addHeader(name: string, value: string) {
      this.headers.push({ name, value });
      return this;
    }
    send(method: 'GET' | 'POST', path: string, body: string) {
      const request: SentRequest = {
        url: this.url,
        method,
        path,
        headers: Object.fromEntries(this.headers.map((h) => [h.name, h.value])),
        body,
      };
      sent.push(request);
      const reply = answer(request);
      return { code: reply.code, response: reply.response ?? null, exception: reply.exception ?? null };
    }
    getSync(path: string) {
      return this.send('GET', path, '');
    }
    postSync(path: string, _query: unknown, payload: string) {
      return this.send('POST', path, payload);
    }
  }
  return { http: { Connection }, sent };
}

/**
 * YouTrack's http module over real HTTP. Its calls are synchronous, as in YouTrack, so each request
 * runs in a short-lived Node process that this one waits for.
 */
export function sendingHttp() {
  const child = `
    let input = '';
    process.stdin.on('data', (d) => (input += d));
    process.stdin.on('end', async () => {
      const r = JSON.parse(input);
      try {
        const res = await fetch(r.url + r.path, { method: r.method, headers: r.headers, body: r.method === 'GET' ? undefined : r.body, signal: AbortSignal.timeout(r.timeout) });
        process.stdout.write(JSON.stringify({ code: res.status, response: await res.text() }));
      } catch (e) {
        process.stdout.write(JSON.stringify({ exception: String(e) }));
      }
    });`;
  class Connection {
    readonly headers: { name: string; value: string }[] = [];
    constructor(
      readonly url: string,
      _ssl: unknown,
      readonly timeout = 10_000,
    ) {}
    addHeader(name: string, value: string) {
      this.headers.push({ name, value });
      return this;
    }
    send(method: 'GET' | 'POST', path: string, body: string) {
      const input = JSON.stringify({
        url: this.url,
        path,
        method,
        body,
        timeout: this.timeout,
        headers: Object.fromEntries(this.headers.map((h) => [h.name, h.value])),
      });
      const out = execFileSync(process.execPath, ['-e', child], { input, timeout: this.timeout + 5_000 });
      const reply = JSON.parse(out.toString('utf8')) as FakeResponse;
      return { code: reply.code, response: reply.response ?? null, exception: reply.exception ?? null };
    }
    getSync(path: string) {
      return this.send('GET', path, '');
    }
    postSync(path: string, _query: unknown, payload: string) {
      return this.send('POST', path, payload);
    }
  }
  return { Connection };
}

// ——— entities ———

interface FakeSet<T> {
  forEach(visitor: (item: T) => void): void;
  isEmpty(): boolean;
  isNotEmpty(): boolean;
  added: FakeSet<T>;
}

/** YouTrack's Set over an array; `added` holds the members added in "this transaction". */
export function fakeSet<T>(items: readonly T[], added: readonly T[] = []): FakeSet<T> {
  const plain = (list: readonly T[]): Omit<FakeSet<T>, 'added'> => ({
    forEach: (visitor) => list.forEach((item) => visitor(item)),
    isEmpty: () => list.length === 0,
    isNotEmpty: () => list.length > 0,
  });
  return { ...plain(items), added: { ...plain(added), added: undefined as never } };
}

export interface FakeUser {
  login: string;
  fullName: string;
  email: string | null;
}

export const user = (login: string, fullName: string, email: string | null = null): FakeUser => ({
  login,
  fullName,
  email,
});

export interface FakeComment {
  text: string;
  created: number;
  author: FakeUser | null;
  permittedGroups: FakeSet<{ name: string }>;
  permittedUsers: FakeSet<FakeUser>;
}

export function comment(
  text: string,
  created: number,
  author: FakeUser,
  restrictedTo: string[] = [],
): FakeComment {
  return {
    text,
    created,
    author,
    permittedGroups: fakeSet(restrictedTo.map((name) => ({ name }))),
    permittedUsers: fakeSet<FakeUser>([]),
  };
}

export interface FakeIssueInput {
  id: string;
  summary: string;
  created: number;
  updated?: number;
  resolved?: number | null;
  project: { key: string; name: string; fields: string[] };
  reporter?: FakeUser | null;
  fields: Record<string, unknown>;
  isReported?: boolean;
  becomesReported?: boolean;
  /** Fields changed in "this transaction", with their old values. */
  changed?: Record<string, unknown>;
  comments?: FakeComment[];
  addedComments?: FakeComment[];
}

/** An issue shaped like the workflow API's `Issue`. */
export function fakeIssue(input: FakeIssueInput) {
  const changed = input.changed ?? {};
  const added = input.addedComments ?? [];
  return {
    id: input.id,
    summary: input.summary,
    created: input.created,
    updated: input.updated ?? input.created,
    resolved: input.resolved ?? null,
    project: {
      key: input.project.key,
      name: input.project.name,
      findFieldByName: (name: string) => (input.project.fields.includes(name) ? { name } : null),
    },
    reporter: input.reporter ?? null,
    isReported: input.isReported ?? true,
    becomesReported: input.becomesReported ?? false,
    comments: fakeSet([...(input.comments ?? []), ...added], added),
    fields: input.fields,
    isChanged: (name: string) => Object.hasOwn(changed, name),
    oldValue: (name: string) => (Object.hasOwn(changed, name) ? changed[name] : undefined),
  };
}
