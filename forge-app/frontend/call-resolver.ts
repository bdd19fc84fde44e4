// UI side of the resolver contract: every resolver answers `{ ok, value | error }`; a failure of
// the bridge itself (network, timeout) is turned into the same shape so screens handle one thing.
import { invoke } from '@forge/bridge';
import type { ResolverAnswer } from '../ui-contract';

/** Calls a resolver of this module's function and never throws. */
export async function callResolver<T>(
  key: string,
  payload: Record<string, unknown> = {},
): Promise<ResolverAnswer<T>> {
  try {
    const answer = (await invoke(key, payload)) as ResolverAnswer<T> | undefined;
    return answer ?? { ok: false, error: { code: 'empty', message: 'No answer from Frontline; try again.' } };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'bridge', message: `Frontline could not be reached: ${String(error)}` },
    };
  }
}
