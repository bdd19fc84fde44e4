// English words for what the sidecar tells people: contract panel, temperature glance, automatic
// assignment. ICU MessageFormat (see ../format.ts); the keys are the codes the code returns.
export const EN = {
  'coverage.notYetValid': 'Contract {number} starts on {from}; the request came on {day}.',
  'coverage.expired': 'Contract {number} ended on {to}; the request came on {day}.',
  'coverage.paidWork':
    'Paid work under contract {number}: {description}. Agree it with the customer before starting.',
  'coverage.covered':
    'Covered by contract {number} ({title}): {by, select, requestType {"{what}"} components {{what}} other {this configuration item}}.',
  'coverage.notCovered':
    '"{requestType}" is not covered by contract {number}; it is paid work. Agree it with the customer before starting.',
  'contracts.noContracts': 'No contracts are loaded yet: import them from the master system.',
  'contracts.noCustomer':
    'No customer contract matches this request (organization, reporter’s e-mail domain or customer field).',
  'period.priority':
    'requests are treated as {priority, select, highest {Highest} high {High} medium {Medium} low {Low} other {Lowest}} priority',
  'period.roundTheClock': 'support runs round the clock',
  'period.hours': 'support hours {hours}',
  'period.temperature': 'temperature {boost}',
  'period.noChange': 'No change to priority or hours',
  'temperature.slaNone': 'No SLA clock is running',
  'temperature.slaUsed':
    '{percent}% of the {target, select, firstResponse {first response} update {update} other {resolution}} SLA used',
  'temperature.slaBreached':
    'The {target, select, firstResponse {first response} update {update} other {resolution}} SLA is breached ({percent}% used)',
  'temperature.priority':
    'Priority {priority, select, highest {Highest} high {High} medium {Medium} low {Low} other {Lowest}}',
  'temperature.tierNone': 'The customer has no tier',
  'temperature.tier': 'Customer tier {tier}',
  'temperature.periodNone': 'No special period',
  'temperature.period': 'Special period: {periods}',
  'temperature.silenceMinutes':
    'The customer has not heard from us for {minutes, plural, one {# minute} other {# minutes}}',
  'temperature.silenceHours':
    'The customer has not heard from us for {hours, plural, one {# hour} other {# hours}}',
  'temperature.capped': ' (capped: the score cannot exceed 100)',
  'temperature.floored': ' (limited: the score cannot fall below 0)',
  'assignment.rankedFirst': 'ranked first',
  'assignment.autoComment': 'Frontline assigned {name}: {reason}.',
} as const;

/** Every code a sidecar message can carry. */
export type MessageCode = keyof typeof EN;
