// Failed jobs (mounted at /api): what failed and why, and a retry.
//   GET  /jobs/failed[?limit=]
//   POST /jobs/:id/retry   → 202, or 404 when no failed job has that id
import { Router } from 'express';
import { HttpError } from '../errors.js';
import { intQuery } from './http-helpers.js';

/** The part of the job queue these routes use (the platform's JobQueue satisfies it). */
export interface FailedJobsQueue {
  listFailed(opts?: { limit?: number }): Promise<unknown[]>;
  retry(jobId: string): Promise<boolean>;
}

/** Builds the failed-jobs router. */
export function createJobsRouter(deps: { jobs: FailedJobsQueue }): Router {
  const router = Router();
  router.get('/jobs/failed', async (req, res) => {
    const limit = intQuery(req, 'limit');
    res.json({ jobs: await deps.jobs.listFailed(limit ? { limit } : {}) });
  });
  router.post('/jobs/:id/retry', async (req, res) => {
    const retried = await deps.jobs.retry(req.params.id);
    if (!retried) throw new HttpError(404, 'job_not_found', `No failed job "${req.params.id}" to retry`);
    res.status(202).json({ id: req.params.id, retried: true });
  });
  return router;
}
