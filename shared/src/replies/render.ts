import type { Result } from '../result.js';
import { LANGUAGES } from '../schemas/replies.js';
import type { Language, ReplyStyle, ReplyTemplate } from '../schemas/replies.js';
import { fillTemplate, parseTemplate } from './template.js';
import type { StyleSection, TemplateValues } from './template.js';

/** What a reply needs besides its template. */
export interface RenderRequest {
  variables: TemplateValues;
  style: ReplyStyle;
  language: Language;
}

/** A rendered reply: the body, the subject when the template has one, and the variables used. */
export interface RenderedReply {
  text: string;
  subject?: string;
  variablesUsed: string[];
  visibility: ReplyTemplate['visibility'];
}

/** Why a reply could not be rendered. */
export type RenderError =
  | { kind: 'missingVariables'; missing: string[] }
  | { kind: 'languageNotAvailable'; language: Language; available: Language[] }
  | { kind: 'invalidTemplate'; message: string };

/** The sections that a style keeps. */
const activeSections = (style: ReplyStyle): ReadonlySet<StyleSection> =>
  new Set([style.detail, style.register]);

/** Renders one text (body or subject) of a template. */
function renderText(
  source: string,
  active: ReadonlySet<StyleSection>,
  values: TemplateValues,
): Result<{ text: string; variablesUsed: string[] }, RenderError> {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return { ok: false, error: { kind: 'invalidTemplate', message: parsed.error.message } };
  const filled = fillTemplate(parsed.value, active, values);
  return filled.ok
    ? filled
    : { ok: false, error: { kind: 'missingVariables', missing: filled.error.missing } };
}

/** One error for the failed parts: a broken template first, otherwise every missing variable once. */
function mergeFailures(parts: readonly (Result<unknown, RenderError> | undefined)[]): RenderError {
  const failures = parts.flatMap((p) => (p && !p.ok ? [p.error] : []));
  const broken = failures.find((f) => f.kind !== 'missingVariables');
  if (broken) return broken;
  const missing = failures.flatMap((f) => (f.kind === 'missingVariables' ? f.missing : []));
  return { kind: 'missingVariables', missing: [...new Set(missing)] };
}

/**
 * Renders a reply template in a language and style. A variable the chosen style needs but the
 * request lacks (or gives as blank) is an error that names every such variable, subject included.
 */
export function renderReply(
  template: ReplyTemplate,
  request: RenderRequest,
): Result<RenderedReply, RenderError> {
  const body = template.bodies[request.language];
  if (body === undefined) {
    const available = LANGUAGES.filter((l) => template.bodies[l] !== undefined);
    return { ok: false, error: { kind: 'languageNotAvailable', language: request.language, available } };
  }
  const active = activeSections(request.style);
  const renderedBody = renderText(body, active, request.variables);
  const subjectSource = template.subject?.[request.language];
  const renderedSubject =
    subjectSource === undefined ? undefined : renderText(subjectSource, active, request.variables);
  if (!renderedBody.ok || (renderedSubject !== undefined && !renderedSubject.ok)) {
    return { ok: false, error: mergeFailures([renderedBody, renderedSubject]) };
  }
  const subject = renderedSubject?.value.text;
  return {
    ok: true,
    value: {
      text: renderedBody.value.text,
      ...(subject === undefined ? {} : { subject }),
      variablesUsed: [
        ...new Set([...(renderedSubject?.value.variablesUsed ?? []), ...renderedBody.value.variablesUsed]),
      ],
      visibility: template.visibility,
    },
  };
}
