import { z } from 'zod';

// Where notifications go. The settings name their secrets (SMTP password, bot tokens, Slack webhook
// URLs, which embed a token) by reference — `{ "secretRef": "SMTP_PASSWORD" }` — and the sidecar
// resolves the reference from its environment or secret store at send time, so settings can be
// shown, versioned and exported without leaking anything.

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/** A named secret, never the secret itself. */
export const SecretRefSchema = z.strictObject({
  secretRef: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/u, 'Secret names are upper-case letters, digits and _, e.g. SMTP_PASSWORD'),
});
export type SecretRef = z.infer<typeof SecretRefSchema>;

/** A secret must be a reference: a pasted value gets a message that says what to do instead. */
const secret = (what: string) =>
  z.unknown().transform((value, ctx): SecretRef => {
    const parsed = SecretRefSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    const pasted = typeof value === 'string';
    ctx.addIssue({
      code: 'custom',
      message: pasted
        ? `Do not paste the ${what} here; store it as a secret and write { "secretRef": "NAME" }`
        : `The ${what} must be { "secretRef": "NAME" } with an upper-case NAME`,
    });
    return z.NEVER;
  });

const emailAddress = z.email({ error: 'Give a valid e-mail address' });
/** `notify@example.com` or `Northwind Service <notify@example.com>`. */
const mailbox = z
  .string()
  .trim()
  .refine((v) => emailAddress.safeParse(v.match(/<([^<>]+)>$/u)?.[1] ?? v).success, {
    error: 'Give an address such as "Northwind Service <desk@northwind.example>"',
  });

/** Outgoing mail over SMTP. */
export const EmailChannelSchema = z.strictObject({
  host: nonEmpty('SMTP host'),
  port: z.number().int().min(1).max(65535, 'Ports are 1–65535'),
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean(),
  user: nonEmpty('SMTP user').optional(),
  password: secret('SMTP password').optional(),
  from: mailbox,
});
export type EmailChannel = z.infer<typeof EmailChannelSchema>;

/** A Telegram chat the bot writes to, with a name routes can refer to. */
export const TelegramChatSchema = z.strictObject({
  name: nonEmpty('Chat name'),
  /** Numeric id (groups are negative) or @channelusername. */
  chatId: z
    .union([
      z.number().int(),
      z.string().regex(/^(?:-?\d+|@\w{5,})$/u, 'Chat ids are numbers or @channelname'),
    ])
    .transform(String),
});
export type TelegramChat = z.infer<typeof TelegramChatSchema>;

/** A Telegram bot. */
export const TelegramChannelSchema = z.strictObject({
  botToken: secret('bot token'),
  apiBaseUrl: z
    .url({ protocol: /^https?$/, error: 'Give the Bot API base URL, e.g. https://api.telegram.org' })
    .default('https://api.telegram.org'),
  chats: z.array(TelegramChatSchema).default([]),
});
export type TelegramChannel = z.infer<typeof TelegramChannelSchema>;

/** Slack: an incoming webhook (one fixed channel) or a bot token that may post to any channel. */
export const SlackChannelSchema = z.union(
  [
    z.strictObject({ webhookUrl: secret('webhook URL') }),
    z.strictObject({
      botToken: secret('bot token'),
      /** The default channel (`#support` or a channel id) when a route names none. */
      channel: nonEmpty('Slack channel'),
    }),
  ],
  { error: 'Slack needs either { webhookUrl } or { botToken, channel }' },
);
export type SlackChannel = z.infer<typeof SlackChannelSchema>;

/** What a notification is about. */
export const NOTIFICATION_EVENTS = [
  'issueRouted',
  'issueAssigned',
  /** A new ticket the policy left without an engineer (announced with a "Take" button). */
  'issueUnassigned',
  /** A ticket arriving outside the desk's hours whose first response would breach before it opens. */
  'dutyPage',
  'unassignedDigest',
  'customerReplied',
  'statusUpdateDue',
  'slaAtRisk',
  'slaBreached',
  'specialPeriodStarts',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The channels a route can use. */
export const NOTIFY_CHANNELS = ['email', 'telegram', 'slack'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Who hears about an event: a team, the customer's service manager, the duty engineer or the assignee. */
export const AudienceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('team'), team: nonEmpty('Team') }),
    z.strictObject({ kind: z.literal('serviceManager') }),
    z.strictObject({ kind: z.literal('dutyEngineer') }),
    z.strictObject({ kind: z.literal('assignee') }),
  ],
  { error: 'Audience kind is one of: team, serviceManager, dutyEngineer, assignee' },
);
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * One rule: who gets which event on which channel, and at which address. People (service manager,
 * duty engineer, assignee) are reached at the address their profile has for the channel unless the
 * route names one; a team route must name its address (mailbox, Telegram chat name, Slack channel).
 */
export const RouteSchema = z.strictObject({
  event: z.enum(NOTIFICATION_EVENTS, { error: `Event is one of: ${NOTIFICATION_EVENTS.join(', ')}` }),
  audience: AudienceSchema,
  channel: z.enum(NOTIFY_CHANNELS, { error: `Channel is one of: ${NOTIFY_CHANNELS.join(', ')}` }),
  address: nonEmpty('Address').optional(),
  /** Only for these customers (ids); empty means every customer. */
  customerIds: z.array(nonEmpty('Customer id')).default([]),
});
export type Route = z.infer<typeof RouteSchema>;

/** The notification channels and the routes that use them. */
export const ChannelsSchema = z
  .strictObject({
    email: EmailChannelSchema.optional(),
    telegram: TelegramChannelSchema.optional(),
    slack: SlackChannelSchema.optional(),
    routes: z.array(RouteSchema).default([]),
  })
  .superRefine((channels, ctx) => {
    channels.routes.forEach((route, i) => {
      const issue = (message: string, field: string) =>
        ctx.addIssue({ code: 'custom', path: ['routes', i, field], message });
      if (channels[route.channel] === undefined) {
        issue(`This route uses ${route.channel}, which is not configured`, 'channel');
        return;
      }
      if (route.audience.kind === 'team' && route.address === undefined) {
        issue(`Say where team "${route.audience.team}" gets ${route.channel} messages`, 'address');
      }
      if (route.address === undefined) return;
      if (route.channel === 'email' && !emailAddress.safeParse(route.address).success) {
        issue(`"${route.address}" is not an e-mail address`, 'address');
      }
      if (route.channel === 'telegram' && !channels.telegram?.chats.some((c) => c.name === route.address)) {
        issue(`No Telegram chat is named "${route.address}"; add it under telegram.chats`, 'address');
      }
      if (route.channel === 'slack' && channels.slack && 'webhookUrl' in channels.slack) {
        issue(
          'A Slack incoming webhook posts to one fixed channel; remove the address or use a bot token',
          'address',
        );
      }
    });
  });
export type Channels = z.infer<typeof ChannelsSchema>;
export type ChannelsInput = z.input<typeof ChannelsSchema>;

/** The routes that deliver an event about a customer (routes without customers apply to all). */
export function routesFor(channels: Channels, event: NotificationEvent, customerId?: string): Route[] {
  return channels.routes.filter(
    (r) =>
      r.event === event &&
      (r.customerIds.length === 0 || (customerId !== undefined && r.customerIds.includes(customerId))),
  );
}
