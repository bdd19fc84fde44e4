// What the customer-side tests share: the story world (sidecar with notifications, the Jira stand-in,
// loopback SMTP) with the customer side on (a secret key, Forge Remote with a loopback JWKS), the
// Forge Remote calls as the platform makes them, paid-work tickets in the stand-in, the links in the
// mails, and Debian's Chromium through playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { Contract, SettingsDocumentInput } from '@frontline/shared';
import { DEMO_APP_TOKEN, DEMO_CUSTOMERS, DEMO_FIELD_IDS } from '../sandbox/index.js';
import type { StandInIssue } from '../sandbox/index.js';
import { assignmentTestSettings, TEST_SMTP_FROM } from '../src/assignment/testing.js';
import { fitClaims, startTestJwks, TEST_APP_ID } from '../src/http/forge/testing.js';
import type { TestJwks } from '../src/http/forge/testing.js';
import type { ReceivedMail } from '../src/notify/testing/smtp-server.js';
import { DEMO_CONTRACTS } from '../demo/contracts.js';
import { startStoryWorld } from './story-support.js';
import type { StoryWorld } from './story-support.js';
import { waitFor } from './webhook-client.js';

export const CUSTOMER_SECRET_KEY = 'customer-links-test-secret-0123456789abcdef';
export const CHROMIUM = process.env.FRONTLINE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/customer-page');
export const haveChromium = existsSync(CHROMIUM);

/** `describe` when Chromium is there; in CI its absence is an error, elsewhere a skip with a note. */
export function describeInBrowser(what: string): jest.Describe {
  if (!haveChromium && process.env.CI)
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium or set FRONTLINE_CHROMIUM`);
  if (!haveChromium) console.warn(`Skipping ${what}: no Chromium at ${CHROMIUM} (set FRONTLINE_CHROMIUM)`);
  return haveChromium ? describe : describe.skip;
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface CustomerWorld extends StoryWorld {
  jwks: TestJwks;
  /** Forge Remote as the platform calls it for `principal` (FIT, and the app's system token for the stand-in). */
  remote(
    principal: string,
  ): (
    remoteKey: string,
    options: { path: string; method: string; headers?: Record<string, string>; body?: string },
  ) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  /** A ticket the customer's contract does not cover (a Task), raised by the customer's first contact. */
  paidWorkTicket(customerKey: string, summary: string): StandInIssue;
  /** The mails to `to` whose subject matches, once at least one arrived. */
  mailTo(to: string, subject: RegExp, count?: number): Promise<ReceivedMail[]>;
}

/** The customer's first contact in the stand-in (reporter of their tickets). */
export const contactOf = (customerKey: string) =>
  DEMO_CUSTOMERS.find((c) => c.key === customerKey)!.contacts[0]!;

export async function startCustomerWorld(
  opts: { contracts?: readonly Contract[]; settings?: SettingsDocumentInput } = {},
): Promise<CustomerWorld> {
  const jwks = await startTestJwks();
  await jwks.addKey('forge-1');
  const world = await startStoryWorld({
    secretName: 'FRONTLINE_TEST_CUSTOMER_BOT',
    routers: true,
    contracts: opts.contracts ?? DEMO_CONTRACTS,
    config: {
      secretKey: CUSTOMER_SECRET_KEY,
      adminToken: 'customer-side-admin-token-0001',
      forge: { appId: TEST_APP_ID, jwksUrl: jwks.url },
    },
  });
  await world.saveSettings({
    ...assignmentTestSettings(),
    channels: {
      email: { host: '127.0.0.1', port: world.smtp.port, secure: false, from: TEST_SMTP_FROM },
      routes: [],
    },
    ...opts.settings,
  });
  const close = world.close;
  return {
    ...world,
    jwks,
    async close() {
      await close();
      await jwks.close();
    },
    remote:
      (principal) =>
      async (_remoteKey, { path, method, headers, body }) => {
        const fit = await jwks.sign(
          'forge-1',
          fitClaims({ principal, app: { ...(fitClaims().app as object), apiBaseUrl: world.jira.url } }),
        );
        const res = await fetch(`${world.sidecar.url}${path}`, {
          method,
          headers: { ...headers, authorization: `Bearer ${fit}`, 'x-forge-oauth-system': DEMO_APP_TOKEN },
          ...(body === undefined ? {} : { body }),
        });
        return { ok: res.ok, status: res.status, text: () => res.text() };
      },
    paidWorkTicket(customerKey, summary) {
      const customer = DEMO_CUSTOMERS.find((c) => c.key === customerKey)!;
      return world.jira.state.createIssue({
        projectKey: 'SUP',
        issueTypeId: '10003',
        summary,
        reporterId: customer.contacts[0]!.accountId,
        custom: { [DEMO_FIELD_IDS.organizations]: [{ id: customer.organizationId, name: customer.name }] },
      });
    },
    async mailTo(to, subject, count = 1) {
      const found = () =>
        world.smtp.received.filter((m) => m.envelopeTo.includes(to) && subject.test(m.subject));
      await waitFor(async () => found().length >= count, 20_000, `${count} mail(s) to ${to}: ${subject}`);
      return found();
    },
  };
}

/** The page link a mail carries. */
export function linkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no page link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}
