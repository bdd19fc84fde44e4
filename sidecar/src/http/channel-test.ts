// A test send through one notification channel as the saved settings configure it:
//   POST /api/channels/{email|telegram|slack}/test        (admin token)
//   POST /forge/api/channels/{email|telegram|slack}/test  (the admin page, FIT-verified)
// Body, optional: { "recipient": "...", "language": "en" | "ru" } — the e-mail address, Telegram chat
// id or Slack channel to write to (default: the first Telegram chat, the Slack channel; e-mail needs
// one). 200 with { ok: true, recipient } when it went through; 422 with a code and a message an admin
// can act on when it did not (`auth_failed`: "authentication failed for user …"); never a secret.
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { parseWith } from '@frontline/shared';
import type { ChannelTestResult } from '../notify/live.js';
import type { ChannelKind } from '../notify/types.js';
import { CHANNEL_KINDS } from '../notify/types.js';
import { requireAdminToken } from './admin/auth.js';
import { HttpError } from './errors.js';
import { jsonBody } from './json-body.js';

const TestBodySchema = z.strictObject({
  recipient: z.string().trim().min(1, 'Give the address to send the test to').max(320).optional(),
  language: z.enum(['en', 'ru'], { error: 'Language is "en" or "ru"' }).optional(),
});

export interface ChannelTestDeps {
  testSend(channel: ChannelKind, recipient?: string, language?: 'en' | 'ru'): Promise<ChannelTestResult>;
}

function handler(deps: ChannelTestDeps): RequestHandler {
  return async (req, res) => {
    const channel = String(req.params.channel);
    if (!(CHANNEL_KINDS as readonly string[]).includes(channel))
      throw new HttpError(404, 'unknown_channel', `Channel is one of: ${CHANNEL_KINDS.join(', ')}`);
    const parsed = parseWith(TestBodySchema, req.body === undefined ? {} : req.body);
    if (!parsed.ok)
      throw new HttpError(422, 'invalid_request', 'The test request is not valid', parsed.error);
    const result = await deps.testSend(channel as ChannelKind, parsed.value.recipient, parsed.value.language);
    res.status(result.ok ? 200 : 422).json(result);
  };
}

/** Under /api, with the admin token. */
export function createChannelTestAdminRouter(
  deps: ChannelTestDeps & { adminToken: string | undefined },
): Router {
  const router = Router();
  router.post(
    '/channels/:channel/test',
    requireAdminToken(deps.adminToken ? [{ name: 'admin-token', token: deps.adminToken }] : []),
    jsonBody({ limit: '4kb' }),
    handler(deps),
  );
  return router;
}

/** Under /forge/api (the Forge router has verified the FIT and read the JSON body). */
export function createChannelTestForgeRouter(deps: ChannelTestDeps): Router {
  const router = Router();
  router.post('/channels/:channel/test', handler(deps));
  return router;
}
