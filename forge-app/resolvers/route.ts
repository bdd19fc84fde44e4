// The Route action: list the presets that apply to this issue, then carry one out with a single
// click — a Jira bulk move (progress polled until the task ends) or create-in-target + link +
// resolve-source — with a comment on both sides and a notice to the sidecar for the target team.
// A KVS lock and a per-issue route record make a double click harmless. The parts live in route/:
// presets.ts (what the modal lists), execute.ts (the click's saga) with move.ts and clone.ts, and
// plan-errors.ts / field-inputs.ts (what the modal is told and asked).
import type { ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { executeRoute, routeProgress } from './route/execute.js';
import { listRoutePresets } from './route/presets.js';

/** The Route resolvers: `route.presets`, `route.execute`, `route.progress`. */
export function routeResolvers(deps: ResolverDeps): Record<string, ResolverHandler> {
  return {
    'route.presets': (_payload, context) => listRoutePresets(deps, context),
    'route.execute': (payload, context) => executeRoute(deps, payload, context),
    'route.progress': (_payload, context) => routeProgress(deps, context),
  };
}
