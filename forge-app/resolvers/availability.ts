// "My availability" (personal settings page) and "Team week" (project page): thin resolvers over the
// sidecar's availability routes. Payloads are checked here for shape; the sidecar checks the
// meaning (dates, overlaps, whose entries) and its field-by-field refusals reach the form as
// `invalid` with `details`. The acting person is the one Forge signs into the call, never the payload.
import { z } from 'zod';
import type { AvailabilityClient } from '../remote/availability-client.js';
import type { RemoteError } from '../remote/sidecar-client.js';
import type { MyAvailabilityView, TeamWeekView } from '../frontend/availability/view.js';
import { sidecarFailure } from './issue-views.js';
import type { ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { failure, parsePayload } from './resolver-kit.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date (YYYY-MM-DD)');

const LoadPayload = z.object({ accountId: text(128).optional(), from: DAY.optional() });
const EntryPayload = z.object({
  accountId: text(128).optional(),
  kind: text(20),
  from: text(16),
  to: text(16),
  note: z.string().max(200).optional(),
});
const ChangePayload = EntryPayload.omit({ accountId: true }).extend({ id: text(64) });
const RemovePayload = z.object({ id: text(64) });
const ConfirmPayload = z.object({ weekStart: DAY, accountId: text(128).optional() });
const LinkFeedPayload = z.object({ url: text(2000), accountId: text(128).optional() });
const UnlinkFeedPayload = z.object({ accountId: text(128).optional() });
const TeamPayload = z.object({ team: text(10).optional(), week: DAY.optional() });

const MineSchema = z.looseObject({
  engineer: z.looseObject({ accountId: z.string(), name: z.string(), timeZone: z.string() }),
  today: z.string(),
  weeks: z.array(z.looseObject({ weekStart: z.string(), confirmed: z.boolean() })),
  entries: z.array(z.looseObject({ id: z.string(), kind: z.string(), from: z.string(), to: z.string() })),
  elsewhere: z.array(z.looseObject({ kind: z.string(), from: z.string(), to: z.string() })),
  feed: z.looseObject({ error: z.string().nullable() }).nullable(),
  engineers: z.array(z.looseObject({ accountId: z.string(), name: z.string() })),
});
const TeamSchema = z.looseObject({
  team: z.string(),
  teams: z.array(z.string()),
  weekStart: z.string(),
  days: z.array(z.string()),
  rows: z.array(
    z.looseObject({
      accountId: z.string(),
      name: z.string(),
      ticketsJql: z.string(),
      days: z.array(
        z.looseObject({ date: z.string(), availability: z.string(), absences: z.array(z.unknown()) }),
      ),
    }),
  ),
});

/** A refusal the page can act on: fields to fix, someone else's entries, or something gone. */
function refusal(error: RemoteError): {
  ok: false;
  error: { code: string; message: string; details?: unknown };
} {
  if (error.status === 422 || error.status === 400) return failure('invalid', error.message, error.details);
  if (error.status === 403) return failure('forbidden', error.message, error.details);
  // The sidecar's worded reason rides along, so the page can say it in the user's language.
  const failed = sidecarFailure(error);
  return error.details === undefined
    ? failed
    : { ok: false, error: { ...failed.error, details: error.details } };
}

function checked<T>(schema: z.ZodType, value: unknown): ResolverAnswer<T> {
  return schema.safeParse(value).success
    ? { ok: true, value: value as T }
    : failure('sidecar', 'The sidecar answered in a shape this app does not know; update one of them.');
}

/** The resolvers of both pages, over the sidecar's availability routes. */
export function availabilityResolvers(
  client: AvailabilityClient,
): (deps: ResolverDeps) => Record<string, ResolverHandler> {
  return () => ({
    'availability.load': async (payload) => {
      const input = parsePayload(LoadPayload, payload);
      if (!input.ok) return input;
      const got = await client.mine(input.value);
      return got.ok ? checked<MyAvailabilityView>(MineSchema, got.value) : refusal(got.error);
    },
    'availability.add': async (payload) => {
      const input = parsePayload(EntryPayload, payload);
      if (!input.ok) return input;
      const got = await client.add(input.value);
      return got.ok ? { ok: true, value: got.value } : refusal(got.error);
    },
    'availability.change': async (payload) => {
      const input = parsePayload(ChangePayload, payload);
      if (!input.ok) return input;
      const { id, ...entry } = input.value;
      const got = await client.change(id, entry);
      return got.ok ? { ok: true, value: got.value } : refusal(got.error);
    },
    'availability.remove': async (payload) => {
      const input = parsePayload(RemovePayload, payload);
      if (!input.ok) return input;
      const got = await client.remove(input.value.id);
      return got.ok ? { ok: true, value: got.value } : refusal(got.error);
    },
    'availability.confirm': async (payload) => {
      const input = parsePayload(ConfirmPayload, payload);
      if (!input.ok) return input;
      const got = await client.confirm(input.value);
      return got.ok ? { ok: true, value: got.value } : refusal(got.error);
    },
    'availability.linkFeed': async (payload) => {
      const input = parsePayload(LinkFeedPayload, payload);
      if (!input.ok) return input;
      const got = await client.linkFeed(input.value);
      return got.ok ? { ok: true, value: got.value } : refusal(got.error);
    },
    'availability.unlinkFeed': async (payload) => {
      const input = parsePayload(UnlinkFeedPayload, payload);
      if (!input.ok) return input;
      const got = await client.unlinkFeed(input.value);
      return got.ok ? { ok: true, value: got.value } : refusal(got.error);
    },
    'teamWeek.load': async (payload, context) => {
      const input = parsePayload(TeamPayload, payload);
      if (!input.ok) return input;
      // Opened on a project, the page starts with that project's team.
      const team = input.value.team ?? context.extension?.project?.key;
      const got = await client.team({ ...input.value, ...(team ? { team } : {}) });
      if (!got.ok && got.error.status === 404 && input.value.team === undefined && team !== undefined) {
        const any = await client.team({ ...(input.value.week ? { week: input.value.week } : {}) });
        return any.ok ? checked<TeamWeekView>(TeamSchema, any.value) : refusal(any.error);
      }
      return got.ok ? checked<TeamWeekView>(TeamSchema, got.value) : refusal(got.error);
    },
  });
}
