// Each Telegram update is handled once, whether it came by webhook or by long polling: its id is
// recorded first (a re-delivery finds it and stops), and forgotten again if handling throws, so
// the next delivery gets another chance.
import type { Queryable } from '../store/db.js';
import type { TelegramUpdate } from './telegram-take.js';

/** Handles `update` unless its id was handled before; says which happened. */
export async function handleUpdateOnce(
  db: Queryable,
  update: TelegramUpdate,
  handle: (update: TelegramUpdate) => Promise<unknown>,
  now: Date,
): Promise<'handled' | 'duplicate'> {
  const fresh = await db.query(
    'INSERT INTO notify_telegram_updates (update_id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [update.update_id, now],
  );
  if (fresh.rowCount === 0) return 'duplicate';
  try {
    await handle(update);
  } catch (error) {
    await db.query('DELETE FROM notify_telegram_updates WHERE update_id = $1', [update.update_id]);
    throw error;
  }
  return 'handled';
}
