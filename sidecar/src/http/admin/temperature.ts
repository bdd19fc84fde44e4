// POST /api/temperature/sweep: an operator (or the local demo, which has no Forge ticks) asks for a
// sweep now. Body, optional: {"installationId": "..."} to sweep a Forge installation with its sealed
// app token; without it the local scope is swept with the configured local app tracker. The body goes
// through the guarded JSON parser: the request is stored as job data (jsonb), which cannot hold a NUL
// or a lone surrogate, so those are refused here, naming the field.
import { Router } from 'express';
import { z } from 'zod';
import { parseWith } from '@frontline/shared';
import type { TemperatureSweepRequest } from '../../temperature/sweep.js';
import { HttpError } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { requireAdminToken } from './auth.js';

const SweepBodySchema = z.strictObject({ installationId: z.string().trim().min(1).optional() });

export interface TemperatureAdminDeps {
  /** `FRONTLINE_ADMIN_TOKEN`; unset → refused with 401 like the rest of /api. */
  adminToken: string | undefined;
  /** Enqueues a `temperature.sweep` job; resolves with its id. */
  enqueueSweep(request: TemperatureSweepRequest): Promise<string>;
  now?: () => Date;
}

/** Builds the router; mount it at /api next to the admin router. */
export function createTemperatureAdminRouter(deps: TemperatureAdminDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = Router();
  router.post(
    '/temperature/sweep',
    requireAdminToken(deps.adminToken ? [{ name: 'admin-token', token: deps.adminToken }] : []),
    jsonBody({ limit: '16kb' }),
    async (req, res) => {
      // No body asks for the local scope, like `{}`; any JSON value sent (`null` and arrays included)
      // is for the schema to accept or refuse.
      const parsed = parseWith(SweepBodySchema, req.body === undefined ? {} : req.body);
      if (!parsed.ok)
        throw new HttpError(422, 'invalid_request', 'The sweep request is not valid', parsed.error);
      const request: TemperatureSweepRequest = {
        trigger: 'operator',
        requestedAt: now().toISOString(),
        ...(parsed.value.installationId ? { installationId: parsed.value.installationId } : {}),
      };
      const jobId = await deps.enqueueSweep(request);
      res.status(202).json({ jobId, scope: parsed.value.installationId ?? 'local' });
    },
  );
  return router;
}
