// Atlassian Document Format: Jira Cloud's v3 API takes and returns rich text (descriptions,
// comments) as ADF documents. The converter and its paragraph rule live in shared/ (one for the
// gateway, the Forge app and the stand-in); this module keeps the gateway's import path.
export { adfFromText, adfToText, isAdfDocument } from '@frontline/shared';
export type { AdfDocument, AdfNode } from '@frontline/shared';
