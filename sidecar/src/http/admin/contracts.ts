// Contract routes (mounted at /api):
//   PUT  /contracts/:id                 one contract, stored under :id
//   POST /contracts                     one contract or an array, all stored or none
//   GET  /contracts[?customer=…]        list, optionally for one customer
//   GET  /contracts/:id                 one contract
//   GET  /customers/:customerId/contracts
//   POST /contracts/import[?mode=all|rows]   text/csv; per-row report (see ContractService)
import express, { Router, type Request, type Response } from 'express';
import { HttpError } from '../errors.js';
import { IMPORT_MODES, type ContractService, type ImportMode } from '../../contracts/service.js';
import { intQuery, jsonBody, validationError } from './http-helpers.js';

export interface ContractsRouterDeps {
  contracts: ContractService;
  actorOf(req: Request, res: Response): string;
  jsonLimit?: string | number;
  csvLimit?: string | number;
}

const CSV_TYPES = ['text/csv', 'application/csv'];

function importMode(req: Request): ImportMode {
  const raw = req.query.mode ?? 'all';
  if (typeof raw === 'string' && (IMPORT_MODES as readonly string[]).includes(raw)) return raw as ImportMode;
  throw new HttpError(
    400,
    'invalid_query',
    `Query parameter "mode" must be one of: ${IMPORT_MODES.join(', ')}`,
  );
}

/** Builds the contracts router. */
export function createContractsRouter(deps: ContractsRouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: deps.jsonLimit ?? '5mb' });
  const csv = express.text({ type: CSV_TYPES, limit: deps.csvLimit ?? '10mb' });

  const listFor = async (res: Response, customerId: string | undefined, req: Request) => {
    const limit = intQuery(req, 'limit');
    const offset = intQuery(req, 'offset', { min: 0 });
    const contracts = await deps.contracts.list({
      ...(customerId ? { customerId } : {}),
      ...(limit ? { limit } : {}),
      ...(offset ? { offset } : {}),
    });
    res.json({ contracts });
  };

  router.post('/contracts/import', csv, async (req, res) => {
    if (!req.is(CSV_TYPES)) throw new HttpError(415, 'unsupported_media_type', 'Send the file as text/csv');
    const result = await deps.contracts.importCsv(
      String(req.body ?? ''),
      importMode(req),
      deps.actorOf(req, res),
    );
    if (result.ok) return void res.json(result.value);
    const error = result.error;
    if (error.kind === 'malformed_csv')
      throw new HttpError(400, 'malformed_csv', `CSV is malformed: ${error.message}`);
    if (error.kind === 'empty_csv') throw new HttpError(400, 'empty_csv', 'CSV has a header but no rows');
    throw new HttpError(
      422,
      'invalid_contracts',
      `${error.report.failed} of ${error.report.rows.length} rows are invalid; nothing was imported`,
      error.report,
    );
  });

  router.put('/contracts/:id', json, async (req, res) => {
    const result = await deps.contracts.put(req.params.id, jsonBody(req), deps.actorOf(req, res));
    if (!result.ok) throw validationError('invalid_contract', 'Contract is invalid', result.error);
    res.status(result.value.created ? 201 : 200).json(result.value);
  });

  router.post('/contracts', json, async (req, res) => {
    const body = jsonBody(req);
    const result = await deps.contracts.upsert(body, deps.actorOf(req, res));
    if (!result.ok)
      throw validationError('invalid_contract', 'Contracts are invalid; nothing was stored', result.error);
    res.json({
      created: result.value.filter((c) => c.created).length,
      updated: result.value.filter((c) => !c.created).length,
      contracts: result.value,
    });
  });

  router.get('/contracts', async (req, res) => {
    const customer = req.query.customer;
    if (customer !== undefined && (typeof customer !== 'string' || customer === '')) {
      throw new HttpError(400, 'invalid_query', 'Query parameter "customer" must be one customer id');
    }
    await listFor(res, customer, req);
  });

  router.get('/contracts/:id', async (req, res) => {
    const contract = await deps.contracts.get(req.params.id);
    if (!contract) throw new HttpError(404, 'contract_not_found', `No contract "${req.params.id}"`);
    res.json(contract);
  });

  router.get('/customers/:customerId/contracts', (req, res) => listFor(res, req.params.customerId, req));

  return router;
}
