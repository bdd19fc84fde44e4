import type { RoutingPresetInput } from '../schemas/routing.js';

// Northwind Service's demo presets: first line (SUP) routes to the hardware team (HW), the
// database team (DB), or orders a spare part from the warehouse (PARTS). Field ids match the
// sidecar's Jira stand-in (issue types "Task" and "Part order", fields "Parts to replace" and
// "Parts catalog"); fields a site lacks are skipped by the planner, and a real site maps its own
// names in the admin page. The parts picker fills the site's parts field (the settings'
// `jiraFields.parts`, "Parts catalog" in the demo), so the preset names no field of its own.

/** "Hardware team": move to HW, which needs the parts to replace and the serial number. */
export const hardwareTeamPreset: RoutingPresetInput = {
  id: 'hardware-team',
  name: 'Hardware team',
  description: 'Storage arrays and x86 servers: diagnostics, part replacement, on-site visits.',
  appliesTo: { projects: ['SUP'] },
  target: { project: 'HW', issueType: { name: 'Task' } },
  method: 'move',
  fields: [
    { targetField: 'Parts to replace', from: { sourceField: 'Parts to replace' } },
    { targetField: 'Serial number', from: { sourceField: 'Serial number' } },
    { targetField: 'Service manager', from: { contract: 'serviceManager' } },
    { targetField: 'Contract', from: { contract: 'contractNumber' } },
  ],
  comments: {
    source: 'Passed to the hardware team by {{actor}}.',
    target: 'From first line ({{key}}), customer {{customer}}, contract {{contractNumber}}.',
  },
  notifyChannel: 'hw-team',
};

/** "Database team": move to DB; database tickets never carry hardware fields. */
export const databaseTeamPreset: RoutingPresetInput = {
  id: 'database-team',
  name: 'Database team',
  description: 'PostgreSQL, Oracle and 1C databases, the integration bus.',
  appliesTo: { projects: ['SUP'] },
  target: { project: 'DB', issueType: { name: 'Task' } },
  method: 'move',
  fields: [
    { targetField: 'DBMS', from: { sourceField: 'Product' } },
    { targetField: 'Contract', from: { contract: 'contractNumber' } },
  ],
  comments: { source: 'Passed to the database team by {{actor}}.' },
  notifyChannel: 'db-team',
};

/** "Order spare parts": a new ticket in PARTS with parts picked from the catalog, linked to the source. */
export const orderSparePartsPreset: RoutingPresetInput = {
  id: 'order-spare-parts',
  name: 'Order spare parts',
  description: 'Ask the warehouse for parts from the catalog; the ticket waits for them.',
  appliesTo: { projects: ['SUP', 'HW'] },
  target: { project: 'PARTS', issueType: { name: 'Part order' } },
  method: 'clone',
  carry: ['priority'],
  fields: [
    { targetField: 'summary', from: { template: 'Parts for {{key}}: {{summary}}' } },
    { targetField: 'Customer', from: { contract: 'customer' } },
    { targetField: 'Delivery address', from: { value: 'Northwind Service warehouse, Moscow' } },
  ],
  linkType: 'Relates',
  comments: {
    source: 'Spare parts ordered by {{actor}}.',
    target: 'Parts for {{key}} ({{customer}}). Ship to the engineer on the ticket.',
  },
  notifyChannel: 'warehouse',
  transitionSourceTo: 'Waiting for parts',
  partsPicker: { suggestFromSourceField: 'Parts to replace', minParts: 1 },
};

/** The three demo presets. */
export const demoRoutingPresets: readonly RoutingPresetInput[] = [
  hardwareTeamPreset,
  databaseTeamPreset,
  orderSparePartsPreset,
];
