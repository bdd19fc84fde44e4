// Contracts as the master system pushes them: one, many, or a CSV file. Every contract is validated
// with the shared ContractSchema; a batch is stored all together or not at all.
//
// A CSV import can hold tens of thousands of rows, so it never runs in one go: the file is parsed as
// a stream, each row is validated as it arrives and kept only as its compact stored form (id,
// customer id, JSON text), and the work hands the event loop back every few milliseconds. Nothing
// is written until the whole file has been read and checked (a malformed line near the end must not
// leave the start stored); then rows go in by batches, one statement each — in one transaction in
// `all` mode, a transaction per batch in `rows` mode — yielding between batches.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError } from 'csv-parse';
import { ContractSchema, parseWith, type FieldIssue, type Result } from '@frontline/shared';
import type { Db } from '../store/db.js';
import { findUnstorableText } from '../store/storable-text.js';
import { checkColumns, readCsv, rowToInput, type ColumnProblem } from './csv.js';
import { contractKeys, type Contract } from './keys.js';
import {
  createContractRepository,
  upsertContractDocuments,
  type ContractDocument,
  type ContractRepository,
  type StoredContract,
  type UpsertedContract,
} from './repository.js';

/**
 * How a CSV import commits. `all`: every row must be valid or nothing is written (the default — a
 * master-system export is one consistent snapshot). `rows`: each valid row is stored on its own and
 * invalid rows are reported and skipped.
 */
export const IMPORT_MODES = ['all', 'rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** The outcome of one CSV row. `row` is its line in the file; the header is line 1. */
export interface ImportRowReport {
  row: number;
  ok: boolean;
  id?: string;
  created?: boolean;
  errors?: FieldIssue[];
}

/** Valid rows are listed while the file is short; beyond, only failures, and only this many. */
export const LISTED_ROWS = 1000;
export const LISTED_FAILURES = 100;

export interface ImportReport {
  mode: ImportMode;
  /** Whether anything was written (in `all` mode: everything or nothing). */
  committed: boolean;
  /** Data rows in the file. */
  total: number;
  stored: number;
  failed: number;
  /**
   * Row outcomes in file order: every row among the first LISTED_ROWS, and failed rows until
   * LISTED_FAILURES of them are listed. A large file's report stays small; `unlisted` counts the rest.
   */
  rows: ImportRowReport[];
  unlisted: number;
}

/** Where a CSV cell holds text the store cannot keep: the row's line, the column, and why. */
export interface UnstorableCell {
  row: number;
  column: string;
  message: string;
}

export type ImportError =
  | { kind: 'malformed_csv'; message: string }
  | { kind: 'empty_csv' }
  | { kind: 'unknown_columns'; problems: ColumnProblem[] }
  | { kind: 'unstorable_text'; cell: UnstorableCell }
  | { kind: 'rows_invalid'; report: ImportReport };

/** The CSV file: its text, or its chunks (text, or UTF-8 bytes cut anywhere) as they arrive. */
export type CsvSource = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Finds the first string or key in a value that the store cannot hold (NUL, a lone surrogate), with
 * its dotted path. The HTTP edge owns that rule and hands it in: use cases do not import the edge.
 */

export interface ContractService {
  /** Validates and stores one contract under `id` (the body's id, when given, must match). */
  put(id: string, input: unknown, actor: string): Promise<Result<UpsertedContract, FieldIssue[]>>;
  /** Validates and stores one contract or an array of them, all or none. */
  upsert(input: unknown, actor: string): Promise<Result<UpsertedContract[], FieldIssue[]>>;
  get(id: string): Promise<StoredContract | undefined>;
  list(opts?: { customerId?: string; limit?: number; offset?: number }): Promise<StoredContract[]>;
  importCsv(source: CsvSource, mode: ImportMode, actor: string): Promise<Result<ImportReport, ImportError>>;
}

const prefixed = (prefix: string, issues: FieldIssue[]): FieldIssue[] =>
  issues.map((i) => ({ path: i.path === '' ? prefix : `${prefix}.${i.path}`, message: i.message }));

/** Validates a batch; duplicate ids in one batch are an error on the later one. */
function validateBatch(inputs: readonly unknown[]): Result<Contract[], FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const contracts: Contract[] = [];
  const firstIndexOf = new Map<string, number>();
  inputs.forEach((input, index) => {
    const parsed = parseWith(ContractSchema, input);
    if (!parsed.ok) return void issues.push(...prefixed(String(index), parsed.error));
    const { id } = contractKeys(parsed.value);
    const first = firstIndexOf.get(id);
    if (first !== undefined) {
      return void issues.push({ path: `${index}.id`, message: `Duplicate id "${id}" (also at ${first})` });
    }
    firstIndexOf.set(id, index);
    contracts.push(parsed.value);
  });
  return issues.length > 0 ? { ok: false, error: issues } : { ok: true, value: contracts };
}

/**
 * Rows per INSERT statement when an import is written. The embedded store runs a statement on this
 * thread, start to end, so its batches are small enough to take a few tens of milliseconds; a
 * PostgreSQL server works elsewhere and takes larger ones.
 */
export const IMPORT_BATCH_ROWS = { pglite: 50, postgres: 500 } as const;
/** CPU time an import may take before it hands the event loop back. */
const SLICE_MS = 10;
/** Bytes handed to the CSV parser at a time (it parses a whole chunk without pausing). */
const CHUNK_BYTES = 16 * 1024;

/** Resolves at once while the current slice lasts; past it, after pending I/O has had its turn. */
function pacer(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}

function* slices(text: string): Generator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

/** The header column a dotted path inside a row's input came from (the longest matching one). */
function columnAt(path: string, columns: readonly string[]): string {
  let best = '';
  for (const column of columns) {
    if (column.length > best.length && (path === column || path.startsWith(`${column}.`))) best = column;
  }
  return best || path;
}

/** A valid row waiting to be written, and the report entry to complete when it is. */
interface StagedRow extends ContractDocument {
  report: ImportRowReport | undefined;
}

/** Creates the service over `db`. */
export function createContractService(db: Db, repository?: ContractRepository): ContractService {
  const repo = repository ?? createContractRepository(db);

  /** Writes staged rows by batches: all in one transaction (all or nothing), or a transaction per batch. */
  async function writeStaged(staged: readonly StagedRow[], actor: string, all: boolean): Promise<void> {
    const writeBatches = async (run: (batch: StagedRow[]) => Promise<Map<string, boolean>>) => {
      const size = IMPORT_BATCH_ROWS[db.kind];
      for (let at = 0; at < staged.length; at += size) {
        const batch = staged.slice(at, at + size);
        const created = await run(batch);
        for (const row of batch) if (row.report) row.report.created = created.get(row.id) === true;
        // A batch is one synchronous stretch for the embedded store: let requests in between.
        await nextTurn();
      }
    };
    if (all) await db.transaction((tx) => writeBatches((batch) => upsertContractDocuments(tx, batch, actor)));
    else await writeBatches((batch) => db.transaction((tx) => upsertContractDocuments(tx, batch, actor)));
  }

  async function importCsv(
    source: CsvSource,
    mode: ImportMode,
    actor: string,
  ): Promise<Result<ImportReport, ImportError>> {
    const pace = pacer();
    const staged: StagedRow[] = [];
    const listed: ImportRowReport[] = [];
    const firstLineOf = new Map<string, number>();
    let columns: string[] | undefined;
    let total = 0;
    let failed = 0;

    const fail = (line: number, errors: FieldIssue[], id: string | undefined) => {
      failed++;
      // In `all` mode one failure means nothing is written: stop holding what would have been.
      if (mode === 'all') staged.length = 0;
      if (failed <= LISTED_FAILURES) listed.push({ row: line, ok: false, ...(id ? { id } : {}), errors });
    };

    try {
      const chunks = typeof source === 'string' ? slices(source) : source;
      for await (const { line, values } of readCsv(chunks)) {
        if (!columns) {
          columns = values;
          const problems = checkColumns(columns, ContractSchema);
          if (problems.length > 0) return { ok: false, error: { kind: 'unknown_columns', problems } };
          continue;
        }
        total++;
        const header = columns;
        const input = rowToInput(
          values.map((cell, i) => [header[i] ?? '', cell] as const),
          ContractSchema,
        );
        const unstorable = findUnstorableText(input);
        if (unstorable) {
          const column = columnAt(unstorable.path, header);
          const message = `line ${line}, column ${JSON.stringify(column)}: ${unstorable.message}`;
          return { ok: false, error: { kind: 'unstorable_text', cell: { row: line, column, message } } };
        }
        const inputId = typeof input.id === 'string' ? input.id : undefined;
        const parsed = parseWith(ContractSchema, input);
        if (!parsed.ok) fail(line, parsed.error, inputId);
        else {
          const { id, customerId } = contractKeys(parsed.value);
          const first = firstLineOf.get(id);
          if (first !== undefined) {
            fail(line, [{ path: 'id', message: `Duplicate id "${id}" (also on row ${first})` }], id);
          } else {
            firstLineOf.set(id, line);
            const report = total <= LISTED_ROWS ? { row: line, ok: true, id } : undefined;
            if (report) listed.push(report);
            if (mode === 'rows' || failed === 0) {
              staged.push({ id, customerId, document: JSON.stringify(parsed.value), report });
            }
          }
        }
        await pace();
      }
    } catch (error) {
      if (error instanceof CsvError)
        return { ok: false, error: { kind: 'malformed_csv', message: error.message } };
      throw error;
    }
    if (total === 0) return { ok: false, error: { kind: 'empty_csv' } };

    const unlisted = total - listed.length;
    if (mode === 'all' && failed > 0) {
      const report = { mode, committed: false, total, stored: 0, failed, rows: listed, unlisted };
      return { ok: false, error: { kind: 'rows_invalid', report } };
    }
    await writeStaged(staged, actor, mode === 'all');
    const stored = staged.length;
    return {
      ok: true,
      value: { mode, committed: stored > 0, total, stored, failed, rows: listed, unlisted },
    };
  }

  return {
    async put(id, input, actor) {
      const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : undefined;
      if (!body) return { ok: false, error: [{ path: '', message: 'Expected one contract object' }] };
      const bodyId = (body as { id?: unknown }).id;
      if (bodyId !== undefined && bodyId !== id) {
        return {
          ok: false,
          error: [{ path: 'id', message: `Body id "${String(bodyId)}" does not match the URL id "${id}"` }],
        };
      }
      const parsed = parseWith(ContractSchema, { ...body, id });
      if (!parsed.ok) return parsed;
      const [stored] = await repo.upsertAll([parsed.value], actor);
      return { ok: true, value: stored! };
    },
    async upsert(input, actor) {
      const many = Array.isArray(input);
      const inputs: unknown[] = many ? input : [input];
      if (inputs.length === 0)
        return { ok: false, error: [{ path: '', message: 'Send at least one contract' }] };
      const validated = validateBatch(inputs);
      if (!validated.ok) {
        // For a single object the paths are relative to it, not to a one-element batch.
        return many
          ? validated
          : { ok: false, error: validated.error.map((i) => ({ ...i, path: i.path.replace(/^0\.?/, '') })) };
      }
      return { ok: true, value: await repo.upsertAll(validated.value, actor) };
    },
    get: (id) => repo.get(id),
    list: (opts) => repo.list(opts),
    importCsv,
  };
}
