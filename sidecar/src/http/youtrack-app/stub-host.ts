// A stand-in for the YouTrack side of the app, for browser tests: an issue page that frames a widget
// (as YouTrack frames it), the YTApp object the widget registers with, and the app's real backend
// handler (youtrack-app/backend.js) answering `host.fetchApp`, its calls to the sidecar made over
// HTTP. It runs as a process of its own — YouTrack's http calls block, and blocking the test's own
// event loop would block the sidecar the test runs there.
//   npx tsx sidecar/src/http/youtrack-app/stub-host.ts   (configured by STUB_HOST_CONFIG, JSON)
// It prints `{"url": "http://127.0.0.1:<port>"}` on its first line once it listens.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { APP_DIR, loadAppScript, sendingHttp } from './testing.js';

export interface StubHostConfig {
  sidecarUrl: string;
  sidecarSecret: string;
  /** The YouTrack user viewing the issue. */
  login: string;
}

interface Endpoint {
  scope: string;
  method: string;
  path: string;
  handle(ctx: unknown): void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** What YouTrack injects into a widget's frame: YTApp, whose fetchApp reaches the app's handlers. */
function ytAppScript(issueId: string): string {
  return `window.YTApp = {
  entity: { id: ${JSON.stringify(issueId)}, type: 'Issue' },
  register: async () => ({
    fetchApp: async (path, options = {}) => {
      const res = await fetch('/__host/fetch-app', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ issueId: ${JSON.stringify(issueId)}, path, options }),
      });
      const answer = await res.json();
      if (answer.status >= 400) throw Object.assign(new Error('fetchApp failed: ' + answer.status), { status: answer.status, data: answer.body });
      return answer.body;
    },
  }),
};`;
}

function issuePage(issueId: string, widget: string): string {
  const src = `/widgets/${encodeURIComponent(widget)}/index.html?issue=${encodeURIComponent(issueId)}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${issueId}</title></head>
<body style="font-family: sans-serif; margin: 16px">
<h1 style="font-size: 18px">${issueId}</h1>
<iframe title="frontline" src="${src}" sandbox="allow-scripts allow-same-origin" style="width: 380px; height: 560px; border: 1px solid #ccc"></iframe>
</body></html>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function startStubHost(config: StubHostConfig) {
  const { httpHandler } = loadAppScript<{ httpHandler: { endpoints: Endpoint[] } }>('backend.js', {
    http: sendingHttp(),
  });

  /** Runs the app's handler for `backend/<path>` as YouTrack would, for the issue the widget shows. */
  function fetchApp(input: { issueId: string; path: string; options: { method?: string; body?: unknown } }) {
    const [handler, ...rest] = input.path.split('/');
    const method = (input.options.method ?? 'GET').toUpperCase();
    const endpoint = httpHandler.endpoints.find((e) => e.path === rest.join('/') && e.method === method);
    if (handler !== 'backend' || !endpoint)
      return { status: 404, body: { error: { code: 'no_such_endpoint' } } };
    const response = { code: 200, body: undefined as unknown, json: (b: unknown) => (response.body = b) };
    endpoint.handle({
      request: { json: () => input.options.body ?? null },
      response,
      issue: { id: input.issueId },
      currentUser: { login: config.login, fullName: config.login, email: null },
      settings: { sidecarUrl: config.sidecarUrl, sidecarSecret: config.sidecarSecret },
    });
    return { status: response.code, body: response.body };
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://host');
    const issuePageMatch = /^\/issue\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (issuePageMatch) {
      res.writeHead(200, { 'content-type': TYPES['.html']! });
      return res.end(issuePage(issuePageMatch[1]!, url.searchParams.get('widget') ?? 'issue-panel'));
    }
    if (url.pathname === '/__host/ytapp.js') {
      res.writeHead(200, { 'content-type': TYPES['.js']! });
      return res.end(ytAppScript(url.searchParams.get('issue') ?? ''));
    }
    if (url.pathname === '/__host/fetch-app' && req.method === 'POST') {
      const answer = fetchApp(JSON.parse(await readBody(req)));
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(answer));
    }
    if (url.pathname.startsWith('/widgets/')) {
      const file = normalize(join(APP_DIR, url.pathname));
      if (!file.startsWith(join(APP_DIR, 'widgets'))) return void res.writeHead(403).end();
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return void res.writeHead(404).end();
      }
      if (extname(file) === '.html') {
        const issue = encodeURIComponent(url.searchParams.get('issue') ?? '');
        text = text.replace('<head>', `<head>\n    <script src="/__host/ytapp.js?issue=${issue}"></script>`);
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      return res.end(text);
    }
    res.writeHead(404).end();
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// Configured by STUB_HOST_CONFIG; stops when its parent closes stdin.
const host = await startStubHost(JSON.parse(process.env.STUB_HOST_CONFIG ?? '{}') as StubHostConfig);
process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void host.close().then(() => process.exit(0)));
