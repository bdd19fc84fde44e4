// What the YouTrack app's tests start beside a sidecar: the stand-in YouTrack host that serves the
// app's widgets (src/http/youtrack-app/stub-host.ts, a process of its own because the app's
// backend makes blocking http calls), the calls that backend makes (signed over method, path, time
// and body), and a YouTrack desk with the customer side on (the hardware
// queue in the YouTrack stand-in, loopback SMTP, signed links).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  startYouTrackStandIn,
  YOUTRACK_DEMO_TOKEN,
  YOUTRACK_DEMO_TRACKERS,
} from '../sandbox/youtrack/index.js';
import type { YouTrackStandIn } from '../sandbox/youtrack/index.js';
import { assignmentTestSettings, TEST_SMTP_FROM } from '../src/assignment/testing.js';
import { signRequest } from '../src/http/youtrack-app/signature.js';
import { CUSTOMER_SECRET_KEY } from './customer-side.js';
import { startStoryWorld } from './story-support.js';
import type { StoryWorld } from './story-support.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');

export interface StubHost {
  url: string;
  process: ChildProcess;
}

/** Starts the stand-in YouTrack host, signed in as `login`, its app pointed at the sidecar. */
export async function startStubHost(config: {
  sidecarUrl: string;
  sidecarSecret: string;
  login: string;
}): Promise<StubHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(REPO, 'sidecar/src/http/youtrack-app/stub-host.ts')],
    {
      cwd: REPO,
      env: { ...process.env, STUB_HOST_CONFIG: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`the stand-in YouTrack host exited (${code})`)));
  });
  return { url: (JSON.parse(firstLine) as { url: string }).url, process: child };
}

/** A sidecar with the customer side on, its hardware queue in a YouTrack stand-in, e-mail over SMTP. */
export async function startYouTrackCustomerDesk(
  secretName: string,
  appSecret: string,
): Promise<{ world: StoryWorld; youtrack: YouTrackStandIn }> {
  const youtrack = await startYouTrackStandIn({ seed: true });
  const world = await startStoryWorld({
    secretName,
    routers: true,
    config: {
      secretKey: CUSTOMER_SECRET_KEY,
      youtrack: { baseUrl: youtrack.url, token: YOUTRACK_DEMO_TOKEN },
      youtrackWebhookSecrets: [appSecret],
    },
  });
  await world.saveSettings({
    ...assignmentTestSettings(),
    trackers: YOUTRACK_DEMO_TRACKERS,
    channels: {
      email: { host: '127.0.0.1', port: world.smtp.port, secure: false, from: TEST_SMTP_FROM },
      routes: [],
    },
  });
  return { world, youtrack };
}

/** A call to the sidecar's `/youtrack/api` as the app's backend makes it, signed with `secret`. */
export async function appCall(
  sidecarUrl: string,
  secret: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };
}> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Date.now());
  const res = await fetch(`${sidecarUrl}${path}`, {
    method,
    headers: {
      'x-frontline-timestamp': timestamp,
      'x-frontline-signature': signRequest(secret, method, path, timestamp, text),
      ...(text ? { 'content-type': 'application/json' } : {}),
    },
    ...(text ? { body: text } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
