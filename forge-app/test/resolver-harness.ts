// Calls resolvers the way the Forge platform does: through the function handler that
// `makeResolver` (Resolver.getDefinitions) builds, with `{ call: { functionKey, payload }, context }`.
// Fakes go in at the project's own seams (jira/, storage/, remote/), never by module mocking.
import type {
  InvocationContext,
  ResolverAnswer,
  ResolverDeps,
  ResolverHandler,
} from '../resolvers/resolver-kit.js';
import { toForgeHandler } from '../resolvers/resolver-kit.js';

/** The context of an issue action opened on `issue` by `accountId`. */
export function issueContext(
  issue: { id: string; key: string },
  accountId = 'coordinator-1',
): InvocationContext {
  return {
    accountId,
    extension: { issue: { id: issue.id, key: issue.key }, project: { key: issue.key.split('-')[0] } },
  };
}

export interface ResolverHarness {
  /** Invokes one resolver as the bridge would; resolves with exactly what the UI would receive. */
  call<T = unknown>(
    functionKey: string,
    payload?: Record<string, unknown>,
    context?: InvocationContext,
  ): Promise<ResolverAnswer<T>>;
}

/** A harness over one resolver group (`routeResolvers`, …) wired to the given dependencies. */
export function resolverHarness(
  group: (deps: ResolverDeps) => Record<string, ResolverHandler>,
  deps: ResolverDeps,
  defaultContext: InvocationContext = {},
): ResolverHarness {
  const handler = toForgeHandler(group(deps));
  return {
    call: async <T>(functionKey: string, payload: Record<string, unknown> = {}, context = defaultContext) =>
      // The platform hands the invoking user to the resolver beside the call (`principal`), and
      // @forge/resolver puts it into the context as `accountId`.
      (await handler(
        { call: { functionKey, payload }, context: context as never },
        ...((context.accountId ? [{ principal: { accountId: context.accountId } }] : []) as []),
      )) as ResolverAnswer<T>,
  };
}
