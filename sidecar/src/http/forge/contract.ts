// GET /forge/api/contract?issueKey=SUP-42 — the contract panel and the Route and Reply actions:
// the contract the issue was matched to, plus the customer's other contracts, since seeing the
// whole relationship tells the engineer whom to involve. 404 when the issue has no matched contract.
import { Router } from 'express';
import { HttpError } from '../errors.js';
import type { ContractService } from '../../contracts/service.js';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

/** Builds the contract look-up router. */
export function createIssueContractRouter(deps: { contracts: ContractService }): Router {
  const router = Router();
  router.get('/contract', async (req, res) => {
    const issueKey = req.query.issueKey;
    if (typeof issueKey !== 'string' || !ISSUE_KEY.test(issueKey)) {
      throw new HttpError(
        400,
        'invalid_query',
        'Query parameter "issueKey" must be an issue key such as SUP-42',
      );
    }
    const found = await deps.contracts.forIssue(issueKey);
    if (!found) throw new HttpError(404, 'contract_not_found', `No contract is matched to ${issueKey}`);
    res.json({
      issueKey,
      contract: found.contract.contract,
      otherContracts: found.otherContracts.map((c) => c.contract),
    });
  });
  return router;
}
