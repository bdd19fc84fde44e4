// The Reply action: the template library, a template filled with the issue's, the contract's and
// the agent's values in the customer's language and style, the glossary/tone/spelling check as the
// agent types, and posting as the agent (public reply or JSM internal note, converted to ADF).
import { z } from 'zod';
import type {
  Contract,
  Finding,
  Glossary,
  Language,
  ReplyGate,
  ReplyStyle,
  ReplyTemplate,
  Speller,
} from '@frontline/shared';
import {
  blockingFindings,
  checkReply,
  DEFAULT_REPLY_POLICY,
  gateOverrideNote,
  replyGateFor,
  ReplyPolicySchema,
  customerStyle,
  DEFAULT_GLOSSARY,
  DEFAULT_REPLY_TEMPLATES,
  GlossarySchema,
  LANGUAGES,
  ReplyTemplateSchema,
  renderReply,
  replyVariables,
  textToAdf,
} from '@frontline/shared';
import type { ContractFacts } from '../remote/sidecar-client.js';
import type {
  GateBlockedDetails,
  PostedReply,
  ReplyDraft,
  ReplyFinding,
  ReplySetup,
  TemplateOption,
} from '../ui-contract.js';
import { missingMark } from '../ui-contract.js';
import type { InvocationContext, ResolverAnswer, ResolverDeps, ResolverHandler } from './resolver-kit.js';
import { contextIssue, failure, parsePayload } from './resolver-kit.js';
import { loadSettings } from './settings-source.js';

/** Spellers for the check; the composition root builds them from the bundled dictionaries. */
export type Spellers = { en?: Speller; ru?: Speller };

const DEFAULT_STYLE: ReplyStyle = { detail: 'brief', register: 'formal' };
const Language = z.enum(LANGUAGES);
const Style = z.object({ detail: z.enum(['brief', 'detailed']), register: z.enum(['formal', 'informal']) });

const RenderPayload = z.object({
  templateId: z.string().min(1),
  language: Language,
  style: Style,
  extra: z.record(z.string(), z.string()).default({}),
});
const CheckPayload = z.object({
  text: z.string().max(32_000),
  language: Language,
  knownWords: z.array(z.string()).default([]),
});
const PostPayload = z.object({
  text: z.string().trim().min(1, 'Write something before posting').max(32_000),
  internal: z.boolean(),
  language: Language.default('en'),
  knownWords: z.array(z.string().max(500)).max(200).default([]),
  /** Posting past a `block` gate: why the findings stay. */
  overrideReason: z.string().trim().min(3, 'Say why the reply goes out as it is').max(1_000).optional(),
});

/** The comment property that records an override of the glossary gate on the reply itself. */
export const GATE_OVERRIDE_PROPERTY = 'frontline.glossaryGateOverride';

/** The Reply resolvers: `reply.setup`, `reply.render`, `reply.check`, `reply.post`. */
export function replyResolvers(deps: ResolverDeps, spellers: Spellers = {}): Record<string, ResolverHandler> {
  return {
    'reply.setup': (_payload, context) => setup(deps, context),
    'reply.render': (payload, context) => render(deps, payload, context),
    'reply.check': (payload) => check(deps, payload, spellers),
    'reply.post': (payload, context) => post(deps, payload, context, spellers),
  };
}

async function library(
  deps: ResolverDeps,
): Promise<{ templates: ReplyTemplate[]; glossary: Glossary; policy: typeof DEFAULT_REPLY_POLICY }> {
  const settings = await loadSettings(deps);
  const document = settings.ok ? settings.value.document : {};
  const raw = Array.isArray(document.replyTemplates) ? document.replyTemplates : undefined;
  const templates = raw
    ? raw.flatMap((t) => {
        const parsed = ReplyTemplateSchema.safeParse(t);
        return parsed.success ? [parsed.data] : [];
      })
    : [...DEFAULT_REPLY_TEMPLATES];
  const glossary = GlossarySchema.safeParse(document.glossary);
  const policy = ReplyPolicySchema.safeParse(document.replies ?? {});
  return {
    templates,
    glossary: glossary.success ? glossary.data : DEFAULT_GLOSSARY,
    policy: policy.success ? policy.data : DEFAULT_REPLY_POLICY,
  };
}

/** The project the action was opened in (the context's, else the issue key's prefix). */
function projectOf(context: InvocationContext, issueKey: string): string {
  return context.extension?.project?.key ?? issueKey.split('-')[0] ?? '';
}

/**
 * The customer's contract for this request, when the sidecar knows it. `replyVariables` and
 * `customerStyle` take a whole Contract but read only the fields the contract panel carries
 * (customer, number, title, service manager, communication), so those facts stand in for it.
 */
async function contractFor(deps: ResolverDeps, issueKey: string): Promise<Contract | undefined> {
  const answer = await deps.sidecar.getContract(issueKey);
  const facts: ContractFacts | undefined = answer.ok ? (answer.value ?? undefined) : undefined;
  return facts as Contract | undefined;
}

async function setup(deps: ResolverDeps, context: InvocationContext): Promise<ResolverAnswer<ReplySetup>> {
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const [{ templates, policy }, contract] = await Promise.all([
    library(deps),
    contractFor(deps, issue.value.key),
  ]);
  const preferred = contract ? customerStyle(contract) : undefined;
  return {
    ok: true,
    value: {
      gate: replyGateFor(policy, projectOf(context, issue.value.key)),
      templates: templates.map(templateOption),
      language: preferred?.language ?? 'en',
      style: preferred?.style ?? DEFAULT_STYLE,
      styleSource: preferred ? 'contract' : 'default',
    },
  };
}

function templateOption(t: ReplyTemplate): TemplateOption {
  return {
    id: t.id,
    name: t.name,
    tags: t.tags,
    languages: LANGUAGES.filter((l) => t.bodies[l] !== undefined),
    visibility: t.visibility,
  };
}

async function render(
  deps: ResolverDeps,
  payload: unknown,
  context: InvocationContext,
): Promise<ResolverAnswer<ReplyDraft>> {
  const input = parsePayload(RenderPayload, payload);
  if (!input.ok) return input;
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const { templates } = await library(deps);
  const template = templates.find((t) => t.id === input.value.templateId);
  if (!template)
    return failure('unknownTemplate', `There is no reply template "${input.value.templateId}" any more.`);
  const [jiraIssue, me, contract] = await Promise.all([
    deps.jira.getIssue(issue.value.key),
    deps.jira.myself(),
    contractFor(deps, issue.value.key),
  ]);
  const fields = (jiraIssue.ok ? jiraIssue.value.fields : {}) as {
    summary?: string;
    reporter?: { displayName?: string };
  };
  // Blank values count as missing: the agent sees them asked for instead of a gap in the text.
  const extra = Object.fromEntries(Object.entries(input.value.extra).filter(([, v]) => v.trim() !== ''));
  const variables = replyVariables({
    issue: { key: issue.value.key, summary: fields.summary, reporterName: fields.reporter?.displayName },
    agent: { name: me.ok ? me.value.displayName : '' },
    contract,
    extra,
  });
  const request = { variables, style: input.value.style, language: input.value.language as Language };
  const rendered = renderReply(template, request);
  if (rendered.ok)
    return { ok: true, value: draft(rendered.value.text, rendered.value.subject, [], template, variables) };
  if (rendered.error.kind !== 'missingVariables')
    return failure(
      rendered.error.kind,
      rendered.error.kind === 'languageNotAvailable'
        ? `This template has no ${rendered.error.language} text (it has: ${rendered.error.available.join(', ')}).`
        : `The template is broken: ${rendered.error.message}`,
    );
  // Render again with each missing variable marked, so the agent sees where it goes.
  const missing = rendered.error.missing;
  const marked = renderReply(template, {
    ...request,
    variables: { ...variables, ...Object.fromEntries(missing.map((m) => [m, missingMark(m)])) },
  });
  if (!marked.ok) return failure('render', 'The template could not be filled in.');
  return { ok: true, value: draft(marked.value.text, marked.value.subject, missing, template, variables) };
}

function draft(
  text: string,
  subject: string | undefined,
  missing: string[],
  template: ReplyTemplate,
  variables: Record<string, string | number>,
): ReplyDraft {
  return {
    text,
    subject: subject ?? null,
    missing,
    visibility: template.visibility,
    knownWords: Object.values(variables).map(String),
  };
}

async function check(
  deps: ResolverDeps,
  payload: unknown,
  spellers: Spellers,
): Promise<ResolverAnswer<ReplyFinding[]>> {
  const input = parsePayload(CheckPayload, payload);
  if (!input.ok) return input;
  const { glossary } = await library(deps);
  const findings = checkReply(input.value.text, {
    glossary,
    language: input.value.language,
    spellers,
    knownWords: input.value.knownWords,
  });
  return { ok: true, value: findings.map((f) => findingView(f, input.value.language)) };
}

function findingView(f: Finding, language: Language): ReplyFinding {
  return {
    kind: f.kind,
    start: f.start,
    end: f.end,
    text: f.text,
    message: f.message[language],
    replacements: f.replacements,
  };
}

/**
 * The gate on the final text, checked here whatever the screen showed: under `block` the findings
 * that hold the reply back (forbidden terms, misspellings), else none.
 */
async function gateCheck(
  deps: ResolverDeps,
  spellers: Spellers,
  input: { text: string; language: Language; knownWords: string[]; project: string },
): Promise<{ gate: ReplyGate; blocking: Finding[] }> {
  const { glossary, policy } = await library(deps);
  const gate = replyGateFor(policy, input.project);
  if (gate === 'warn') return { gate, blocking: [] };
  const findings = checkReply(input.text, {
    glossary,
    language: input.language,
    spellers,
    knownWords: input.knownWords,
  });
  return { gate, blocking: blockingFindings(findings, gate) };
}

async function post(
  deps: ResolverDeps,
  payload: unknown,
  context: InvocationContext,
  spellers: Spellers,
): Promise<ResolverAnswer<PostedReply>> {
  const input = parsePayload(PostPayload, payload);
  if (!input.ok) return input;
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const { text, internal, language, knownWords, overrideReason } = input.value;
  const unfilled = [...text.matchAll(/\[\[([^\]?]+)\?\]\]/g)].map((m) => m[1]!);
  if (unfilled.length)
    return failure(
      'missingVariables',
      `Fill in before posting: ${[...new Set(unfilled)].join(', ')}.`,
      unfilled,
    );
  const { blocking } = await gateCheck(deps, spellers, {
    text,
    language,
    knownWords,
    project: projectOf(context, issue.value.key),
  });
  if (blocking.length > 0 && overrideReason === undefined)
    return failure(
      'gateBlocked',
      `The project's glossary gate holds this reply: ${blocking.map((f) => `"${f.text}" (${f.kind})`).join(', ')}.`,
      { findings: blocking.map((f) => findingView(f, language)) } satisfies GateBlockedDetails,
    );
  const override =
    blocking.length > 0 && overrideReason !== undefined
      ? {
          reason: overrideReason,
          accountId: context.accountId ?? null,
          at: deps.now().toISOString(),
          findings: blocking.map((f) => ({ kind: f.kind, text: f.text })),
        }
      : undefined;
  const posted = await deps.jira.addComment(
    issue.value.key,
    textToAdf(text),
    internal,
    override ? [{ key: GATE_OVERRIDE_PROPERTY, value: override }] : [],
  );
  if (!posted.ok) return failure('jira', `The reply was not posted: ${posted.error.message}`);
  if (!override) return { ok: true, value: { commentId: posted.value.id, overrideNote: null } };
  // The property travels with the reply; the note tells the agents who read the issue.
  const me = await deps.jira.myself();
  const note = gateOverrideNote({
    findings: blocking,
    reason: override.reason,
    agentName: me.ok ? me.value.displayName : (context.accountId ?? '?'),
    language,
  });
  const noted = await deps.jira.addComment(issue.value.key, textToAdf(note), true);
  return {
    ok: true,
    value: { commentId: posted.value.id, overrideNote: noted.ok ? { commentId: noted.value.id } : 'failed' },
  };
}
