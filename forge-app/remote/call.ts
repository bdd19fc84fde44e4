// One sidecar call over Forge Remote, shared by every client in remote/: JSON in, the sidecar's
// `{ error: { code, message, details? } }` bodies turned into typed failures, and an unreachable
// sidecar or a proxy's error page reported as a result, never thrown across the resolver bridge.
import type { Result } from '@frontline/shared';

/** The remote key in manifest.yml. */
export const SIDECAR_REMOTE = 'frontline-sidecar';

/** What `invokeRemote` answers (a subset of the fetch Response). */
export interface RemoteResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

/** `invokeRemote` from `@forge/api`, or a fetch-backed stand-in in tests. */
export type InvokeRemote = (
  remoteKey: string,
  options: { path: string; method: string; headers?: Record<string, string>; body?: string },
) => Promise<RemoteResponse>;

/** A failed sidecar call: HTTP status (0 when unreachable), its message, and `details` if given. */
export interface RemoteError {
  status: number;
  message: string;
  /** The sidecar's `error.details` (for 422: one `{ path, message }` per failing field). */
  details?: unknown;
  /** The whole answer, for routes whose refusals are not `{ error }` (the channel test). */
  body?: unknown;
}

export type RemoteResult<T> = Promise<Result<T, RemoteError>>;

export interface SidecarCall {
  path: string;
  method: string;
  /** Sent as JSON when given. */
  body?: unknown;
  headers?: Record<string, string>;
  /** `text/csv` and the like: a successful answer is returned as text, unparsed. */
  accept?: string;
}

/** Query string from the parameters that have a value (`?a=1&b=2`, or '' when none has). */
export function queryOf(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

const parseOrKeep = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text; // a non-JSON answer (a proxy's error page) is kept as text
  }
};

/** The only place `invokeRemote` is called: every client in remote/ goes through here. */
export async function callSidecar<T>(invokeRemote: InvokeRemote, call: SidecarCall): RemoteResult<T> {
  const accept = call.accept ?? 'application/json';
  try {
    const res = await invokeRemote(SIDECAR_REMOTE, {
      path: call.path,
      method: call.method,
      headers: { 'Content-Type': 'application/json', Accept: accept, ...call.headers },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    const text = await res.text();
    if (res.ok) return { ok: true, value: (accept === 'application/json' ? parseOrKeep(text) : text) as T };
    const parsed = parseOrKeep(text);
    const error = (parsed as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
    const message =
      typeof error?.message === 'string' ? error.message : `The sidecar answered HTTP ${res.status}`;
    return { ok: false, error: { status: res.status, message, details: error?.details, body: parsed } };
  } catch (error) {
    return { ok: false, error: { status: 0, message: `The sidecar is unreachable: ${String(error)}` } };
  }
}
