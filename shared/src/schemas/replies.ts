import { z } from 'zod';
import { parseTemplate, templateVariables } from '../replies/template.js';
import { reportRepeats } from './unique.js';

// A reply template is one message in every language it speaks. Each language has ONE body that
// covers all four styles with sections ({{#formal}}…{{/formal}}, {{#brief}}…{{/brief}}, see
// replies/template.ts): the shared sentences are written once, only what differs is split, and a
// style a writer did not specialise simply falls back to the unsectioned text.

/** The languages Frontline writes in. */
export const LANGUAGES = ['en', 'ru'] as const;
export const LanguageSchema = z.enum(LANGUAGES, { error: `Language is one of: ${LANGUAGES.join(', ')}` });
export type Language = z.infer<typeof LanguageSchema>;

/** How much a customer wants to read. */
export const DetailSchema = z.enum(['brief', 'detailed'], { error: 'Detail is "brief" or "detailed"' });
export type Detail = z.infer<typeof DetailSchema>;

/** How a customer wants to be spoken to. */
export const RegisterSchema = z.enum(['formal', 'informal'], { error: 'Register is "formal" or "informal"' });
export type Register = z.infer<typeof RegisterSchema>;

/** The style a reply is rendered in. */
export const ReplyStyleSchema = z.strictObject({ detail: DetailSchema, register: RegisterSchema });
export type ReplyStyle = z.infer<typeof ReplyStyleSchema>;

/** Text in each language; at least one language is required. */
export const LocalizedTextSchema = z
  .strictObject({ en: z.string().trim().min(1).optional(), ru: z.string().trim().min(1).optional() })
  .refine(
    (t) => t.en !== undefined || t.ru !== undefined,
    'Give the text in at least one language (en or ru)',
  );
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Ids are lower-case words joined by hyphens, e.g. "request-logs"');

const variableName = z
  .string()
  .regex(
    /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*$/u,
    'Variable names are words joined by dots, e.g. "issue.key"',
  );

/** A reply template; bodies are checked for syntax and for variables that are used but not declared. */
export const ReplyTemplateSchema = z
  .strictObject({
    id: slug,
    name: LocalizedTextSchema,
    tags: z.array(z.string().trim().min(1, 'Tags must not be empty')).default([]),
    /** Every variable the bodies use; the reply form asks for the ones the issue cannot fill. */
    variables: z.array(variableName).default([]),
    /** E-mail subject / first line of a chat message, per language (may use variables too). */
    subject: LocalizedTextSchema.optional(),
    bodies: LocalizedTextSchema,
    /** Whether the comment is shown to the customer by default; the agent can still switch it. */
    visibility: z
      .enum(['public', 'internal'], { error: 'Visibility is "public" or "internal"' })
      .default('public'),
  })
  .superRefine((template, ctx) => {
    const declared = new Set(template.variables);
    const texts: [path: (string | number)[], text: string | undefined][] = [
      ...LANGUAGES.map((l): [(string | number)[], string | undefined] => [['bodies', l], template.bodies[l]]),
      ...LANGUAGES.map((l): [(string | number)[], string | undefined] => [
        ['subject', l],
        template.subject?.[l],
      ]),
    ];
    for (const [path, text] of texts) {
      if (text === undefined) continue;
      const parsed = parseTemplate(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path, message: parsed.error.message });
        continue;
      }
      const undeclared = templateVariables(parsed.value).filter((v) => !declared.has(v));
      if (undeclared.length > 0) {
        ctx.addIssue({ code: 'custom', path, message: `Declare these variables: ${undeclared.join(', ')}` });
      }
    }
  });
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>;
export type ReplyTemplateInput = z.input<typeof ReplyTemplateSchema>;

/** The reply library: templates with unique ids. */
export const ReplyLibrarySchema = z.array(ReplyTemplateSchema).superRefine((templates, ctx) =>
  reportRepeats(
    ctx,
    templates,
    (t) => t.id,
    (i) => [i, 'id'],
    (t) => `Template id "${t.id}" is used twice`,
  ),
);

/**
 * What the Reply action does with findings still in the text when the agent posts: `warn` shows
 * them and posts anyway; `block` refuses while a forbidden term or a misspelling remains, unless
 * the agent overrides with a reason (recorded with the comment).
 */
export const REPLY_GATES = ['warn', 'block'] as const;
export const ReplyGateSchema = z.enum(REPLY_GATES, { error: 'The gate is "warn" or "block"' });
export type ReplyGate = z.infer<typeof ReplyGateSchema>;

const projectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'Project keys are upper-case letters and digits, e.g. "SUP"');

/** The reply policy: a gate for every project, and projects that differ from it. */
export const ReplyPolicySchema = z.strictObject({
  gate: ReplyGateSchema.default('warn'),
  projects: z.record(projectKey, z.strictObject({ gate: ReplyGateSchema })).default({}),
});
export type ReplyPolicy = z.output<typeof ReplyPolicySchema>;
export const DEFAULT_REPLY_POLICY: ReplyPolicy = { gate: 'warn', projects: {} };

/** The gate that applies to a project's replies. */
export function replyGateFor(policy: ReplyPolicy, project: string | undefined): ReplyGate {
  const own =
    project !== undefined && Object.hasOwn(policy.projects, project) ? policy.projects[project] : undefined;
  return own?.gate ?? policy.gate;
}
