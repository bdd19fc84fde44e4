// The seam to the shared reply engine (`renderReply` in @frontline/shared/replies). Notification
// templates are written in its template language and rendered through this one function, so the
// wording lives in templates, not in code.
//
// The shared engine is not exported from @frontline/shared yet; until it is, this file carries a
// minimal stand-in with the same signature that understands the subset the notification templates
// use ({{variables}}, no style sections). Swapping is one line: `export { renderReply } from '@frontline/shared'`.
import { err, ok } from '@frontline/shared';
import type { Result } from '@frontline/shared';

export type Language = 'en' | 'ru';
export const LANGUAGES: readonly Language[] = ['en', 'ru'];

/** The parts of a shared `ReplyTemplate` that rendering reads. */
export interface NoticeTemplate {
  id: string;
  variables: string[];
  subject?: Partial<Record<Language, string>>;
  bodies: Partial<Record<Language, string>>;
  visibility: 'public' | 'internal';
}

export interface RenderRequest {
  variables: Readonly<Record<string, string | number>>;
  style: { detail: 'brief' | 'detailed'; register: 'formal' | 'informal' };
  language: Language;
}

export interface RenderedReply {
  text: string;
  subject?: string;
  variablesUsed: string[];
}

export type RenderError =
  | { kind: 'missingVariables'; missing: string[] }
  | { kind: 'languageNotAvailable'; language: Language; available: Language[] };

const VARIABLE = /\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}/gu;

function fill(
  source: string,
  values: RenderRequest['variables'],
  used: Set<string>,
  missing: Set<string>,
): string {
  return source.replace(VARIABLE, (_tag, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || String(value).trim() === '') {
      missing.add(name);
      return '';
    }
    used.add(name);
    return String(value);
  });
}

/** Same contract as the shared `renderReply`: every missing variable is reported, text is tidied for phones. */
export function renderReply(
  template: NoticeTemplate,
  request: RenderRequest,
): Result<RenderedReply, RenderError> {
  const body = template.bodies[request.language];
  if (body === undefined) {
    const available = LANGUAGES.filter((l) => template.bodies[l] !== undefined);
    return err({ kind: 'languageNotAvailable', language: request.language, available });
  }
  const used = new Set<string>();
  const missing = new Set<string>();
  const text = fill(body, request.variables, used, missing);
  const subjectSource = template.subject?.[request.language];
  const subject =
    subjectSource === undefined ? undefined : fill(subjectSource, request.variables, used, missing);
  if (missing.size > 0) return err({ kind: 'missingVariables', missing: [...missing] });
  return ok({
    text: tidy(text),
    ...(subject === undefined ? {} : { subject: tidy(subject) }),
    variablesUsed: [...used],
  });
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
