// reports.backfill: builds the service report's facts for existing tickets from the tracker (see
// reports/backfill.ts). Resumable: a retry after a crash or a restart carries on from the progress
// row. A tracker refusal that no retry can change marks the backfill failed with its reason.
import { z } from 'zod';
import { TrackerCallError } from '../../ports.js';
import { failBackfill, runBackfill } from '../../reports/backfill.js';
import type { BackfillDeps } from '../../reports/backfill.js';
import { defineJob, DEFAULT_RETRY, PermanentJobError } from '../kind.js';

export const ReportsBackfillData = z.object({});

export function reportsBackfillKind(deps: BackfillDeps) {
  return defineJob({
    name: 'reports.backfill',
    data: ReportsBackfillData,
    retry: { ...DEFAULT_RETRY, expireInSeconds: 3_600 },
    concurrency: 1,
    async handle(ctx) {
      try {
        const done = await runBackfill(deps);
        ctx.log.info({ backfill: done }, 'report backfill finished');
      } catch (err) {
        if (err instanceof TrackerCallError && err.failure.kind === 'permanent') {
          await failBackfill(deps.db, err.message, deps.now());
          throw new PermanentJobError(err.message, { cause: err });
        }
        throw err;
      }
    },
  });
}
