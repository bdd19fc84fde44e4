// What the issue view's Forge modules read from the sidecar, mounted under /forge/api (FIT-verified):
//   GET /issues/:key/contracts    the contract panel: the customer's contracts, their terms and the
//                                 verdict for this request; explicit states when there is nothing
//   GET /issues/:key/temperature  the temperature glance: score, band and each factor with its
//                                 reason in English and Russian, computed fresh on every open
// The issue is read from Jira as the app (the installation's sealed system token), its history from
// the store when the sidecar saw its events.
import { Router, type Response } from 'express';
import { activePeriodsAt, bilingual, coverageVerdict, effectiveServiceTargets } from '@frontline/shared';
import type {
  Contract,
  CoverageVerdict,
  EffectiveServiceTargets,
  PriorityMinutes,
  SlaEvent,
  SlaTargetName,
  WordedMessage,
} from '@frontline/shared';
import { matchContract } from '../../../assignment/contract-match.js';
import type { MatchedBy } from '../../../assignment/contract-match.js';
import type { Tracker } from '../../../ports.js';
import type { Db } from '../../../store/db.js';
import { historyToReplay, readIssueTemperature } from '../../../temperature/reading.js';
import type { TemperatureWorld } from '../../../temperature/reading.js';
import {
  DEFAULT_FIELD_IDS,
  fieldIdsOf,
  issueFromJira,
  temperatureFields,
} from '../../../trackers/jira/issue-source.js';
import type { IssueFieldIds, IssueFromJira } from '../../../trackers/jira/issue-source.js';
import { storedHistories } from '../../../temperature/store.js';
import { HttpError } from '../../errors.js';
import type { FitClaims } from '../fit.js';
import { forgeClaims } from '../index.js';
import { describePeriod } from './periods.js';
import type { PeriodCard } from './periods.js';

export interface IssueViewsDeps {
  db: Db;
  /** Settings, compiled calendars and contracts (the assignment world loader caches them). */
  world(): Promise<TemperatureWorld>;
  /** Jira as the app for the caller's installation; undefined when no live app token is known. */
  jiraFor(claims: FitClaims): Promise<Tracker | undefined>;
  fieldIds?: IssueFieldIds;
  now?: () => Date;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

/** SLA terms a contract promises for one request type. */
export interface SlaTerms {
  policyId: string;
  name: string;
  calendarId: string;
  timeZone: string | null;
  targets: Partial<Record<SlaTargetName, PriorityMinutes>>;
  pauseStatuses: string[];
}

export interface ContractCard {
  id: string;
  number: string;
  title: string;
  lineOfBusiness: string;
  tier: string;
  validity: Contract['validity'];
  /** The contract this request falls under (assignment and the SLA clocks use it). */
  appliesToThisRequest: boolean;
  sla: SlaTerms | null;
  periods: PeriodCard[];
  responsibilityZones: Contract['responsibilityZones'];
  communication: Contract['communication'];
  serviceManager: Contract['serviceManager'];
  masterSystem: Contract['masterSystem'];
  paidWork: Contract['paidWork'];
  /** The work-start and parts delivery targets the service report measures against, the contract's or the defaults. */
  serviceTargets: EffectiveServiceTargets;
  verdict: CoverageVerdict;
}

export type ContractPanel =
  | {
      issueKey: string;
      state: 'matched';
      customer: { id: string; name: string; matchedBy: MatchedBy };
      request: { requestType: string | null; createdAt: string };
      contracts: ContractCard[];
    }
  | {
      issueKey: string;
      state: 'noContracts' | 'noCustomer';
      /** Why there is nothing to show: `code` (and `params`) for screens that word it, `en`/`ru` worded. */
      message: WordedMessage;
      contracts: [];
    };

function slaTerms(
  world: TemperatureWorld,
  contract: Contract,
  requestType: string | undefined,
): SlaTerms | null {
  const policy = world.settings.slaPolicies.find((p) => p.id === contract.slaPolicyId);
  if (!policy) return null;
  const override = policy.requestTypes.find((o) => o.requestType === requestType);
  return {
    policyId: policy.id,
    name: policy.name,
    calendarId: policy.calendarId,
    timeZone: world.settings.calendars[policy.calendarId]?.timeZone ?? null,
    targets: { ...policy.targets, ...(override?.targets ?? {}) },
    pauseStatuses: override?.pauseStatuses ?? policy.pauseStatuses,
  };
}

/** One contract as the panel shows it. */
function contractCard(
  world: TemperatureWorld,
  contract: Contract,
  issue: IssueFromJira,
  applies: boolean,
  now: Date,
): ContractCard {
  const raw = world.settings.calendars[contract.calendarId];
  const compiled = world.calendars[contract.calendarId];
  const active = new Set(compiled ? activePeriodsAt(compiled, now).map((p) => p.name) : []);
  const { snapshot } = issue;
  return {
    id: contract.id,
    number: contract.number,
    title: contract.title,
    lineOfBusiness: contract.lineOfBusiness,
    tier: contract.tier,
    validity: contract.validity,
    appliesToThisRequest: applies,
    sla: slaTerms(world, contract, snapshot.requestType),
    periods: (raw?.periods ?? []).map((p) => describePeriod(p, active.has(p.name))),
    responsibilityZones: contract.responsibilityZones,
    communication: contract.communication,
    serviceManager: contract.serviceManager,
    masterSystem: contract.masterSystem,
    paidWork: contract.paidWork,
    serviceTargets: effectiveServiceTargets(contract.serviceTargets),
    verdict: coverageVerdict(contract, {
      requestType: snapshot.requestType ?? '',
      at: snapshot.createdAt,
    }),
  };
}

/** The contract panel's data for an issue. */
export function contractPanel(world: TemperatureWorld, issue: IssueFromJira, now: Date): ContractPanel {
  const { snapshot } = issue;
  if (world.contracts.length === 0)
    return {
      issueKey: snapshot.key,
      state: 'noContracts',
      message: bilingual({ code: 'contracts.noContracts' }),
      contracts: [],
    };
  // The same match as assignment and the SLA clocks: organization, then e-mail domain, then field.
  const match = matchContract(world.contracts, snapshot.customer, snapshot.createdAt);
  if (!match)
    return {
      issueKey: snapshot.key,
      state: 'noCustomer',
      message: bilingual({ code: 'contracts.noCustomer' }),
      contracts: [],
    };
  const customer = match.contract.customer;
  const contracts = world.contracts
    .filter((c) => c.customer.id === customer.id)
    .sort(
      (a, b) =>
        Number(b.id === match.contract.id) - Number(a.id === match.contract.id) || a.id.localeCompare(b.id),
    )
    .map((c) => contractCard(world, c, issue, c.id === match.contract.id, now));
  return {
    issueKey: snapshot.key,
    state: 'matched',
    customer: { id: customer.id, name: customer.name, matchedBy: match.matchedBy },
    request: { requestType: snapshot.requestType ?? null, createdAt: snapshot.createdAt.toISOString() },
    contracts,
  };
}

/** The temperature glance's body for an issue read from Jira, with the store's history of it (if any), at `at`. */
export function glanceOf(
  world: TemperatureWorld,
  issue: IssueFromJira,
  stored: readonly SlaEvent[] | undefined,
  at: Date,
) {
  const history = historyToReplay(stored, issue.fieldHistory);
  const { temperature, contract } = readIssueTemperature(world, issue.snapshot, history, at);
  return {
    issueKey: issue.snapshot.key,
    computedAt: at.toISOString(),
    score: temperature.score,
    band: temperature.band,
    bands: world.settings.temperature.bands,
    factors: temperature.factors,
    customer: contract ? { id: contract.contract.customer.id, name: contract.contract.customer.name } : null,
    historySource: history === issue.fieldHistory ? ('jira-fields' as const) : ('events' as const),
  };
}

/** Builds the router (mount it under /forge/api via the Forge router's `routers`). */
export function createIssueViewsRouter(deps: IssueViewsDeps): Router {
  const now = deps.now ?? (() => new Date());
  /** The field ids given, else the settings' (`jiraFields`), whose defaults are the stock JSM ids. */
  const fieldIdsFor = (world: TemperatureWorld): IssueFieldIds =>
    deps.fieldIds ?? (world.settings.jiraFields ? fieldIdsOf(world.settings.jiraFields) : DEFAULT_FIELD_IDS);

  /** The issue as Jira has it now, read as the app. */
  async function readIssue(key: string, res: Response): Promise<IssueFromJira> {
    const fieldIds = fieldIdsFor(await deps.world());
    if (!ISSUE_KEY.test(key))
      throw new HttpError(400, 'invalid_issue_key', `"${key}" is not an issue key (like SUP-42)`);
    const jira = await deps.jiraFor(forgeClaims(res));
    if (!jira)
      throw new HttpError(
        503,
        'no_app_token',
        'No live app token for this installation yet; it arrives with the next Forge call',
      );
    const got = await jira.getIssue(key, { fields: temperatureFields(fieldIds) });
    if (!got.ok) {
      if (got.error.status === 404) throw new HttpError(404, 'issue_not_found', `Issue ${key} was not found`);
      throw new HttpError(502, 'jira_unavailable', `Jira answered ${got.error.status}: ${got.error.message}`);
    }
    const issue = issueFromJira(got.value, now(), fieldIds);
    if (!issue) throw new HttpError(502, 'jira_unreadable', `Jira's answer for ${key} has no issue key`);
    return issue;
  }

  const router = Router();
  router.get('/issues/:key/contracts', async (req, res) => {
    const issue = await readIssue(req.params.key, res);
    res.json(contractPanel(await deps.world(), issue, now()));
  });
  router.get('/issues/:key/temperature', async (req, res) => {
    const issue = await readIssue(req.params.key, res);
    const at = now();
    const stored = (await storedHistories(deps.db, [issue.snapshot.key])).get(issue.snapshot.key);
    res.json(glanceOf(await deps.world(), issue, stored, at));
  });
  return router;
}
