// The workflow validator (`jira:workflowValidator`) that keeps paid work from starting before the
// customer approved it. On a transition into the In Progress category it reads Frontline's approval
// property (written only by the sidecar); an approved request lets the transition through at once.
// Otherwise it asks the sidecar whether the request is paid work under the customer's contract and
// refuses with what to do (in English and Russian: Jira shows the message as given, and the
// validator does not know the reader's language).
// Without an answer from the sidecar, a ticket that has a request (awaiting, declined, expired) is
// refused; one without any stays movable, so a sidecar outage does not stop the whole desk.
import { APPROVAL_PROPERTY_KEY, customerText, workMayStart } from '@frontline/shared';
import type { TransitionRefusal } from '@frontline/shared';
import { z } from 'zod';
import type { AppJira } from '../jira/app-jira.js';

/** What Jira passes to a validator function. */
const ArgsSchema = z.looseObject({
  issue: z.looseObject({ key: z.string().min(1) }),
  transition: z.looseObject({ to: z.looseObject({ id: z.union([z.string(), z.number()]) }) }),
});

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

/** The sidecar's contract panel for the issue (its `getContractPanel`). */
export type ContractPanelSource = (
  issueKey: string,
) => Promise<{ ok: true; value: unknown } | { ok: false; error: { status: number } }>;

export interface PaidWorkValidatorDeps {
  jira: AppJira;
  contractPanel: ContractPanelSource;
}

const PanelSchema = z.looseObject({
  state: z.string(),
  contracts: z
    .array(
      z.looseObject({
        appliesToThisRequest: z.boolean().optional(),
        verdict: z.looseObject({ verdict: z.string() }),
      }),
    )
    .default([]),
});

/** Whether the panel says this request is paid work (the contract it falls under says so). */
export function isPaidWork(panel: unknown): boolean {
  const parsed = PanelSchema.safeParse(panel);
  if (!parsed.success || parsed.data.state !== 'matched') return false;
  const applying = parsed.data.contracts.find((c) => c.appliesToThisRequest) ?? parsed.data.contracts[0];
  return applying?.verdict.verdict === 'paidWork';
}

const refusal = (key: string, code: TransitionRefusal): ValidatorResult => ({
  result: false,
  errorMessage: `${customerText('en', `validator.${code}`, { key })}\n${customerText('ru', `validator.${code}`, { key })}`,
});

export function paidWorkValidator(deps: PaidWorkValidatorDeps) {
  return async (args: unknown): Promise<ValidatorResult> => {
    const parsed = ArgsSchema.safeParse(args);
    // Not a transition we can read: not ours to stop.
    if (!parsed.success) return { result: true };
    const key = parsed.data.issue.key;
    const status = await deps.jira.getStatus(String(parsed.data.transition.to.id));
    const category = status.ok ? status.value.statusCategory?.key : undefined;
    if (status.ok && category !== 'indeterminate') return { result: true };

    const read = await deps.jira.getIssueProperty(key, APPROVAL_PROPERTY_KEY);
    const property = read.ok ? read.value.value : undefined;
    const withProperty = workMayStart({ paidWork: true, targetCategory: 'indeterminate', property });
    if (withProperty.ok) return { result: true };
    // The status could not be read: only an explicit refusal by the property stops the transition.
    if (!status.ok) return property === undefined ? { result: true } : refusal(key, withProperty.refusal);

    const panel = await deps.contractPanel(key);
    if (!panel.ok) return property === undefined ? { result: true } : refusal(key, withProperty.refusal);
    return isPaidWork(panel.value) ? refusal(key, withProperty.refusal) : { result: true };
  };
}
