// The sidecar's configuration: read once from the environment at start, validated with zod. A bad
// value stops start-up with a message that names the variable, so operators fix the right thing.
import { z } from 'zod';
import type { Result } from '@frontline/shared';
import { parseCalendarFeeds, type CalendarFeed } from './schedules/ical.js';

export const DEFAULT_FORGE_JWKS_URL = 'https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z.string().trim().min(1).optional();

const commaList = z
  .string()
  .optional()
  .transform((raw) =>
    (raw ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  );

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: postgresUrl.optional(),
  FRONTLINE_DATA_DIR: z.string().trim().min(1).default('.frontline'),
  JIRA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  JIRA_EMAIL: optionalText,
  JIRA_API_TOKEN: optionalText,
  JIRA_WEBHOOK_SECRETS: commaList.pipe(
    z.array(z.string().min(16, 'each secret must be at least 16 characters long')),
  ),
  YOUTRACK_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  YOUTRACK_TOKEN: optionalText,
  YOUTRACK_WEBHOOK_SECRETS: commaList.pipe(
    z.array(z.string().min(16, 'each secret must be at least 16 characters long')),
  ),
  FORGE_APP_ID: optionalText,
  FORGE_JWKS_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_FORGE_JWKS_URL),
  // Refused rather than trimmed: HTTP strips a header value's surrounding whitespace, so such a
  // token could never match, and silently changing a secret would hide which copy is wrong.
  FRONTLINE_ADMIN_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters long')
    .refine((value) => value === value.trim(), 'must not begin or end with whitespace')
    .optional(),
  FRONTLINE_SECRET_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  // Where customers reach the sidecar's page (/c/…); the links in approval, rating and NPS e-mails.
  FRONTLINE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Set: Telegram delivers updates to FRONTLINE_PUBLIC_URL/telegram/webhook with this secret, and no
  // replica long-polls. Telegram allows 1–256 characters A-Z a-z 0-9 _ -; we ask for 16 at least.
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters long')
    .max(256, 'must be at most 256 characters long')
    .regex(/^[A-Za-z0-9_-]+$/, 'may hold only the letters A-Z a-z, digits, "_" and "-"')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  FRONTLINE_SETTINGS_FILE: optionalText,
  FRONTLINE_TEMPERATURE_FIELD: optionalText,
  FRONTLINE_CALENDAR_FEEDS: optionalText,
});

export interface JiraSite {
  baseUrl: string;
  email: string;
  apiToken: string;
}

/** A YouTrack instance (Cloud or Server) and the permanent token the sidecar calls it with. */
export interface YouTrackSite {
  /** Without a trailing slash, e.g. `https://northwind.youtrack.cloud`. */
  baseUrl: string;
  /** A permanent token (`perm:…`), sent as `Authorization: Bearer`. */
  token: string;
}

/** Everything the sidecar reads from its environment, typed and defaulted. */
export interface Config {
  port: number;
  /** Unset → the embedded PGlite store in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Unset → the Jira stand-in starts with demo data. */
  jira: JiraSite | undefined;
  /** All verify incoming webhooks; the first signs the ones the sidecar registers. */
  webhookSecrets: string[];
  /** Unset → no YouTrack projects (the demo starts the YouTrack stand-in). */
  youtrack: YouTrackSite | undefined;
  /** Verify the YouTrack app's events (`X-Frontline-Signature`); the first is the one the app signs with. */
  youtrackWebhookSecrets: string[];
  forge: { appId: string | undefined; jwksUrl: string };
  adminToken: string | undefined;
  /** The sidecar's public base URL for customer links; unset → the address it listens on. */
  publicUrl: string | undefined;
  /** Set: Telegram updates come by webhook at `publicUrl` + /telegram/webhook; unset: long polling. */
  telegramWebhookSecret: string | undefined;
  secretKey: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** A JSON settings document loaded (and versioned) at start. */
  settingsFile: string | undefined;
  /** The Temperature custom field the sweep writes (the key Jira gives the Forge app's field). */
  temperatureField: string | undefined;
  /** Engineers' iCalendar feeds (`accountId=url-or-path`, comma-separated) read for absences. */
  calendarFeeds: CalendarFeed[];
}

/** One configuration problem: the environment variable at fault and what is wrong with it. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Empty strings count as unset, the way shells and compose files usually mean them. */
function withoutEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

/** The Jira site is all three variables or none; half a site is a mistake worth stopping for. */
function jiraSite(env: z.output<typeof EnvSchema>): Result<JiraSite | undefined, ConfigProblem[]> {
  const parts = {
    JIRA_BASE_URL: env.JIRA_BASE_URL,
    JIRA_EMAIL: env.JIRA_EMAIL,
    JIRA_API_TOKEN: env.JIRA_API_TOKEN,
  };
  const missing = Object.entries(parts).filter(([, value]) => value === undefined);
  if (missing.length === 3) return { ok: true, value: undefined };
  if (missing.length > 0) {
    return {
      ok: false,
      error: missing.map(([variable]) => ({
        variable,
        message: 'is required when any of JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN is set',
      })),
    };
  }
  return {
    ok: true,
    value: {
      baseUrl: env.JIRA_BASE_URL!.replace(/\/+$/, ''),
      email: env.JIRA_EMAIL!,
      apiToken: env.JIRA_API_TOKEN!,
    },
  };
}

/** The YouTrack instance is both variables or none. */
function youtrackSite(env: z.output<typeof EnvSchema>): Result<YouTrackSite | undefined, ConfigProblem[]> {
  const parts = { YOUTRACK_BASE_URL: env.YOUTRACK_BASE_URL, YOUTRACK_TOKEN: env.YOUTRACK_TOKEN };
  const missing = Object.entries(parts).filter(([, value]) => value === undefined);
  if (missing.length === 2) return { ok: true, value: undefined };
  if (missing.length > 0) {
    return {
      ok: false,
      error: missing.map(([variable]) => ({
        variable,
        message: 'is required when any of YOUTRACK_BASE_URL, YOUTRACK_TOKEN is set',
      })),
    };
  }
  return {
    ok: true,
    value: { baseUrl: env.YOUTRACK_BASE_URL!.replace(/\/+$/, ''), token: env.YOUTRACK_TOKEN! },
  };
}

/** Validates the environment; every problem names its variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
): Result<Config, ConfigProblem[]> {
  const parsed = EnvSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        message: issue.message,
      })),
    };
  }
  const values = parsed.data;
  const site = jiraSite(values);
  if (!site.ok) return site;
  const youtrack = youtrackSite(values);
  if (!youtrack.ok) return youtrack;
  if (values.TELEGRAM_WEBHOOK_SECRET !== undefined && values.FRONTLINE_PUBLIC_URL === undefined)
    return {
      ok: false,
      error: [
        {
          variable: 'FRONTLINE_PUBLIC_URL',
          message: 'is required when TELEGRAM_WEBHOOK_SECRET is set (Telegram posts updates to it)',
        },
      ],
    };
  const feeds = parseCalendarFeeds(values.FRONTLINE_CALENDAR_FEEDS);
  if (!feeds.ok) {
    const message = feeds.error.replace(/^FRONTLINE_CALENDAR_FEEDS:\s*/, '');
    return { ok: false, error: [{ variable: 'FRONTLINE_CALENDAR_FEEDS', message }] };
  }
  return {
    ok: true,
    value: {
      port: values.PORT,
      databaseUrl: values.DATABASE_URL,
      dataDir: values.FRONTLINE_DATA_DIR,
      jira: site.value,
      webhookSecrets: values.JIRA_WEBHOOK_SECRETS,
      youtrack: youtrack.value,
      youtrackWebhookSecrets: values.YOUTRACK_WEBHOOK_SECRETS,
      forge: { appId: values.FORGE_APP_ID, jwksUrl: values.FORGE_JWKS_URL },
      adminToken: values.FRONTLINE_ADMIN_TOKEN,
      secretKey: values.FRONTLINE_SECRET_KEY,
      publicUrl: values.FRONTLINE_PUBLIC_URL?.replace(/\/+$/, ''),
      telegramWebhookSecret: values.TELEGRAM_WEBHOOK_SECRET,
      logLevel: values.LOG_LEVEL,
      settingsFile: values.FRONTLINE_SETTINGS_FILE,
      temperatureField: values.FRONTLINE_TEMPERATURE_FIELD,
      calendarFeeds: feeds.value,
    },
  };
}

/** One line per problem, ready for stderr: `Invalid configuration: PORT must be …`. */
export function describeConfigProblems(problems: readonly ConfigProblem[]): string {
  return ['Invalid configuration:', ...problems.map((p) => `  ${p.variable}: ${p.message}`)].join('\n');
}
