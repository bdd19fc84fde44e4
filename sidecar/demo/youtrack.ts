// The demo's YouTrack desk: the hardware team's queue (HWQ) in the YouTrack stand-in beside the
// Jira desk. The product is pointed at the stand-in (YOUTRACK_BASE_URL/TOKEN as a real install would
// set them), the settings say HWQ lives in YouTrack, and the simulated YouTrack app posts signed
// events to the sidecar; one urgent ticket is raised so the log shows it accepted, assigned and its
// temperature written.
import { randomBytes } from 'node:crypto';
import { SettingsDocumentSchema } from '@frontline/shared';
import {
  startYouTrackStandIn,
  withYouTrackTeam,
  YOUTRACK_DEMO_POLICY,
  YOUTRACK_DEMO_PROJECT,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
} from '../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../sandbox/youtrack/index.js';
import type { RunningSidecar } from '../src/compose.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { createSettingsService } from '../src/settings/service.js';

export interface YouTrackDesk {
  /** The configuration a real YouTrack install would give: its URL, token and event secret. */
  config(config: Config): Config;
  /** Puts HWQ in YouTrack in the settings, points the app's events at the sidecar, raises a ticket. */
  afterReady(sidecar: RunningSidecar): Promise<void>;
  close(): Promise<void>;
}

/** HWQ in YouTrack in the live settings (once), with its policy and the hardware engineers. */
async function seedYouTrackSettings(sidecar: RunningSidecar, log: Logger): Promise<void> {
  const service = createSettingsService(sidecar.db);
  const live = await service.live();
  const current = SettingsDocumentSchema.safeParse(live.settings ?? {});
  if (!current.success) return;
  const s = current.data;
  if (s.trackers.projects[YOUTRACK_DEMO_PROJECT.shortName] === 'youtrack') return;
  const written = await service.replace(
    {
      ...s,
      engineers: withYouTrackTeam(s.engineers),
      assignment: [
        ...s.assignment.filter((p) => p.project !== YOUTRACK_DEMO_PROJECT.shortName),
        YOUTRACK_DEMO_POLICY,
      ],
      trackers: YOUTRACK_DEMO_TRACKERS,
    },
    { actor: 'demo', source: 'file' },
  );
  if (written.ok)
    log.info(`demo: ${YOUTRACK_DEMO_PROJECT.shortName} lives in YouTrack (settings "trackers")`);
  else log.warn({ error: written.error }, 'demo: the YouTrack desk settings were refused');
}

/** Logs the ticket's assignee and Temperature as they appear in the stand-in (up to a minute). */
function watch(standIn: YouTrackStandIn, key: string, log: Logger): void {
  let assignee: string | undefined;
  let temperature: number | undefined;
  const started = Date.now();
  const timer = setInterval(() => {
    const issue = standIn.state.issues.find((i) => i.idReadable === key);
    const value = (name: string) => issue?.customFields.find((f) => f.name === name)?.value;
    const who = (value('Assignee') as { fullName?: string } | null | undefined)?.fullName;
    if (who && who !== assignee) {
      assignee = who;
      const note = issue?.comments.find((c) => c.visibility.$type === 'LimitedVisibility');
      log.info(
        { issueKey: key },
        `demo: ${key} assigned in YouTrack to ${who}${note ? `; internal note: "${note.text}"` : ''}`,
      );
    }
    const t = value('Temperature');
    if (typeof t === 'number' && t !== temperature) {
      temperature = t;
      log.info({ issueKey: key, temperature: t }, `demo: ${key} Temperature ${t} written in YouTrack`);
    }
    if ((assignee && temperature !== undefined) || Date.now() - started > 60_000) clearInterval(timer);
  }, 500);
  timer.unref();
}

/** Starts the YouTrack stand-in unless a real YouTrack is configured. */
export async function startYouTrackDesk(loaded: Config, log: Logger): Promise<YouTrackDesk | undefined> {
  if (loaded.youtrack) return undefined;
  const standInLog = log.child({ component: 'youtrack-stand-in' });
  let standIn: YouTrackStandIn;
  try {
    standIn = await startYouTrackStandIn({ seed: true, log: (line) => standInLog.debug(line) });
  } catch (err) {
    log.warn({ err }, 'the YouTrack stand-in could not start; the demo runs without a YouTrack desk');
    return undefined;
  }
  log.info(
    { url: standIn.url },
    'no YOUTRACK_BASE_URL: YouTrack stand-in started with the hardware queue HWQ',
  );
  const secret = loaded.youtrackWebhookSecrets[0] ?? randomBytes(32).toString('hex');
  return {
    config: (config) => ({
      ...config,
      youtrack: { baseUrl: standIn.url, token: YOUTRACK_DEMO_TOKEN },
      youtrackWebhookSecrets:
        config.youtrackWebhookSecrets.length > 0 ? config.youtrackWebhookSecrets : [secret],
    }),
    async afterReady(sidecar) {
      await seedYouTrackSettings(sidecar, log);
      standIn.deliverTo({ url: `${sidecar.url}/webhooks/youtrack`, secret });
      const issue = standIn.raise({
        summary: 'RAID controller battery failed on the core banking array',
        reporter: 'k.lebedev',
        priority: 'Show-stopper',
      });
      log.info(
        { issueKey: issue.idReadable },
        `demo: ${issue.idReadable} raised in YouTrack: "${issue.summary}"`,
      );
      watch(standIn, issue.idReadable, log);
    },
    close: () => standIn.close(),
  };
}
