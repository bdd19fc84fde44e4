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
  'assignment.notAnEngineer': '{accountId} is not one of the engineers',
  'assignment.trackerRefused': 'The tracker refused the assignment: {detail}',
  'assignment.reason.skill': 'Skills: {skills}',
  'assignment.reason.load': 'Load {load} of {maxLoad}',
  'assignment.reason.onDuty': 'On duty until {when}',
  'assignment.reason.language': "Speaks the customer's language ({language})",
  'assignment.exclusion.notInTeam': 'Not in the {team} team',
  'assignment.exclusion.absent':
    '{entered, select, yes {Off until {when}: {kind, select, dayOff {day off} trip {business trip} training {training} sick {sick leave} other {away}} (entered by {enteredBy}){noted, select, yes {: {note}} other {}}} other {Off until {when} ({kind, select, dayOff {day off} trip {business trip} training {training} sick {sick leave} other {away}}{noted, select, yes {: {note}} other {}})}}',
  'assignment.exclusion.offShift':
    '{hours, select, unknown {Working hours unknown: no calendar "{calendar}"} none {Off shift, no working hours ahead} other {Off shift until {when}}}',
  'assignment.exclusion.overMaxLoad': 'Load {load} + {weight} for this ticket exceeds {maxLoad}',
  'assignment.exclusion.missingSkill':
    '{level, plural, =0 {No {skill} skill} other {{skill} level {level}, needs {needs}}}',
  'when.today': '{time}',
  'when.week':
    '{weekday, select, mon {Mon} tue {Tue} wed {Wed} thu {Thu} fri {Fri} sat {Sat} other {Sun}} {time}',
  'when.later':
    '{weekday, select, mon {Mon} tue {Tue} wed {Wed} thu {Thu} fri {Fri} sat {Sat} other {Sun}} {day} {month, select, 1 {Jan} 2 {Feb} 3 {Mar} 4 {Apr} 5 {May} 6 {Jun} 7 {Jul} 8 {Aug} 9 {Sep} 10 {Oct} 11 {Nov} other {Dec}} {time}',
} as const;

/** Every code a sidecar message can carry. */
export type MessageCode = keyof typeof EN;
