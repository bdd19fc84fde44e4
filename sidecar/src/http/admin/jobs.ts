// Failed jobs (mounted at /api): what failed and why, and a retry.
//   GET  /jobs/failed[?limit=1..500]
//   POST /jobs/:id/retry   → 202, or 404 when no failed job has that id (400 for an id no store can hold)
import { Router } from 'express';
import { HttpError } from '../errors.js';
import { intQuery, textParam } from './http-helpers.js';

/** The most failed jobs one request lists (the job queue lists no more at once). */
export const MAX_FAILED_PAGE = 500;

/** The part of the job queue these routes use (the platform's JobQueue satisfies it). */
export interface FailedJobsQueue {
  listFailed(opts?: { limit?: number }): Promise<unknown[]>;
  retry(jobId: string): Promise<boolean>;
}

/** Builds the failed-jobs router. */
export function createJobsRouter(deps: { jobs: FailedJobsQueue }): Router {
  const router = Router();
  router.get('/jobs/failed', async (req, res) => {
    const limit = intQuery(req, 'limit', { max: MAX_FAILED_PAGE });
    res.json({ jobs: await deps.jobs.listFailed(limit ? { limit } : {}) });
  });
  router.post('/jobs/:id/retry', async (req, res) => {
    // Ids are looked up in text columns, which cannot hold NUL: refused here, not by the store.
    const id = textParam(req, 'id');
    const retried = await deps.jobs.retry(id);
    if (!retried) throw new HttpError(404, 'job_not_found', `No failed job "${id}" to retry`);
    res.status(202).json({ id, retried: true });
  });
  return router;
}
