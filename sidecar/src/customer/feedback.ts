// The customer's rating of a resolved ticket and the periodic NPS question. A resolved ticket is
// recorded once (in the processing transaction), then a job writes the portal comment and the
// e-mail with the signed link; an answer is taken once, and a rating of 2 or less reaches the
// ticket's service manager through the outbox at once. NPS invitations go to each customer's
// contacts (the people we wrote to over the last year) once per period, however many replicas run
// the schedule: the period, customer and contact are the row's unique key.
import { randomUUID } from 'node:crypto';
import { averageRating, customerText, isLowRating, netPromoterScore, surveyPeriod } from '@frontline/shared';
import type {
  Contract,
  Language,
  NpsAnswer,
  RatingAnswer,
  Register,
  Result,
  SettingsDocument,
} from '@frontline/shared';
import { err, ok } from '@frontline/shared';
import { matchContract } from '../assignment/contract-match.js';
import type { Clock, IssueSnapshot, Notifier, Queryable, Tracker } from '../ports.js';
import type { Db } from '../store/db.js';
import {
  answeredNps,
  answeredRatings,
  answerNps,
  answerRating,
  customerContacts,
  insertNpsInvitation,
  insertRatingRequest,
  npsById,
  ratingById,
} from './repository.js';
import type { NpsRow, RatingRow } from './repository.js';
import type { LinkSigner } from './tokens.js';

export interface FeedbackDeps {
  db: Db;
  now: Clock;
  notifier: Notifier | undefined;
  signer: LinkSigner;
  linkBase: string;
  /** The tracker the portal comment is written with; undefined: e-mail only. */
  tracker: Tracker | undefined;
}

const DAY = 86_400_000;

function linkFor(deps: FeedbackDeps, purpose: 'rating' | 'nps', id: string, email: string, expiresAt: Date) {
  return `${deps.linkBase}/c/${deps.signer.sign({ purpose, subject: id, recipient: email, expiresAt })}`;
}

/** The world the feedback reads: contracts (customer, language, manager) and the customer-side settings. */
export interface FeedbackWorld {
  contracts: readonly Contract[];
  settings: SettingsDocument;
}

export function createFeedback(deps: FeedbackDeps) {
  /** Writes the portal comment and the e-mail for a stored rating request (idempotent per request). */
  async function sendRatingRequest(id: string): Promise<'sent' | 'gone'> {
    const row = await ratingById(deps.db, id);
    if (!row || row.answered_at) return 'gone';
    const link = linkFor(deps, 'rating', row.id, row.contact_email, new Date(row.expires_at));
    const params = {
      key: row.issue_key,
      summary: row.summary,
      link,
      until: new Date(row.expires_at).toISOString().slice(0, 10),
    };
    await deps.notifier?.notify({
      idempotencyKey: `rating:${row.id}:email`,
      channel: 'email',
      recipient: row.contact_email,
      message: {
        subject: customerText(row.language, 'mail.rating.subject', params, row.register),
        text: customerText(row.language, 'mail.rating.body', params, row.register),
        issueKey: row.issue_key,
        language: row.language,
      },
    });
    // The comment goes once: a claim on the row decides who writes it.
    const claim = await deps.db.query(
      'UPDATE customer_ratings SET comment_posted = true WHERE id = $1 AND NOT comment_posted',
      [row.id],
    );
    if (claim.rowCount === 1 && deps.tracker) {
      const posted = await deps.tracker.addComment(
        row.issue_key,
        customerText(row.language, 'comment.rating', params, row.register),
      );
      if (!posted.ok && posted.error.kind === 'retryable' && !posted.error.outcomeUnknown) {
        await deps.db.query('UPDATE customer_ratings SET comment_posted = false WHERE id = $1', [row.id]);
        throw new Error(`portal comment for ${row.issue_key} failed: ${posted.error.message}`);
      }
    }
    return 'sent';
  }

  return {
    /**
     * Records that `snapshot` was resolved and its requester is to be asked (once per ticket).
     * Returns the request id when this call recorded it.
     */
    async recordResolved(
      tx: Queryable,
      input: {
        snapshot: IssueSnapshot;
        reporterEmail: string | undefined;
        world: FeedbackWorld;
        now: Date;
      },
    ): Promise<string | undefined> {
      const { snapshot, reporterEmail, world, now } = input;
      if (!reporterEmail) return undefined;
      const match = matchContract(world.contracts, snapshot.customer, snapshot.createdAt);
      const contract = match?.contract;
      const id = randomUUID();
      const inserted = await insertRatingRequest(tx, {
        id,
        issue_key: snapshot.key,
        summary: snapshot.summary,
        customer_id: contract?.customer.id ?? null,
        customer_name: contract?.customer.name ?? null,
        engineer_id: snapshot.assigneeId,
        team: snapshot.project,
        contact_email: reporterEmail,
        language: contract?.communication.language ?? 'en',
        register: contract?.communication.register ?? 'formal',
        manager_name: contract?.serviceManager.name ?? null,
        manager_email: contract?.serviceManager.email ?? null,
        requested_at: now,
        expires_at: new Date(now.getTime() + world.settings.customerSide.ratingLinkDays * DAY),
      });
      return inserted ? id : undefined;
    },

    sendRatingRequest,

    ratingById: (id: string) => ratingById(deps.db, id),
    npsById: (id: string) => npsById(deps.db, id),

    /** Takes a rating once; a low one notifies the service manager in the same transaction. */
    async rate(
      id: string,
      answer: RatingAnswer,
    ): Promise<Result<RatingRow, 'used' | 'expired' | 'not_found'>> {
      const row = await ratingById(deps.db, id);
      if (!row) return err('not_found');
      if (row.answered_at) return err('used');
      const now = deps.now();
      if (new Date(row.expires_at).getTime() <= now.getTime()) return err('expired');
      const done = await deps.db.transaction(async (tx) => {
        if (!(await answerRating(tx, { id, score: answer.score, comment: answer.comment, at: now })))
          return false;
        if (isLowRating(answer.score) && row.manager_email) {
          const params = {
            key: row.issue_key,
            summary: row.summary,
            score: answer.score,
            customer: row.customer_name ?? row.contact_email,
            comment: answer.comment ?? customerText(row.language, 'mail.noComment'),
          };
          // The manager reads the desk's language: the contract's, as the customer writes it.
          await deps.notifier?.notify(
            {
              idempotencyKey: `rating:${id}:low`,
              channel: 'email',
              recipient: row.manager_email,
              message: {
                subject: customerText(row.language, 'mail.lowRating.subject', params),
                text: customerText(row.language, 'mail.lowRating.body', params),
                issueKey: row.issue_key,
                language: row.language,
              },
            },
            tx,
          );
        }
        return true;
      });
      return done ? ok((await ratingById(deps.db, id))!) : err('used');
    },

    /** Takes an NPS answer once. */
    async answerNps(
      id: string,
      answer: NpsAnswer,
    ): Promise<Result<NpsRow, 'used' | 'expired' | 'not_found'>> {
      const row = await npsById(deps.db, id);
      if (!row) return err('not_found');
      if (row.answered_at) return err('used');
      const now = deps.now();
      if (new Date(row.expires_at).getTime() <= now.getTime()) return err('expired');
      const done = await answerNps(deps.db, { id, score: answer.score, comment: answer.comment, at: now });
      return done ? ok((await npsById(deps.db, id))!) : err('used');
    },

    /**
     * Invites each customer's contacts to the NPS question of the current period, once each.
     * Returns how many invitations this run sent (0 when the period's were sent already or it is off).
     */
    async runNpsSurvey(world: FeedbackWorld): Promise<{ period: string | null; invited: number }> {
      const side = world.settings.customerSide;
      const now = deps.now();
      const period = surveyPeriod(now, side.npsCadenceMonths);
      if (!period) return { period: null, invited: 0 };
      const customers = new Map<string, Contract>();
      for (const c of world.contracts) if (!customers.has(c.customer.id)) customers.set(c.customer.id, c);
      let invited = 0;
      for (const contract of customers.values()) {
        const contacts = await customerContacts(
          deps.db,
          contract.customer.id,
          new Date(now.getTime() - 365 * DAY),
        );
        for (const contact of contacts) {
          const id = randomUUID();
          const expiresAt = new Date(now.getTime() + side.npsLinkDays * DAY);
          const sent = await deps.db.transaction(async (tx) => {
            const row = {
              id,
              period: period.key,
              customer_id: contract.customer.id,
              customer_name: contract.customer.name,
              contact_email: contact.email,
              language: contact.language as Language,
              register: contact.register as Register,
              manager_name: contract.serviceManager.name,
              sent_at: now,
              expires_at: expiresAt,
            };
            if (!(await insertNpsInvitation(tx, row))) return false;
            const provider = side.providerName ?? customerText(row.language, 'provider.fallback');
            const params = {
              provider,
              link: linkFor(deps, 'nps', id, contact.email, expiresAt),
              until: expiresAt.toISOString().slice(0, 10),
            };
            await deps.notifier?.notify(
              {
                idempotencyKey: `nps:${period.key}:${contract.customer.id}:${contact.email.toLowerCase()}`,
                channel: 'email',
                recipient: contact.email,
                message: {
                  subject: customerText(row.language, 'mail.nps.subject', params, row.register),
                  text: customerText(row.language, 'mail.nps.body', params, row.register),
                  language: row.language,
                },
              },
              tx,
            );
            return true;
          });
          if (sent) invited++;
        }
      }
      return { period: period.key, invited };
    },

    /** Ratings and NPS in [from, to) grouped for the Service report. */
    async report(from: Date, to: Date) {
      const ratings = await answeredRatings(deps.db, from, to);
      const nps = await answeredNps(deps.db, from, to);
      const group = <K extends string>(
        rows: RatingRow[],
        keyOf: (r: RatingRow) => string | null,
        name: K,
      ) => {
        const by = new Map<string, RatingRow[]>();
        for (const r of rows) {
          const key = keyOf(r) ?? '';
          by.set(key, [...(by.get(key) ?? []), r]);
        }
        return [...by.entries()]
          .map(([key, list]) => ({
            [name]: key || null,
            ratings: list.length,
            average: averageRating(list.map((r) => r.score!)),
            low: list.filter((r) => isLowRating(r.score!)).length,
          }))
          .sort((a, b) => String(a[name] ?? '').localeCompare(String(b[name] ?? '')));
      };
      const npsByCustomer = new Map<string, NpsRow[]>();
      for (const n of nps) npsByCustomer.set(n.customer_id, [...(npsByCustomer.get(n.customer_id) ?? []), n]);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        ratings: {
          total: ratings.length,
          average: averageRating(ratings.map((r) => r.score!)),
          byCustomer: group(ratings, (r) => r.customer_id, 'customerId'),
          byEngineer: group(ratings, (r) => r.engineer_id, 'engineerAccountId'),
          byTeam: group(ratings, (r) => r.team, 'team'),
          low: ratings
            .filter((r) => isLowRating(r.score!))
            .map((r) => ({
              issueKey: r.issue_key,
              score: r.score,
              comment: r.comment,
              customerId: r.customer_id,
              answeredAt: new Date(r.answered_at!).toISOString(),
            })),
        },
        nps: {
          responses: nps.length,
          score: netPromoterScore(nps.map((n) => n.score!)),
          byCustomer: [...npsByCustomer.entries()].map(([customerId, list]) => ({
            customerId,
            customerName: list[0]!.customer_name,
            responses: list.length,
            score: netPromoterScore(list.map((n) => n.score!)),
          })),
        },
      };
    },
  };
}

export type Feedback = ReturnType<typeof createFeedback>;
