// Availability for the Forge pages, under /forge/api (FIT already verified; the acting person is
// the FIT's principal, never a field of the request):
//   GET    /availability/me?accountId=&from=&weeks=   "My availability": entries, feed state, weeks
//   POST   /availability/absences                     { accountId?, kind, from, to, note? } → 201
//   PUT    /availability/absences/:id                 { kind, from, to, note? }
//   DELETE /availability/absences/:id
//   POST   /availability/confirm                      { accountId?, weekStart }
//   GET    /availability/team?team=&week=             "Team week": engineers × days
//   PUT    /availability/feed                         { accountId?, url } the calendar's secret address, sealed
//   DELETE /availability/feed?accountId=
// Refusals: 400 for a request that is not understood, 403 for someone else's entries, 404 for an
// unknown engineer, entry or team, 422 naming each field that failed (overlaps included).
import { Router } from 'express';
import type { Response } from 'express';
import { z } from 'zod';
import { parseWith } from '@frontline/shared';
import type { AvailabilityService, Refusal } from '../../availability/service.js';
import { intQuery, jsonBody, textParam } from '../admin/http-helpers.js';
import { HttpError } from '../errors.js';
import { forgeClaims } from './index.js';

const ACCOUNT_ID = z.string().trim().min(1).max(128);
const ConfirmBodySchema = z.strictObject({
  accountId: ACCOUNT_ID.optional(),
  weekStart: z.string().max(10),
});

/** The person behind the call; scheduled triggers and events carry none and may not use these routes. */
function actorOf(res: Response): string {
  const principal = forgeClaims(res).principal;
  if (!principal) throw new HttpError(403, 'no_user', 'Availability is changed by a person, not by the app');
  return principal;
}

function textQuery(value: unknown, name: string, max = 128): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    const message = `Query parameter "${name}" must be one piece of text of at most ${max} characters`;
    throw new HttpError(400, 'invalid_query', message, [{ path: name, message }]);
  }
  return value;
}

function refused(refusal: Refusal): HttpError {
  // The fields at fault (each with its worded reason), or the worded reason itself, as carry-out sends it.
  return new HttpError(
    refusal.status,
    refusal.code,
    refusal.message,
    refusal.details ?? { reason: refusal.reason },
  );
}

/** The body as an object, with `accountId` taken off it (who the entry is for). */
function entryBody(body: unknown): { accountId: string | undefined; entry: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'invalid_body', 'Send the absence as a JSON object');
  const { accountId, ...entry } = body as Record<string, unknown>;
  if (accountId !== undefined && !ACCOUNT_ID.safeParse(accountId).success) {
    const message = 'accountId must be a Jira accountId';
    throw new HttpError(422, 'invalid_absence', message, [{ path: 'accountId', message }]);
  }
  return { accountId: accountId as string | undefined, entry };
}

export function createAvailabilityRouter(deps: { availability: AvailabilityService }): Router {
  const router = Router();
  const { availability } = deps;

  router.get('/availability/me', async (req, res) => {
    const actor = actorOf(res);
    const accountId = textQuery(req.query.accountId, 'accountId');
    const from = textQuery(req.query.from, 'from', 10);
    const weeks = intQuery(req, 'weeks', { min: 1, max: 8 });
    const view = await availability.mine(actor, {
      ...(accountId ? { accountId } : {}),
      ...(from ? { from } : {}),
      ...(weeks ? { weeks } : {}),
    });
    if (!view.ok) throw refused(view.error);
    res.json(view.value);
  });

  router.post('/availability/absences', async (req, res) => {
    const actor = actorOf(res);
    const { accountId, entry } = entryBody(jsonBody(req));
    const saved = await availability.add(actor, accountId, entry);
    if (!saved.ok) throw refused(saved.error);
    res.status(201).json(saved.value);
  });

  router.put('/availability/absences/:id', async (req, res) => {
    const actor = actorOf(res);
    const id = textParam(req, 'id');
    const { entry } = entryBody(jsonBody(req));
    const saved = await availability.change(actor, id, entry);
    if (!saved.ok) throw refused(saved.error);
    res.json(saved.value);
  });

  router.delete('/availability/absences/:id', async (req, res) => {
    const actor = actorOf(res);
    const removed = await availability.remove(actor, textParam(req, 'id'));
    if (!removed.ok) throw refused(removed.error);
    res.json(removed.value);
  });

  router.post('/availability/confirm', async (req, res) => {
    const actor = actorOf(res);
    const body = parseWith(ConfirmBodySchema, jsonBody(req));
    if (!body.ok) throw new HttpError(422, 'invalid_confirmation', 'The confirmation', body.error);
    const done = await availability.confirm(actor, body.value.accountId, body.value.weekStart);
    if (!done.ok) throw refused(done.error);
    res.json(done.value);
  });

  router.get('/availability/team', async (req, res) => {
    const actor = actorOf(res);
    const team = textQuery(req.query.team, 'team', 10);
    const week = textQuery(req.query.week, 'week', 10);
    const view = await availability.teamWeek(actor, {
      ...(team ? { team } : {}),
      ...(week ? { weekStart: week } : {}),
    });
    if (!view.ok) throw refused(view.error);
    res.json(view.value);
  });

  router.put('/availability/feed', async (req, res) => {
    const actor = actorOf(res);
    const { accountId, entry } = entryBody(jsonBody(req));
    const linked = await availability.linkFeed(actor, accountId, entry.url);
    if (!linked.ok) throw refused(linked.error);
    res.json(linked.value);
  });

  router.delete('/availability/feed', async (req, res) => {
    const actor = actorOf(res);
    const accountId = textQuery(req.query.accountId, 'accountId');
    const unlinked = await availability.unlinkFeed(actor, accountId);
    if (!unlinked.ok) throw refused(unlinked.error);
    res.json(unlinked.value);
  });

  return router;
}
