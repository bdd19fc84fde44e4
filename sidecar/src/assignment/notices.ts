// Who hears about what: the channels settings' routes for an event, resolved to outbox recipients
// for a person (assignee, service manager) or a team. Shared by assignment, digests and reminders.
import { routesFor } from '@frontline/shared';
import type {
  Channels,
  Engineer,
  Language,
  NotificationEvent,
  Route,
  ServiceManager,
  SettingsDocument,
} from '@frontline/shared';
import { recipientFor } from '../notify/settings.js';
import type { ChannelKind, Notifier, OutboundMessage, Queryable } from '../ports.js';

/** A person we may write to, with how they read. */
export interface Reader {
  accountId: string;
  name: string;
  email?: string;
  telegramUserId?: number;
  language: Language;
  timeZone: string;
}

/** An engineer as a reader: their first language the desk writes in (else Russian), their zone. */
export function engineerReader(engineer: Engineer): Reader {
  const language = engineer.languages.find((l): l is Language => l === 'en' || l === 'ru') ?? 'ru';
  return {
    accountId: engineer.accountId,
    name: engineer.name,
    ...(engineer.email ? { email: engineer.email } : {}),
    ...(engineer.telegramUserId !== undefined ? { telegramUserId: engineer.telegramUserId } : {}),
    language,
    timeZone: engineer.timeZone,
  };
}

/** A service manager as a reader (a contract's, or an engineer when they are one too). */
export function managerReader(manager: ServiceManager, asEngineer?: Engineer, language?: Language): Reader {
  const base = asEngineer ? engineerReader(asEngineer) : undefined;
  return {
    accountId: manager.accountId,
    name: manager.name,
    ...(manager.email ? { email: manager.email } : base?.email ? { email: base.email } : {}),
    ...(base?.telegramUserId !== undefined ? { telegramUserId: base.telegramUserId } : {}),
    language: language ?? base?.language ?? 'ru',
    timeZone: manager.timeZone,
  };
}

/** Whom a delivery is for. */
export type Addressee =
  { kind: 'assignee' | 'serviceManager' | 'dutyEngineer'; reader: Reader } | { kind: 'team'; team: string };

export interface Delivery {
  channel: ChannelKind;
  recipient: string;
  route: Route;
}

/** The deliveries the routes ask for; routes whose address cannot be resolved are skipped with the reason. */
export function deliveriesFor(
  channels: Channels,
  event: NotificationEvent,
  addressee: Addressee,
  customerId?: string | null,
): { deliveries: Delivery[]; skipped: string[] } {
  const deliveries: Delivery[] = [];
  const skipped: string[] = [];
  for (const route of routesFor(channels, event, customerId ?? undefined)) {
    if (route.audience.kind !== addressee.kind) continue;
    if (addressee.kind === 'team' && route.audience.kind === 'team' && route.audience.team !== addressee.team)
      continue;
    const person = addressee.kind === 'team' ? {} : addressee.reader;
    const recipient = recipientFor(channels, route, person);
    if (recipient.ok) deliveries.push({ channel: route.channel, recipient: recipient.value, route });
    else skipped.push(`${route.channel}: ${recipient.error}`);
  }
  return { deliveries, skipped };
}

/**
 * The language notices to `team` are written in. Teams have no profile to say how they read, so the
 * settings' notifications section says it: the team's own language if listed, else the one for
 * every team (Russian unless set).
 */
export function teamLanguage(settings: Pick<SettingsDocument, 'notifications'>, team: string): Language {
  const { teamLanguage: everyTeam, teamLanguages } = settings.notifications;
  return Object.hasOwn(teamLanguages, team) ? teamLanguages[team]! : everyTeam;
}

/** The language a notice to `addressee` is written in: a person's own, a team's from the settings. */
export function addresseeLanguage(
  settings: Pick<SettingsDocument, 'notifications'>,
  addressee: Addressee,
): Language {
  return addressee.kind === 'team' ? teamLanguage(settings, addressee.team) : addressee.reader.language;
}

/** One notice to put into the outbox: about what, for whom, keyed how, and in which words. */
export interface Notice {
  event: NotificationEvent;
  addressee: Addressee;
  customerId: string | null;
  /** Unique per notice; each delivery's key adds its channel and recipient. */
  baseKey: string;
  message: OutboundMessage;
}

/**
 * Puts one outbox row per delivery the routes ask for, in the caller's transaction `tx`; returns
 * how many rows are new (a key seen before is a duplicate and adds nothing).
 */
export async function enqueueNotice(
  tx: Queryable,
  deps: {
    channels: Channels;
    notifier?: Notifier | undefined;
    log: { warn(obj: object, msg: string): void };
  },
  notice: Notice,
): Promise<number> {
  const { deliveries, skipped } = deliveriesFor(
    deps.channels,
    notice.event,
    notice.addressee,
    notice.customerId,
  );
  if (skipped.length)
    deps.log.warn({ key: notice.baseKey, skipped }, 'some routes have no address for this reader');
  if (!deps.notifier) return 0;
  let added = 0;
  for (const d of deliveries) {
    const result = await deps.notifier.notify(
      {
        idempotencyKey: `${notice.baseKey}:${d.channel}:${d.recipient}`,
        channel: d.channel,
        recipient: d.recipient,
        message: notice.message,
      },
      tx,
    );
    if (!result.duplicate) added += 1;
  }
  return added;
}
