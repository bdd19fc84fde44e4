// Settings routes, mounted by the admin API (/api/settings) and by the Forge side
// (/forge/api/settings); only who the actor is and which door it came through differ.
//   GET  /                 live document, `ETag: "<version>"`
//   PUT  /                 replace the document (`If-Match: "<version>"` → 409 when stale)
//   GET  /versions         newest first (?limit=1..500, ?before): who, when, which paths changed,
//                          which version a restore brought back (`restoredFrom`, else null)
//   GET  /versions/:n      one version with its document
//   POST /versions/:n/restore  version n's document made live as a new version that records
//                          `restoredFrom: n` (`If-Match` as below), announced in the log with who
//                          restored what
//   GET  /:section         one section
//   PUT  /:section         replace one section (`If-Match` as above)
// Bodies are parsed with the guarded JSON parser (UTF-8, bounded depth, nothing PostgreSQL cannot
// hold); versions in paths and queries are bounded by the version column (integer).
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from '../errors.js';
import { findUnstorableText, jsonBody as guardedJsonBody, jsonProblemToHttp } from '../json-body.js';
import {
  isSection,
  type SectionWriteError,
  type SettingsService,
  type WriteMeta,
} from '../../settings/service.js';
import type { SettingsSource, SettingsWriteOutcome } from '../../settings/repository.js';
import type { Result } from '@frontline/shared';
import type { Logger } from 'pino';
import { intParam, intQuery, jsonBody, validationError } from './http-helpers.js';

export interface SettingsRouterDeps {
  settings: SettingsService;
  source: SettingsSource;
  actorOf(req: Request, res: Response): string;
  bodyLimit?: string | number;
  /** Where each new version is announced (who, which door, how many paths changed). */
  log?: Pick<Logger, 'info'>;
}

/** Reads `If-Match`: `"3"`, `W/"3"` or `3`; `*` or absent → no precondition. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*' || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) throw new HttpError(400, 'invalid_if_match', 'If-Match must be a settings version, e.g. "3"');
  return Number(match[1]);
}

const etag = (version: number): string => `"${version}"`;

/** The most versions one request lists (the repository lists no more at once). */
export const MAX_VERSIONS_PAGE = 500;

/**
 * The guarded JSON parser for this router's bodies. Where an outer router has parsed the body
 * already (its stream is spent, so it cannot be read again), the parsed value is held to the same
 * rule that matters to the store: no string or key PostgreSQL cannot hold.
 */
function settingsBodyParser(limit: string | number): RequestHandler {
  const parse = guardedJsonBody({ limit });
  return (req, res, next) => {
    if (req.body === undefined || Buffer.isBuffer(req.body)) return parse(req, res, next);
    const problem = findUnstorableText(req.body);
    next(problem ? jsonProblemToHttp(problem) : undefined);
  };
}

function writeFailure(error: SectionWriteError): HttpError {
  switch (error.kind) {
    case 'invalid':
      return validationError('invalid_settings', 'Settings are invalid', error.issues);
    case 'conflict':
      return new HttpError(
        409,
        'version_conflict',
        `Settings are at version ${error.currentVersion}; reload them and apply your change again`,
        { currentVersion: error.currentVersion },
      );
    case 'unknown_section':
      return new HttpError(404, 'unknown_section', `No settings section "${error.section}"`);
  }
}

function sendWrite(
  res: Response,
  result: Result<SettingsWriteOutcome, SectionWriteError>,
  section?: string,
): void {
  if (!result.ok) throw writeFailure(result.error);
  const { version, created } = result.value;
  const settings = version.settings as Record<string, unknown>;
  res
    .status(200)
    .set('ETag', etag(version.version))
    .json({
      version: version.version,
      updatedBy: version.actor,
      updatedAt: version.createdAt.toISOString(),
      created,
      changes: created ? version.changes : [],
      restoredFrom: version.restoredFrom,
      ...(section === undefined ? { settings } : { section, value: settings[section] }),
    });
}

/** Builds the settings router. */
export function createSettingsRouter(deps: SettingsRouterDeps): Router {
  const router = Router();
  router.use(settingsBodyParser(deps.bodyLimit ?? '1mb'));
  const announce = (result: Result<SettingsWriteOutcome, SectionWriteError>) => {
    if (!result.ok || !result.value.created) return result;
    const { version, actor, source, changes } = result.value.version;
    deps.log?.info({ version, actor, source, changedPaths: changes.length }, 'settings version stored');
    return result;
  };
  const meta = (req: Request, res: Response): WriteMeta => {
    const ifVersion = parseIfMatch(req.get('if-match'));
    return {
      actor: deps.actorOf(req, res),
      source: deps.source,
      ...(ifVersion === undefined ? {} : { ifVersion }),
    };
  };

  router.get('/', async (_req, res) => {
    const live = await deps.settings.live();
    res.set('ETag', etag(live.version)).json({
      version: live.version,
      updatedBy: live.actor ?? null,
      updatedAt: live.createdAt?.toISOString() ?? null,
      settings: live.settings,
    });
  });

  router.put('/', async (req, res) => {
    const body = jsonBody(req);
    sendWrite(res, announce(await deps.settings.replace(body, meta(req, res))));
  });

  router.get('/versions', async (req, res) => {
    const limit = intQuery(req, 'limit', { max: MAX_VERSIONS_PAGE });
    const before = intQuery(req, 'before');
    const versions = await deps.settings.versions({
      ...(limit ? { limit } : {}),
      ...(before ? { before } : {}),
    });
    res.json({ versions });
  });

  router.get('/versions/:n', async (req, res) => {
    const n = intParam(req, 'n', { code: 'invalid_version', what: 'a settings version' });
    const version = await deps.settings.version(n);
    if (!version) throw new HttpError(404, 'version_not_found', `No settings version ${n}`);
    res.set('ETag', etag(version.version)).json(version);
  });

  router.post('/versions/:n/restore', async (req, res) => {
    const n = intParam(req, 'n', { code: 'invalid_version', what: 'a settings version' });
    const written = await deps.settings.restore(n, meta(req, res));
    if (!written.ok && written.error.kind === 'not_found')
      throw new HttpError(404, 'version_not_found', `No settings version ${n}`);
    const result = written as Result<SettingsWriteOutcome, SectionWriteError>;
    if (result.ok && result.value.created) {
      const { version, actor, source, changes, restoredFrom } = result.value.version;
      deps.log?.info(
        { version, restoredFrom, actor, source, changedPaths: changes.length },
        'settings version restored',
      );
    }
    sendWrite(res, result);
  });

  router.get('/:section', async (req, res) => {
    const section = req.params.section;
    if (!isSection(section)) throw writeFailure({ kind: 'unknown_section', section });
    const live = await deps.settings.live();
    const settings = live.settings as Record<string, unknown>;
    res
      .set('ETag', etag(live.version))
      .json({ version: live.version, section, value: settings[section] ?? null });
  });

  router.put('/:section', async (req, res) => {
    const body = jsonBody(req);
    const section = req.params.section;
    sendWrite(res, announce(await deps.settings.replaceSection(section, body, meta(req, res))), section);
  });

  return router;
}
