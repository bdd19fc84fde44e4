// What a Forge delivery is and how to recognise it again. Forge documents no event id: product
// events are retried (up to 4 times) with a `retryContext` that changes per attempt, and scheduled
// triggers carry a fresh `contextToken` each tick and are never retried. So the idempotency key is
// a hash of the installation and the body without its per-attempt parts.
import { createHash } from 'node:crypto';
import type { Result } from '@frontline/shared';

/** How Frontline names a scheduled tick: `scheduled:<trigger module key>`. */
export const SCHEDULED_PREFIX = 'scheduled:';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * JSON with object keys sorted, so the same content always hashes the same. Written with an explicit
 * stack rather than recursion: a body nested deeper than the call stack must not crash the hashing
 * (the routers cap depth first; this holds whatever the caller passes).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Work left to do, last first: text to emit as is, or a value to serialise.
  const todo: (string | { value: unknown })[] = [{ value }];
  while (todo.length > 0) {
    const item = todo.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const current = item.value;
    const parts: (string | { value: unknown })[] = [];
    if (Array.isArray(current)) {
      parts.push('[');
      current.forEach((element, i) => parts.push(...(i > 0 ? [','] : []), { value: element }));
      parts.push(']');
    } else if (isObject(current)) {
      const keys = Object.keys(current)
        .sort()
        .filter((k) => current[k] !== undefined);
      parts.push('{');
      keys.forEach((k, i) => parts.push(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`, { value: current[k] }));
      parts.push('}');
    } else {
      out.push(JSON.stringify(current) ?? 'null');
      continue;
    }
    for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
  }
  return out.join('');
}

function withoutKey(value: Json, key: string): Json {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
}

/** The event's type: its `eventType` (top level or in `payload`), or `scheduled:<moduleKey>` for a tick. */
export function forgeEventType(body: unknown): Result<{ eventType: string; scheduled: boolean }, string> {
  if (!isObject(body)) return { ok: false, error: 'body must be a JSON object' };
  const direct = body.eventType ?? (isObject(body.payload) ? body.payload.eventType : undefined);
  if (typeof direct === 'string' && direct.trim() !== '' && direct.length <= 200) {
    return { ok: true, value: { eventType: direct, scheduled: false } };
  }
  const moduleKey = isObject(body.context) ? body.context.moduleKey : undefined;
  if (typeof body.contextToken === 'string' && typeof moduleKey === 'string' && moduleKey !== '') {
    return { ok: true, value: { eventType: `${SCHEDULED_PREFIX}${moduleKey}`, scheduled: true } };
  }
  return {
    ok: false,
    error: 'field "eventType" is missing (and it is not a scheduled trigger: no context.moduleKey)',
  };
}

/** The idempotency key of a delivery: equal for retries of one event, distinct for each tick. */
export function forgeIdempotencyKey(installationId: string, body: Json, scheduled: boolean): string {
  // Attempt-specific parts go; a tick keeps its contextToken, the only thing telling ticks apart.
  let stable = withoutKey(body, 'retryContext');
  if (isObject(stable.payload)) stable = { ...stable, payload: withoutKey(stable.payload, 'retryContext') };
  if (!scheduled) stable = withoutKey(stable, 'contextToken');
  const digest = createHash('sha256')
    .update(installationId)
    .update('\n')
    .update(canonicalJson(stable))
    .digest('hex');
  return `forge:${digest}`;
}
