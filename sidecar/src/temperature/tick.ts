// The Forge scheduled tick (`scheduledTrigger` "temperature-sweep", every five minutes) reaches the
// sidecar at /forge/events, is accepted durably like any event, and when processed asks for one
// sweep of its installation — the sweep job is enqueued in the same transaction that marks the
// tick processed, so a tick leads to exactly one sweep request. The app system token that came
// with the tick is already sealed in the token store; the job reads it from there.
import type { IntakeHandler } from '../intake/handlers/types.js';
import type { EnqueueInTransaction } from '../ports.js';
import type { TemperatureSweepRequest } from './sweep.js';

/** The event type /forge/events gives the tick (`scheduled:<module key>`). */
export const TEMPERATURE_TICK_EVENT = 'scheduled:temperature-sweep';

interface TickPayload {
  invocation?: { installationId?: unknown; systemTokenStored?: unknown };
}

export interface TemperatureTickDeps {
  enqueueInTransaction: EnqueueInTransaction<{ 'temperature.sweep': TemperatureSweepRequest }>;
}

/** Asks for a sweep of the tick's installation. */
export function handleTemperatureTick(deps: TemperatureTickDeps): IntakeHandler {
  return {
    async record(tx, event, { log }) {
      const invocation = (event.payload as TickPayload | null)?.invocation;
      const installationId =
        typeof invocation?.installationId === 'string' ? invocation.installationId : undefined;
      if (!installationId) {
        log.warn({ eventId: event.id }, 'scheduled tick without an installation id; no sweep');
        return;
      }
      if (invocation?.systemTokenStored !== true)
        log.warn(
          { eventId: event.id, installationId },
          'scheduled tick came without an app system token; the sweep uses one stored earlier, if still live',
        );
      const jobId = await deps.enqueueInTransaction(tx, 'temperature.sweep', {
        trigger: 'tick',
        installationId,
        requestedAt: event.receivedAt.toISOString(),
      });
      log.info({ eventId: event.id, installationId, jobId }, 'scheduled tick: temperature sweep enqueued');
    },
  };
}
