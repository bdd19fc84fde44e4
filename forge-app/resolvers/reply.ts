import type { ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { failure } from './resolver-kit.js';

/** The Reply resolvers. */
export function replyResolvers(_deps: ResolverDeps): Record<string, ResolverHandler> {
  return {
    'reply.templates': async () => failure('notReady', 'Reply templates are not available yet.'),
  };
}
