// Replies: templates rendered in the customer's language and style, and the glossary, tone and
// spelling check they pass before posting.
export { STYLE_SECTIONS, parseTemplate, templateVariables, fillTemplate, tidyForPhones } from './template.js';
export type {
  StyleSection,
  TemplateNode,
  TemplateSyntaxError,
  TemplateValues,
  FillResult,
} from './template.js';
export { renderReply } from './render.js';
export type { RenderRequest, RenderedReply, RenderError } from './render.js';
export { FINDING_KINDS, checkReply, applyReplacement } from './check.js';
export type { Speller, Finding, FindingKind, CheckOptions, StaleFinding } from './check.js';
export { patternProblem, compilePattern, findPattern, matchCase } from './patterns.js';
export type { PatternMatch } from './patterns.js';
export { createHunspellSpeller, lazySpeller } from './hunspell.js';
export type { HunspellDictionary } from './hunspell.js';
export { DEFAULT_REPLY_TEMPLATES } from './defaults.js';
export { replyVariables, customerStyle } from './variables.js';
export type { ReplyContext, ReplyIssueFacts } from './variables.js';
export { BLOCKING_FINDING_KINDS, blockingFindings, gateOverrideNote } from './gate.js';
