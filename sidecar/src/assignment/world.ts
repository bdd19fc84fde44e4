// Loads the assignment world (settings, contracts, feed and entered absences) from the store.
// Calendars are compiled once per settings version and reused while neither settings nor contracts
// change; an entered absence bumps a revision the fingerprint reads, so the next load sees it.
import { AbsenceSchema, SettingsDocumentSchema, compileCalendars } from '@frontline/shared';
import type { Absence, Contract, Engineer, SettingsDocument } from '@frontline/shared';
import { createContractRepository } from '../contracts/repository.js';
import type { ContractRepository } from '../contracts/repository.js';
import type { WorldSource } from '../ports.js';
import { createSettingsService, validateSettings } from '../settings/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Db, Queryable } from '../store/db.js';
import { withFeedAbsences } from './plan.js';
import type { AssignmentWorld } from './plan.js';

// The defaults now live with the settings' schedules section; re-exported for existing callers.
export { DEFAULT_SKILLS_BY_LABEL } from '@frontline/shared';

/** Absences read from engineers' calendar feeds, by accountId. */
export async function feedAbsences(q: Queryable): Promise<Map<string, Absence[]>> {
  const result = await q.query<{
    account_id: string;
    kind: string;
    starts: string;
    ends: string;
    note: string | null;
  }>('SELECT account_id, kind, starts, ends, note FROM engineer_absences ORDER BY account_id, starts');
  const byEngineer = new Map<string, Absence[]>();
  for (const row of result.rows) {
    const parsed = AbsenceSchema.safeParse({
      kind: row.kind,
      from: row.starts,
      to: row.ends,
      ...(row.note ? { note: row.note } : {}),
    });
    if (!parsed.success) continue;
    const list = byEngineer.get(row.account_id) ?? [];
    list.push(parsed.data);
    byEngineer.set(row.account_id, list);
  }
  return byEngineer;
}

/** Absences people entered (Jira's "My availability"), with a revision that changes on every write. */
export interface EnteredAbsenceSource {
  revision(): Promise<string>;
  /** By accountId; each absence names who entered it. */
  byEngineer(engineers: readonly Engineer[]): Promise<Map<string, Absence[]>>;
}

/** The stored document as validated settings; a stored version was validated when written. */
function storedDocument(stored: unknown): SettingsDocument {
  const validated = validateSettings(stored);
  return validated.ok ? validated.value : SettingsDocumentSchema.parse({});
}

/** A loader that rebuilds the world only when settings, contracts, feed or entered absences changed. */
export function createWorldLoader(
  db: Db,
  services: {
    settings?: SettingsService;
    contracts?: ContractRepository;
    entered?: EnteredAbsenceSource;
  } = {},
): WorldSource<AssignmentWorld> {
  const settings = services.settings ?? createSettingsService(db);
  const contracts = services.contracts ?? createContractRepository(db);
  let cached: { fingerprint: string; world: AssignmentWorld } | undefined;
  return {
    async load() {
      const live = await settings.live();
      const stamp = await db.query<{ contracts: string | null; absences: string | null }>(
        `SELECT (SELECT count(*) || ':' || COALESCE(max(updated_at)::text, '') FROM contracts) AS contracts,
                (SELECT count(*) || ':' || COALESCE(max(refreshed_at)::text, '') FROM engineer_absences) AS absences`,
      );
      const entered = (await services.entered?.revision()) ?? '';
      const fingerprint = `${live.version}|${stamp.rows[0]?.contracts}|${stamp.rows[0]?.absences}|${entered}`;
      if (cached?.fingerprint === fingerprint) return cached.world;
      const document = storedDocument(live.settings);
      const stored = await contracts.list({ limit: 5000 });
      const world: AssignmentWorld = {
        settingsVersion: live.version,
        settings: document,
        calendars: compileCalendars(document.calendars),
        contracts: stored.map((s) => s.contract as Contract),
        engineers: withFeedAbsences(
          withFeedAbsences(document.engineers, await feedAbsences(db)),
          (await services.entered?.byEngineer(document.engineers)) ?? new Map(),
        ),
        skillsByLabel: document.schedules.skillsByLabel,
      };
      cached = { fingerprint, world };
      return world;
    },
  };
}
