// Contract routes (mounted at /api):
//   PUT  /contracts/:id                 one contract, stored under :id
//   POST /contracts                     one contract or an array, all stored or none
//   GET  /contracts[?customer=…]        list, optionally for one customer
//   GET  /contracts/:id                 one contract
//   GET  /customers/:customerId/contracts
//   POST /contracts/import[?mode=all|rows]   text/csv; per-row report (see ContractService)
// JSON bodies go through the guarded parser, and every id taken from the path or the query is checked
// the same way: text the store cannot hold is a 400 naming where it was, never a failed statement.
import express, { Router, type Request, type Response } from 'express';
import { HttpError } from '../errors.js';
import { jsonBody as guardedJsonBody, jsonProblemToHttp, unstorableParam } from '../json-body.js';
import {
  IMPORT_MODES,
  type ContractService,
  type ImportError,
  type ImportMode,
} from '../../contracts/service.js';
import { intQuery, jsonBody, validationError } from './http-helpers.js';

export interface ContractsRouterDeps {
  contracts: ContractService;
  actorOf(req: Request, res: Response): string;
  jsonLimit?: string | number;
  csvLimit?: string | number;
}

const CSV_TYPES = ['text/csv', 'application/csv'];
/** Bytes handed on to the import at a time; it parses each piece before asking for the next. */
const CSV_CHUNK_BYTES = 16 * 1024;

/** A path or query parameter the store can hold (400 naming `field` otherwise). */
function storable(field: string, value: string): string {
  const problem = unstorableParam(field, value);
  if (problem) throw jsonProblemToHttp(problem);
  return value;
}

/** A decoder for a declared charset; one Node does not know is a 415, as express.text answers. */
function decoderFor(charset: string): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(charset);
  } catch {
    throw new HttpError(415, 'unsupported_encoding', `unsupported charset "${charset.toUpperCase()}"`);
  }
}

/**
 * The uploaded file as chunks for the import. UTF-8 (the default) goes on as bytes; another declared
 * charset (a 1C export in windows-1251) is decoded piece by piece. An unknown charset is a 415.
 */
function csvChunks(body: Buffer, contentType: string | undefined): Iterable<string | Uint8Array> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  const pieces = function* () {
    for (let at = 0; at < body.length; at += CSV_CHUNK_BYTES) yield body.subarray(at, at + CSV_CHUNK_BYTES);
  };
  if (charset === 'utf-8' || charset === 'utf8') return pieces();
  const decoder = decoderFor(charset);
  return (function* () {
    for (const piece of pieces()) yield decoder.decode(piece, { stream: true });
    yield decoder.decode();
  })();
}

/** The HTTP answer for an import that was refused. */
function importErrorToHttp(error: ImportError): HttpError {
  switch (error.kind) {
    case 'malformed_csv':
      return new HttpError(400, 'malformed_csv', `CSV is malformed: ${error.message}`);
    case 'empty_csv':
      return new HttpError(400, 'empty_csv', 'CSV has a header but no rows');
    case 'unknown_columns': {
      const { problems } = error;
      const message =
        problems.length === 1
          ? problems[0]!.message
          : `${problems.length} columns name no contract field: ${problems.map((p) => JSON.stringify(p.column)).join(', ')}`;
      return new HttpError(400, 'unknown_column', message, problems);
    }
    case 'unstorable_text':
      return new HttpError(400, 'unstorable_text', error.cell.message, [error.cell]);
    case 'rows_invalid':
      return new HttpError(
        422,
        'invalid_contracts',
        `${error.report.failed} of ${error.report.total} rows are invalid; nothing was imported`,
        error.report,
      );
  }
}

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
  const json = guardedJsonBody({ limit: deps.jsonLimit ?? '5mb' });
  // Raw bytes: the import parses them as a stream, so the body is never one big string.
  const csv = express.raw({ type: CSV_TYPES, limit: deps.csvLimit ?? '50mb' });

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
    const mode = importMode(req);
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await deps.contracts.importCsv(
      csvChunks(body, req.headers['content-type']),
      mode,
      deps.actorOf(req, res),
    );
    if (!result.ok) throw importErrorToHttp(result.error);
    res.json(result.value);
  });

  router.put<{ id: string }>('/contracts/:id', json, async (req, res) => {
    const id = storable('id', req.params.id);
    const result = await deps.contracts.put(id, jsonBody(req), deps.actorOf(req, res));
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
    await listFor(res, customer === undefined ? undefined : storable('customer', customer), req);
  });

  router.get('/contracts/:id', async (req, res) => {
    const contract = await deps.contracts.get(storable('id', req.params.id));
    if (!contract) throw new HttpError(404, 'contract_not_found', `No contract "${req.params.id}"`);
    res.json(contract);
  });

  router.get('/customers/:customerId/contracts', (req, res) =>
    listFor(res, storable('customerId', req.params.customerId), req),
  );

  return router;
}
