// Text shared by every side: the one `{{…}}` template dialect and the one ADF converter.
export { TEMPLATE_NAME, parseTemplateSource, renderNodes, variablesOf, recordLookup } from './template.js';
export type { RenderedTemplate } from './template.js';
export { adfFromText, adfToText, isAdfDocument } from './adf.js';
export type { AdfDocument, AdfNode } from './adf.js';
