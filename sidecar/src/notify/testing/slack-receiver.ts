// A Slack stand-in on loopback: incoming webhooks (`/hooks/<name>`) and chat.postMessage
// (`/api/chat.postMessage`, bearer token checked), with scripted failures.
import express from 'express';
import type { Request, Response } from 'express';
import { listenOnLoopback } from './loopback.js';

export interface SlackPost {
  via: 'webhook' | 'api';
  /** Webhook name or channel id. */
  target: string;
  text: string;
  at: number;
}

export type SlackScriptedAnswer = { status: number; body: unknown; retryAfter?: string } | 'hang';

export interface SlackReceiver {
  url: string;
  /** Webhook URL for `name` (register it with the channel). */
  webhookUrl(name: string): string;
  /** Base URL for the Web API. */
  apiBaseUrl: string;
  posts: SlackPost[];
  attempts: number;
  script(...answers: SlackScriptedAnswer[]): void;
  close(): Promise<void>;
}

/** Starts the receiver; chat.postMessage accepts only `botToken`. */
export async function startSlackReceiver(botToken = 'xoxb-test-token'): Promise<SlackReceiver> {
  const posts: SlackPost[] = [];
  const scripts: SlackScriptedAnswer[] = [];
  let attempts = 0;
  let ts = 1_700_000_000;

  const scripted = (res: Response): boolean => {
    attempts += 1;
    const answer = scripts.shift();
    if (answer === undefined) return false;
    if (answer === 'hang') return true;
    if (answer.retryAfter !== undefined) res.setHeader('retry-after', answer.retryAfter);
    res.status(answer.status).send(answer.body);
    return true;
  };

  const app = express();
  app.use(express.json());
  app.post('/hooks/:name', (req: Request<{ name: string }>, res: Response) => {
    if (scripted(res)) return;
    const text = (req.body as { text?: unknown }).text;
    if (typeof text !== 'string' || text === '') return void res.status(400).send('invalid_payload');
    posts.push({ via: 'webhook', target: req.params.name, text, at: Date.now() });
    res.status(200).send('ok');
  });
  app.post('/api/chat.postMessage', (req: Request, res: Response) => {
    if (scripted(res)) return;
    if (req.headers.authorization !== `Bearer ${botToken}`)
      return void res.json({ ok: false, error: 'invalid_auth' });
    const { channel, text } = req.body as { channel?: string; text?: string };
    if (!channel) return void res.json({ ok: false, error: 'channel_not_found' });
    posts.push({ via: 'api', target: channel, text: text ?? '', at: Date.now() });
    res.json({ ok: true, channel, ts: `${ts++}.000100` });
  });

  const http = await listenOnLoopback(app);
  return {
    url: http.url,
    webhookUrl: (name) => `${http.url}/hooks/${name}`,
    apiBaseUrl: `${http.url}/api`,
    posts,
    get attempts() {
      return attempts;
    },
    script: (...answers) => void scripts.push(...answers),
    close: http.close,
  };
}
