// Contracts over the store: upserts by id, look-ups by id and by customer.
import { ServiceTargetsSchema, type ServiceTargets } from '@frontline/shared';
import type { Db, Queryable } from '../store/db.js';
import { contractKeys, type Contract } from './keys.js';

/** A stored contract with who last wrote it. */
export interface StoredContract {
  id: string;
  customerId: string;
  contract: Contract;
  updatedBy: string;
  updatedAt: Date;
}

export interface UpsertedContract extends StoredContract {
  /** True when the id was new, false when an existing contract was replaced. */
  created: boolean;
}

interface ContractRow {
  id: string;
  customer_id: string;
  document: Contract;
  updated_by: string;
  updated_at: Date | string;
  inserted?: boolean;
}

function toStored(row: ContractRow): StoredContract {
  return {
    id: row.id,
    customerId: row.customer_id,
    contract: row.document,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at),
  };
}

/** Inserts or replaces one contract inside the caller's transaction. */
export async function upsertContract(
  tx: Queryable,
  contract: Contract,
  actor: string,
): Promise<UpsertedContract> {
  const { id, customerId } = contractKeys(contract);
  // `xmax = 0` holds only for a freshly inserted row version: it tells insert from update.
  const { rows } = await tx.query<ContractRow>(
    `INSERT INTO contracts (id, customer_id, document, updated_by, updated_at)
     VALUES ($1, $2, $3::jsonb, $4, now())
     ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, document = EXCLUDED.document,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING id, customer_id, document, updated_by, updated_at, (xmax = 0) AS inserted`,
    [id, customerId, JSON.stringify(contract), actor],
  );
  const row = rows[0]!;
  return { ...toStored(row), created: row.inserted === true };
}

/** A validated contract in the compact form an import holds it in: its keys and its JSON text. */
export interface ContractDocument {
  id: string;
  customerId: string;
  /** `JSON.stringify` of the validated contract. */
  document: string;
}

/**
 * Inserts or replaces many contracts with one statement inside the caller's transaction; ids must be
 * distinct (a statement cannot update one row twice). Answers, per id, whether it was new.
 */
export async function upsertContractDocuments(
  tx: Queryable,
  documents: readonly ContractDocument[],
  actor: string,
): Promise<Map<string, boolean>> {
  if (documents.length === 0) return new Map();
  // Three parallel arrays keep the statement's text and parameter count fixed whatever the batch size.
  const { rows } = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO contracts (id, customer_id, document, updated_by, updated_at)
     SELECT d.id, d.customer_id, d.document::jsonb, $4, now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS d(id, customer_id, document)
     ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, document = EXCLUDED.document,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING id, (xmax = 0) AS inserted`,
    [documents.map((d) => d.id), documents.map((d) => d.customerId), documents.map((d) => d.document), actor],
  );
  return new Map(rows.map((r) => [r.id, r.inserted === true]));
}

/**
 * The service targets of stored contract `id` inside the caller's transaction: undefined when the
 * contract is unknown or names none. Stored documents were validated on the way in; one written
 * before the terms existed (or by hand) that does not read as targets counts as naming none.
 */
export async function contractServiceTargets(q: Queryable, id: string): Promise<ServiceTargets | undefined> {
  const { rows } = await q.query<{ targets: unknown }>(
    "SELECT document -> 'serviceTargets' AS targets FROM contracts WHERE id = $1",
    [id],
  );
  const raw = rows[0]?.targets;
  if (raw === null || raw === undefined) return undefined;
  const parsed = ServiceTargetsSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return parsed.success ? parsed.data : undefined;
}

export interface ContractRepository {
  /** Upserts all of `contracts` in one transaction: all are stored or none. */
  upsertAll(contracts: readonly Contract[], actor: string): Promise<UpsertedContract[]>;
  get(id: string): Promise<StoredContract | undefined>;
  list(opts?: { customerId?: string; limit?: number; offset?: number }): Promise<StoredContract[]>;
}

const SELECT = 'SELECT id, customer_id, document, updated_by, updated_at FROM contracts';

/** Creates the repository over `db`. */
export function createContractRepository(db: Db): ContractRepository {
  return {
    upsertAll: (contracts, actor) =>
      db.transaction(async (tx) => {
        const out: UpsertedContract[] = [];
        for (const contract of contracts) out.push(await upsertContract(tx, contract, actor));
        return out;
      }),
    async get(id) {
      const { rows } = await db.query<ContractRow>(`${SELECT} WHERE id = $1`, [id]);
      return rows[0] && toStored(rows[0]);
    },
    async list(opts = {}) {
      const { rows } = await db.query<ContractRow>(
        `${SELECT} WHERE ($1::text IS NULL OR customer_id = $1) ORDER BY customer_id, id LIMIT $2 OFFSET $3`,
        [
          opts.customerId ?? null,
          Math.min(Math.max(opts.limit ?? 500, 1), 5000),
          Math.max(opts.offset ?? 0, 0),
        ],
      );
      return rows.map(toStored);
    },
  };
}
