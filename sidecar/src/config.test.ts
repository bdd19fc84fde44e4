import { describeConfigProblems, DEFAULT_FORGE_JWKS_URL, loadConfig } from './config.js';

const SECRET_A = 'northwind-current-secret-0001';
const SECRET_B = 'northwind-previous-secret-0002';

describe('loadConfig', () => {
  it('reads the YouTrack instance, its token and the secrets its events are signed with', () => {
    const loaded = loadConfig({
      YOUTRACK_BASE_URL: 'https://northwind.youtrack.cloud/',
      YOUTRACK_TOKEN: 'perm:frontline.token',
      YOUTRACK_WEBHOOK_SECRETS: `${SECRET_A}, ${SECRET_B}`,
    });
    if (!loaded.ok) throw new Error(describeConfigProblems(loaded.error));
    expect(loaded.value.youtrack).toEqual({
      baseUrl: 'https://northwind.youtrack.cloud',
      token: 'perm:frontline.token',
    });
    expect(loaded.value.youtrackWebhookSecrets).toEqual([SECRET_A, SECRET_B]);
  });

  it('names the missing half of a YouTrack instance and a short YouTrack secret', () => {
    expect(loadConfig({ YOUTRACK_BASE_URL: 'https://northwind.youtrack.cloud' })).toEqual({
      ok: false,
      error: [
        {
          variable: 'YOUTRACK_TOKEN',
          message: 'is required when any of YOUTRACK_BASE_URL, YOUTRACK_TOKEN is set',
        },
      ],
    });
    const short = loadConfig({ YOUTRACK_WEBHOOK_SECRETS: 'short' });
    expect(short.ok ? [] : short.error.map((p) => p.variable)).toEqual(['YOUTRACK_WEBHOOK_SECRETS']);
  });

  it('defaults everything for a bare environment: embedded store, stand-in, port 8080', () => {
    const loaded = loadConfig({});
    expect(loaded).toEqual({
      ok: true,
      value: {
        port: 8080,
        databaseUrl: undefined,
        dataDir: '.frontline',
        jira: undefined,
        webhookSecrets: [],
        youtrack: undefined,
        youtrackWebhookSecrets: [],
        forge: { appId: undefined, jwksUrl: DEFAULT_FORGE_JWKS_URL },
        adminToken: undefined,
        telegramWebhookSecret: undefined,
        secretKey: undefined,
        logLevel: 'info',
        settingsFile: undefined,
        temperatureField: undefined,
        calendarFeeds: [],
      },
    });
  });

  it('reads the settings file, the Temperature field and the calendar feeds', () => {
    const loaded = loadConfig({
      FRONTLINE_SETTINGS_FILE: '/etc/frontline/settings.json',
      FRONTLINE_TEMPERATURE_FIELD: 'customfield_10042',
      FRONTLINE_CALENDAR_FEEDS: 'acc-1=https://cal.northwind.example/olga.ics, acc-2=/srv/cal/pavel.ics',
    });
    expect(loaded.ok && loaded.value.settingsFile).toBe('/etc/frontline/settings.json');
    expect(loaded.ok && loaded.value.temperatureField).toBe('customfield_10042');
    expect(loaded.ok && loaded.value.calendarFeeds).toEqual([
      { accountId: 'acc-1', source: 'https://cal.northwind.example/olga.ics' },
      { accountId: 'acc-2', source: '/srv/cal/pavel.ics' },
    ]);
  });

  it('splits JIRA_WEBHOOK_SECRETS on commas, keeping the order (the first signs)', () => {
    const loaded = loadConfig({ JIRA_WEBHOOK_SECRETS: ` ${SECRET_A}, ${SECRET_B} ,` });
    expect(loaded.ok && loaded.value.webhookSecrets).toEqual([SECRET_A, SECRET_B]);
  });

  it('treats empty variables as unset', () => {
    const loaded = loadConfig({ PORT: '', DATABASE_URL: ' ', JIRA_BASE_URL: '' });
    expect(loaded.ok && loaded.value.port).toBe(8080);
    expect(loaded.ok && loaded.value.databaseUrl).toBeUndefined();
  });

  it('takes a complete Jira site and strips the trailing slash', () => {
    const loaded = loadConfig({
      JIRA_BASE_URL: 'https://northwind.atlassian.net/',
      JIRA_EMAIL: 'automation@northwind.example',
      JIRA_API_TOKEN: 'token',
    });
    expect(loaded.ok && loaded.value.jira).toEqual({
      baseUrl: 'https://northwind.atlassian.net',
      email: 'automation@northwind.example',
      apiToken: 'token',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/frontline' }, 'DATABASE_URL'],
    [{ JIRA_BASE_URL: 'northwind.atlassian.net' }, 'JIRA_BASE_URL'],
    [{ FORGE_JWKS_URL: 'ftp://example.com/jwks' }, 'FORGE_JWKS_URL'],
    [{ JIRA_WEBHOOK_SECRETS: 'short' }, 'JIRA_WEBHOOK_SECRETS'],
    [{ FRONTLINE_ADMIN_TOKEN: 'admin' }, 'FRONTLINE_ADMIN_TOKEN'],
    [{ FRONTLINE_SECRET_KEY: 'too-short' }, 'FRONTLINE_SECRET_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FRONTLINE_CALENDAR_FEEDS: 'olga.ics' }, 'FRONTLINE_CALENDAR_FEEDS'],
    [
      { TELEGRAM_WEBHOOK_SECRET: 'short-secret', FRONTLINE_PUBLIC_URL: 'https://x.example' },
      'TELEGRAM_WEBHOOK_SECRET',
    ],
    [
      { TELEGRAM_WEBHOOK_SECRET: 'northwind secret 0001', FRONTLINE_PUBLIC_URL: 'https://x.example' },
      'TELEGRAM_WEBHOOK_SECRET',
    ],
    [
      { TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257), FRONTLINE_PUBLIC_URL: 'https://x.example' },
      'TELEGRAM_WEBHOOK_SECRET',
    ],
    [{ TELEGRAM_WEBHOOK_SECRET: 'northwind-telegram_0001' }, 'FRONTLINE_PUBLIC_URL'],
  ])('rejects %j naming %s', (env, variable) => {
    const loaded = loadConfig(env);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.map((p) => p.variable)).toEqual([variable]);
      expect(describeConfigProblems(loaded.error)).toContain(`${variable}: `);
    }
  });

  it.each([' northwind-admin-token-0001', 'northwind-admin-token-0001 ', '\tnorthwind-admin-token-0001\n'])(
    'refuses an admin token with surrounding whitespace (%j), which no request could ever match',
    (token) => {
      const loaded = loadConfig({ FRONTLINE_ADMIN_TOKEN: token });
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) {
        expect(loaded.error).toEqual([
          { variable: 'FRONTLINE_ADMIN_TOKEN', message: expect.stringContaining('whitespace') },
        ]);
      }
    },
  );

  it('takes an admin token with whitespace inside it as it is', () => {
    const loaded = loadConfig({ FRONTLINE_ADMIN_TOKEN: 'northwind admin token 0001' });
    expect(loaded.ok && loaded.value.adminToken).toBe('northwind admin token 0001');
  });

  it('names each missing part of a half-configured Jira site', () => {
    const loaded = loadConfig({ JIRA_BASE_URL: 'https://northwind.atlassian.net' });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.error.map((p) => p.variable).sort()).toEqual(['JIRA_API_TOKEN', 'JIRA_EMAIL']);
  });

  it('takes a Telegram webhook secret of the allowed characters with the public URL', () => {
    const loaded = loadConfig({
      TELEGRAM_WEBHOOK_SECRET: 'northwind-telegram_0001',
      FRONTLINE_PUBLIC_URL: 'https://frontline.northwind.example/',
    });
    expect(loaded.ok && loaded.value.telegramWebhookSecret).toBe('northwind-telegram_0001');
    expect(loaded.ok && loaded.value.publicUrl).toBe('https://frontline.northwind.example');
  });
});
