// Contracts as the master system pushes them: one, many, or a CSV file. Every contract is validated
// with the shared ContractSchema; a batch is stored all together or not at all.
import { ContractSchema, parseWith, type FieldIssue, type Result } from '@frontline/shared';
import type { Db } from '../store/db.js';
import { parseCsv, rowToInput } from './csv.js';
import { contractKeys, type Contract } from './keys.js';
import {
  createContractRepository,
  upsertContract,
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

export interface ImportReport {
  mode: ImportMode;
  /** Whether anything was written (in `all` mode: everything or nothing). */
  committed: boolean;
  stored: number;
  failed: number;
  rows: ImportRowReport[];
}

export type ImportError =
  | { kind: 'malformed_csv'; message: string }
  | { kind: 'empty_csv' }
  | { kind: 'rows_invalid'; report: ImportReport };

export interface ContractService {
  /** Validates and stores one contract under `id` (the body's id, when given, must match). */
  put(id: string, input: unknown, actor: string): Promise<Result<UpsertedContract, FieldIssue[]>>;
  /** Validates and stores one contract or an array of them, all or none. */
  upsert(input: unknown, actor: string): Promise<Result<UpsertedContract[], FieldIssue[]>>;
  get(id: string): Promise<StoredContract | undefined>;
  list(opts?: { customerId?: string; limit?: number; offset?: number }): Promise<StoredContract[]>;
  importCsv(text: string, mode: ImportMode, actor: string): Promise<Result<ImportReport, ImportError>>;
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

/** Creates the service over `db`. */
export function createContractService(db: Db, repository?: ContractRepository): ContractService {
  const repo = repository ?? createContractRepository(db);

  async function importRows(
    rows: { line: number; input: Record<string, unknown> }[],
    mode: ImportMode,
    actor: string,
  ): Promise<Result<ImportReport, ImportError>> {
    const firstLineOf = new Map<string, number>();
    const checked = rows.map(({ line, input }) => {
      const parsed = parseWith(ContractSchema, input);
      if (!parsed.ok)
        return { line, errors: parsed.error, ...(typeof input.id === 'string' ? { id: input.id } : {}) };
      const { id } = contractKeys(parsed.value);
      const first = firstLineOf.get(id);
      if (first !== undefined)
        return { line, id, errors: [{ path: 'id', message: `Duplicate id "${id}" (also on row ${first})` }] };
      firstLineOf.set(id, line);
      return { line, id, contract: parsed.value };
    });
    const failed = checked.filter((c) => 'errors' in c).length;
    const failureReport = (c: (typeof checked)[number]): ImportRowReport =>
      'errors' in c
        ? { row: c.line, ok: false, ...(c.id ? { id: c.id } : {}), errors: c.errors }
        : { row: c.line, ok: true, id: c.id };

    if (mode === 'all') {
      if (failed > 0) {
        const report = { mode, committed: false, stored: 0, failed, rows: checked.map(failureReport) };
        return { ok: false, error: { kind: 'rows_invalid', report } };
      }
      const stored = await repo.upsertAll(
        checked.map((c) => c.contract!),
        actor,
      );
      const rowsOut = stored.map((s, i) => ({
        row: checked[i]!.line,
        ok: true,
        id: s.id,
        created: s.created,
      }));
      return { ok: true, value: { mode, committed: true, stored: stored.length, failed: 0, rows: rowsOut } };
    }

    const reports: ImportRowReport[] = [];
    for (const c of checked) {
      if (!('contract' in c) || !c.contract) {
        reports.push(failureReport(c));
        continue;
      }
      const contract = c.contract;
      // Each row in its own transaction: a row is one contract, stored whole or not at all.
      const stored = await db.transaction((tx) => upsertContract(tx, contract, actor));
      reports.push({ row: c.line, ok: true, id: stored.id, created: stored.created });
    }
    const storedCount = reports.length - failed;
    return {
      ok: true,
      value: { mode, committed: storedCount > 0, stored: storedCount, failed, rows: reports },
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
    async importCsv(text, mode, actor) {
      const parsed = parseCsv(text);
      if (!parsed.ok) return { ok: false, error: { kind: 'malformed_csv', message: parsed.error } };
      if (parsed.value.rows.length === 0) return { ok: false, error: { kind: 'empty_csv' } };
      const rows = parsed.value.rows.map((r) => ({
        line: r.line,
        input: rowToInput(r.cells, ContractSchema),
      }));
      return importRows(rows, mode, actor);
    },
  };
}
