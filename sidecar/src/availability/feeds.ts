// Engineers' calendar feeds: named per engineer in the settings' availability section (the URL kept
// as a secret reference, resolved from the environment at refresh time), with the deprecated
// FRONTLINE_CALENDAR_FEEDS entries as a fallback for engineers the settings do not name. Each
// refresh spells recurring events out (schedules/ical.ts), replaces that engineer's feed absences,
// and records the outcome; a feed that fails keeps the absences read before, and its error is kept
// for "My availability" to show.
import { readFile } from 'node:fs/promises';
import type { AvailabilitySettings } from '@frontline/shared';
import { httpCall } from '../outbound/index.js';
import { absencesFromIcs, recurrenceWindow, storeFeedAbsences } from '../schedules/ical.js';
import type { CalendarFeed } from '../schedules/ical.js';
import type { Clock } from '../ports.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { Db } from '../store/db.js';
import { feedLinks, recordFeedFailure, recordFeedRead } from './repository.js';
import type { FeedStatus } from './repository.js';

/** Looks a secret up by name; undefined when it is not set. */
export type SecretResolver = (name: string) => string | undefined;

export interface ConfiguredFeed extends CalendarFeed {
  origin: FeedStatus['source'];
  /** The secret's name (settings feeds), to tell the engineer which one without showing the URL. */
  secretRef?: string;
}

/** How long one feed may take to arrive. */
export const FEED_TIMEOUT_MS = 15_000;
/** The most a feed may weigh (a year of a busy calendar is well under 1 MB). */
export const MAX_FEED_BYTES = 5_000_000;

/** The sealing context of an engineer's linked feed: a sealed URL opens only for that engineer. */
export const feedLinkContext = (accountId: string) => `availability-feed:${accountId}`;

/** The feeds engineers linked themselves, opened with the sidecar's key (a link that will not open is skipped). */
export async function linkedFeeds(db: Db, box: SecretBox | undefined): Promise<CalendarFeed[]> {
  if (!box) return [];
  const feeds: CalendarFeed[] = [];
  for (const link of await feedLinks(db)) {
    const opened = box.open(link.sealedUrl, feedLinkContext(link.accountId));
    if (opened.ok) feeds.push({ accountId: link.accountId, source: opened.value });
  }
  return feeds;
}

/**
 * The feeds to read: the settings' (secrets resolved) first, then those engineers linked
 * themselves, then the deprecated environment's, one per engineer.
 */
export function configuredFeeds(
  settings: AvailabilitySettings,
  environmentFeeds: readonly CalendarFeed[],
  resolveSecret: SecretResolver,
  linked: readonly CalendarFeed[] = [],
): { feeds: ConfiguredFeed[]; unresolved: { accountId: string; secretRef: string }[] } {
  const feeds: ConfiguredFeed[] = [];
  const unresolved: { accountId: string; secretRef: string }[] = [];
  const named = new Set<string>();
  for (const feed of settings.feeds) {
    named.add(feed.accountId);
    const source = resolveSecret(feed.url.secretRef);
    if (source === undefined || source.trim() === '')
      unresolved.push({ accountId: feed.accountId, secretRef: feed.url.secretRef });
    else
      feeds.push({
        accountId: feed.accountId,
        source: source.trim(),
        origin: 'settings',
        secretRef: feed.url.secretRef,
      });
  }
  for (const feed of linked)
    if (!named.has(feed.accountId)) {
      named.add(feed.accountId);
      feeds.push({ ...feed, origin: 'linked' });
    }
  for (const feed of environmentFeeds)
    if (!named.has(feed.accountId)) feeds.push({ ...feed, origin: 'environment' });
  return { feeds, unresolved };
}

/** A feed's text, from its URL (through the outbound toolkit, with a deadline) or a file. */
async function readFeedText(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFile(source, 'utf8');
  const answer = await httpCall({
    url: source,
    timeoutMs: FEED_TIMEOUT_MS,
    headers: { Accept: 'text/calendar' },
  });
  if (!answer.ok) throw new Error(`the calendar could not be fetched (${answer.error.message})`);
  if (answer.value.status !== 200) throw new Error(`the calendar server answered ${answer.value.status}`);
  if (answer.value.text.length > MAX_FEED_BYTES) throw new Error('the calendar is larger than 5 MB');
  return answer.value.text;
}

/** The host part of an error message only: a feed URL is a secret and must not reach logs or pages. */
function safeMessage(error: unknown, source: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(source).join('(the feed address)');
}

/** Reads every configured feed; each engineer's outcome is recorded, a failure keeps what was read before. */
export async function refreshAvailabilityFeeds(deps: {
  db: Db;
  now: Clock;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
  settings: AvailabilitySettings;
  environmentFeeds: readonly CalendarFeed[];
  resolveSecret: SecretResolver;
  /** Feeds engineers linked on My availability, already opened. */
  linked?: readonly CalendarFeed[];
}): Promise<{ refreshed: number; failed: number }> {
  const { feeds, unresolved } = configuredFeeds(
    deps.settings,
    deps.environmentFeeds,
    deps.resolveSecret,
    deps.linked ?? [],
  );
  let refreshed = 0;
  let failed = unresolved.length;
  for (const missing of unresolved) {
    const error = `Secret ${missing.secretRef} (the feed address) is not set on the sidecar`;
    await recordFeedFailure(deps.db, {
      accountId: missing.accountId,
      source: 'settings',
      error,
      now: deps.now(),
    });
    deps.log.warn(
      { accountId: missing.accountId, secretRef: missing.secretRef },
      'calendar feed secret is not set',
    );
  }
  for (const feed of feeds) {
    try {
      const absences = absencesFromIcs(await readFeedText(feed.source), recurrenceWindow(deps.now()));
      await storeFeedAbsences(deps.db, feed.accountId, absences, deps.now());
      await recordFeedRead(deps.db, {
        accountId: feed.accountId,
        source: feed.origin,
        absences: absences.length,
        now: deps.now(),
      });
      refreshed += 1;
      deps.log.info({ accountId: feed.accountId, absences: absences.length }, 'calendar feed read');
    } catch (error) {
      failed += 1;
      const reason = safeMessage(error, feed.source);
      await recordFeedFailure(deps.db, {
        accountId: feed.accountId,
        source: feed.origin,
        error: reason,
        now: deps.now(),
      });
      deps.log.warn(
        { accountId: feed.accountId, reason },
        'calendar feed could not be read; keeping the absences read before',
      );
    }
  }
  return { refreshed, failed };
}
