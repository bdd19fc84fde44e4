// From the channels settings (shared `ChannelsSchema`: transports with secret references, and
// routes) to what the channels need: resolved transport options, and the recipient string the
// outbox stores for a route. Secrets are resolved here, by name, and never written to the outbox.
import { err, ok } from '@frontline/shared';
import type { Channels, FieldIssue, Result, Route } from '@frontline/shared';
import type { NotifyChannelsConfig } from './channels/index.js';

/** Looks a secret up by name (environment or secret store); `undefined` when it is not set. */
export type SecretResolver = (name: string) => string | undefined;

/** The recipient that stands for "the Slack incoming webhook" (a webhook posts to one fixed channel). */
export const SLACK_WEBHOOK_RECIPIENT = 'webhook';

/** Resolves the transports' secrets; every missing secret is reported with its settings path. */
export function channelsConfigFromSettings(
  settings: Channels,
  resolveSecret: SecretResolver,
): Result<NotifyChannelsConfig, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const secret = (ref: { secretRef: string }, path: string): string => {
    const value = resolveSecret(ref.secretRef);
    if (value === undefined || value === '')
      issues.push({ path, message: `Secret ${ref.secretRef} is not set` });
    return value ?? '';
  };
  const config: NotifyChannelsConfig = {};
  if (settings.email) {
    const { host, port, secure, user, password, from } = settings.email;
    config.email = {
      host,
      port,
      secure,
      from,
      ...(user !== undefined ? { user } : {}),
      ...(password !== undefined ? { pass: secret(password, 'email.password') } : {}),
    };
  }
  if (settings.telegram) {
    config.telegram = {
      botToken: secret(settings.telegram.botToken, 'telegram.botToken'),
      baseUrl: settings.telegram.apiBaseUrl,
    };
  }
  if (settings.slack) {
    config.slack =
      'webhookUrl' in settings.slack
        ? { webhooks: { [SLACK_WEBHOOK_RECIPIENT]: secret(settings.slack.webhookUrl, 'slack.webhookUrl') } }
        : { botToken: secret(settings.slack.botToken, 'slack.botToken') };
  }
  return issues.length === 0 ? ok(config) : err(issues);
}

/** How a person is reached, from the engineers directory or a service manager's profile. */
export interface PersonAddresses {
  email?: string;
  /** A bot can write to a user's private chat, whose id is the user id, once they have started the bot. */
  telegramUserId?: number;
}

/**
 * The outbox recipient for a route: the route's own address (a mailbox, a Telegram chat *name*,
 * a Slack channel), else the person's address on that channel, else the channel's default.
 */
export function recipientFor(
  settings: Channels,
  route: Route,
  person: PersonAddresses = {},
): Result<string, string> {
  switch (route.channel) {
    case 'email': {
      const address = route.address ?? person.email;
      return address ? ok(address) : err('no e-mail address for this person');
    }
    case 'telegram': {
      if (route.address !== undefined) {
        const chat = settings.telegram?.chats.find((c) => c.name === route.address);
        return chat ? ok(chat.chatId) : err(`no Telegram chat named "${route.address}"`);
      }
      return person.telegramUserId !== undefined
        ? ok(String(person.telegramUserId))
        : err('this person has no Telegram user id');
    }
    case 'slack': {
      const slack = settings.slack;
      if (!slack) return err('Slack is not configured');
      if ('webhookUrl' in slack) return ok(SLACK_WEBHOOK_RECIPIENT);
      return ok(route.address ?? slack.channel);
    }
  }
}
