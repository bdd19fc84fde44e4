// The Reply action: the template library, a template filled with the issue's, the contract's and
// the agent's values in the customer's language and style, the glossary/tone/spelling check as the
// agent types, and posting as the agent (public reply or JSM internal note, converted to ADF).
import { z } from 'zod';
import type { Contract, Glossary, Language, ReplyStyle, ReplyTemplate, Speller } from '@frontline/shared';
import {
  checkReply,
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
import type { ReplyDraft, ReplyFinding, ReplySetup, TemplateOption } from '../ui-contract.js';
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
  text: z.string().trim().min(1, 'Write something before posting'),
  internal: z.boolean(),
});

/** The Reply resolvers: `reply.setup`, `reply.render`, `reply.check`, `reply.post`. */
export function replyResolvers(deps: ResolverDeps, spellers: Spellers = {}): Record<string, ResolverHandler> {
  return {
    'reply.setup': (_payload, context) => setup(deps, context),
    'reply.render': (payload, context) => render(deps, payload, context),
    'reply.check': (payload) => check(deps, payload, spellers),
    'reply.post': (payload, context) => post(deps, payload, context),
  };
}

async function library(deps: ResolverDeps): Promise<{ templates: ReplyTemplate[]; glossary: Glossary }> {
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
  return { templates, glossary: glossary.success ? glossary.data : DEFAULT_GLOSSARY };
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
  const [{ templates }, contract] = await Promise.all([library(deps), contractFor(deps, issue.value.key)]);
  const preferred = contract ? customerStyle(contract) : undefined;
  return {
    ok: true,
    value: {
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
  return {
    ok: true,
    value: findings.map((f) => ({
      kind: f.kind,
      start: f.start,
      end: f.end,
      text: f.text,
      message: f.message[input.value.language],
      replacements: f.replacements,
    })),
  };
}

async function post(
  deps: ResolverDeps,
  payload: unknown,
  context: InvocationContext,
): Promise<ResolverAnswer<{ commentId: string }>> {
  const input = parsePayload(PostPayload, payload);
  if (!input.ok) return input;
  const issue = contextIssue(context);
  if (!issue.ok) return issue;
  const unfilled = [...input.value.text.matchAll(/\[\[([^\]?]+)\?\]\]/g)].map((m) => m[1]!);
  if (unfilled.length)
    return failure(
      'missingVariables',
      `Fill in before posting: ${[...new Set(unfilled)].join(', ')}.`,
      unfilled,
    );
  const posted = await deps.jira.addComment(
    issue.value.key,
    textToAdf(input.value.text),
    input.value.internal,
  );
  if (!posted.ok) return failure('jira', `The reply was not posted: ${posted.error.message}`);
  return { ok: true, value: { commentId: posted.value.id } };
}
