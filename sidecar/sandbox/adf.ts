// Atlassian Document Format for the stand-in: build documents from text, flatten them back (webhooks
// carry the REST v2 shape, where rich text is a string) and recognise one. The stand-in uses the
// product's one converter from shared/, so what it stores reads back the way Jira's would.
export { adfFromText, adfToText, isAdfDocument } from '@frontline/shared';
