export * from './plan.js';
export * from './jira-requests.js';
export * from './demo-presets.js';
export { renderRoutingTemplate, fieldText, textToAdf } from './template.js';
export type { UnfilledPlaceholders } from './template.js';
export { allowedValueLabel, toTargetValue, isEmptyValue } from './values.js';
