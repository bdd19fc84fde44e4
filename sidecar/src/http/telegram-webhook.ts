// The Telegram webhook: Telegram POSTs updates to `/telegram/webhook` with the secret given to
// setWebhook in `X-Telegram-Bot-Api-Secret-Token`. Each update id is handled once; Telegram
// re-delivers until it gets a 2xx, so a failed handling answers 500 and forgets the id.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import { toFieldIssues } from '@frontline/shared';
import { HttpError } from './errors.js';
import type { Queryable } from '../store/db.js';
import { TelegramUpdateSchema } from '../notify/telegram-take.js';
import { handleUpdateOnce } from '../notify/telegram-updates.js';
import type { TelegramUpdate } from '../notify/telegram-take.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface TelegramWebhookDeps {
  /** The `secret_token` registered with setWebhook. */
  secretToken: string;
  /** Store for update-id dedupe (table `notify_telegram_updates`). */
  db: Queryable;
  handleUpdate(update: TelegramUpdate): Promise<unknown>;
  now?: () => Date;
}

/** Compares secrets in constant time, whatever their lengths. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Router for the platform to mount at the root; it answers only `POST /telegram/webhook`. */
export function createTelegramWebhookRouter(deps: TelegramWebhookDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = Router();
  router.post(TELEGRAM_WEBHOOK_PATH, express.json({ limit: '1mb' }), async (req, res) => {
    const given = req.get(SECRET_HEADER);
    if (!secretMatches(given, deps.secretToken)) {
      throw new HttpError(
        401,
        'unauthorized',
        given === undefined
          ? 'Missing X-Telegram-Bot-Api-Secret-Token'
          : 'Wrong X-Telegram-Bot-Api-Secret-Token',
      );
    }
    const parsed = TelegramUpdateSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(
        400,
        'invalid_update',
        'Body is not a Telegram update',
        toFieldIssues(parsed.error),
      );
    }
    const outcome = await handleUpdateOnce(deps.db, parsed.data, deps.handleUpdate, now());
    if (outcome === 'duplicate') {
      res.status(200).json({ duplicate: true });
      return;
    }
    res.status(200).json({ ok: true });
  });
  return router;
}
