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
  'assignment.reason.offNow': 'Off now — back at {when}',
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
  // The customer's page and the messages that carry its link. Russian has a formal ("Вы") and an
  // informal ("ты") register: `register` selects it (formal unless "informal").
  'customer.page.lang': 'en',
  'customer.page.title.approval': 'Approval of paid work — {key}',
  'customer.page.title.rating': 'How did we do? — {key}',
  'customer.page.title.nps': 'A question from {provider}',
  'customer.page.title.problem': 'This link does not work',
  'customer.approval.intro': 'We would like your go-ahead before we start this work.',
  'customer.approval.request': 'Request',
  'customer.approval.estimate': 'Estimate',
  'customer.approval.why': 'Why this is not covered by your contract',
  'customer.approval.zone': 'Our responsibilities under contract {number}',
  'customer.approval.decision': 'Your decision',
  'customer.approval.reason.notCovered':
    '“{requestType}” is not part of contract {number} ({title}), so it is charged separately.',
  'customer.approval.reason.listed': 'Contract {number} ({title}) lists this as paid work: {description}.',
  'customer.approval.approve': 'Approve the work',
  'customer.approval.decline': 'Decline',
  'customer.approval.comment': 'Comment (optional)',
  'customer.approval.send': 'Send my decision',
  'customer.approval.done.approved':
    'Thank you — the work is approved. We will start and keep you posted on {key}.',
  'customer.approval.done.declined':
    'Thank you — we will not do this work. Your service manager may call to discuss it.',
  'customer.rating.question': 'How satisfied are you with how we handled “{summary}” ({key})?',
  'customer.rating.scale': 'Your rating from 1 (very poor) to 5 (excellent)',
  'customer.rating.1': '1 — very poor',
  'customer.rating.2': '2 — poor',
  'customer.rating.3': '3 — fair',
  'customer.rating.4': '4 — good',
  'customer.rating.5': '5 — excellent',
  'customer.rating.comment': 'Anything we should know? (optional)',
  'customer.rating.send': 'Send my rating',
  'customer.rating.done': 'Thank you for your rating. It goes straight to the team that worked on {key}.',
  'customer.nps.question': 'How likely are you to recommend {provider} to a friend or colleague?',
  'customer.nps.scale': 'From 0 (not at all likely) to 10 (extremely likely)',
  'customer.nps.low': 'Not at all likely',
  'customer.nps.high': 'Extremely likely',
  'customer.nps.comment': 'What is the main reason for your score? (optional)',
  'customer.nps.send': 'Send my answer',
  'customer.nps.done': 'Thank you for your answer.',
  'customer.problem.expired':
    'This link has expired. Nothing was changed. Please reply to our e-mail or contact {manager}, and we will send you a new one.',
  'customer.problem.used':
    'This link has already been used, so nothing more was changed. Thank you — we have your answer.',
  'customer.problem.forged':
    'This link is not valid. Nothing was changed. Please use the link from our e-mail as it is.',
  'customer.problem.busy':
    'Too many attempts from here. Nothing was changed. Please try again in a few minutes.',
  'customer.problem.invalid': 'Please check the form: {message}',
  'customer.problem.choose': 'please choose one of the options',
  'customer.cost': 'Cost: {cost}',
  'customer.note': 'Note: {note}',
  'customer.mail.approval.subject': '{key}: your approval is needed before we start paid work',
  'customer.mail.approval.body':
    '{register, select, informal {Hi,\n\nbefore we start on {key} “{summary}” we need your go-ahead: this work is outside contract {number}.\n\nEstimate: {estimate}\n\nApprove or decline here (valid until {until}):\n{link}} other {Hello,\n\nfor your request {key} “{summary}” we need your approval before we start: this work is not covered by contract {number}.\n\nEstimate: {estimate}\n\nPlease approve or decline here (the link is valid until {until}):\n{link}}}',
  'customer.comment.approval':
    'We sent an estimate for approval ({estimate}). Work starts once it is approved; the approval link went by e-mail to {contact}.',
  'customer.mail.rating.subject': '{key} is resolved — how did we do?',
  'customer.mail.rating.body':
    '{register, select, informal {Hi,\n\n{key} “{summary}” is done. How did we do? One click:\n{link}\n\n(valid until {until})} other {Hello,\n\nyour request {key} “{summary}” is resolved. Would you rate how we handled it? One click is enough:\n{link}\n\nThe link is valid until {until}.}}',
  'customer.comment.rating': 'Your request is resolved. Please tell us how we did: {link}',
  'customer.mail.nps.subject': 'One question from {provider}',
  'customer.mail.nps.body':
    '{register, select, informal {Hi,\n\nwould you recommend {provider} to a colleague? Ten seconds:\n{link}\n\n(valid until {until})} other {Hello,\n\nhow likely are you to recommend {provider} to a friend or colleague? Your answer takes ten seconds:\n{link}\n\nThe link is valid until {until}.}}',
  'customer.mail.lowRating.subject': '{key} was rated {score} of 5 by {customer}',
  'customer.mail.lowRating.body':
    '{customer} rated {key} “{summary}” {score} of 5.\n\nTheir comment: {comment}\n\nPlease get in touch with them today.',
  'customer.mail.noComment': '(no comment)',
  'customer.provider.fallback': 'us',
  'customer.validator.approvalNotRequested':
    '{key} is paid work: ask the customer to approve the estimate first (Contract panel → Request approval), or record an approval they gave by phone or letter.',
  'customer.validator.approvalAwaiting':
    '{key} is paid work and the customer has not approved the estimate yet. Wait for their answer, or record in the Contract panel an approval they gave by phone or letter.',
  'customer.validator.approvalDeclined':
    'The customer declined the paid work on {key}. Talk to them before starting; a new estimate can be sent from the Contract panel.',
  'customer.validator.approvalExpired':
    'The approval link for {key} expired without an answer. Send the estimate again from the Contract panel.',
  'customer.validator.youtrack.approvalNotRequested':
    '{key} is paid work: ask the customer to approve the estimate first (the Frontline panel in the issue → Send for approval).',
  'customer.validator.youtrack.approvalAwaiting':
    '{key} is paid work and the customer has not approved the estimate yet. Wait for their answer (the Frontline panel in the issue shows it).',
  'customer.validator.youtrack.approvalDeclined':
    'The customer declined the paid work on {key}. Talk to them before starting; a new estimate can be sent from the Frontline panel in the issue.',
  'customer.validator.youtrack.approvalExpired':
    'The approval link for {key} expired without an answer. Send the estimate again from the Frontline panel in the issue.',
  'customer.hours': '{hours, plural, one {# hour} other {# hours}}',
  'customer.problem.yourManager': 'your service manager',
  'customer.problem.chooseDecision': 'choose a decision',
  'customer.problem.chooseScore': 'choose a score',
  'customer.problem.commentTooLong':
    'the comment is longer than {max, plural, one {# character} other {# characters}}',
  'customer.problem.commentUnstorable': 'the comment has characters that cannot be stored',
  'availability.notYours': 'Only the engineer themselves or a coordinator may change these entries',
  'availability.notYoursToOpen': 'Only coordinators may open someone else’s availability',
  'availability.notAnEngineer': '{accountId} is not one of the engineers in the settings',
  'availability.notAnEngineerAskAdmin':
    '{accountId} is not one of the engineers in the settings; ask an admin to add you',
  'availability.noSuchAbsence': 'There is no absence {id}',
  'availability.invalidDate': '“{name}” must be a date (YYYY-MM-DD)',
  'availability.dateRange': 'Give a date (YYYY-MM-DD) between 2000 and 2099',
  'availability.invalidWeek': 'The week must be a date (YYYY-MM-DD)',
  'availability.overlapping': 'The absence overlaps another entry',
  'availability.invalidAbsence':
    'The absence: {count, plural, one {# field} other {# fields}} failed validation',
  'availability.feed.invalid': 'The calendar address cannot be used',
  'availability.feed.empty': 'Paste the calendar’s secret address (iCal)',
  'availability.feed.tooLong':
    'The address is longer than {max, plural, one {# character} other {# characters}}',
  'availability.feed.notAnAddress':
    'Not an address; paste the https:// (or webcal://) address your calendar gives',
  'availability.feed.notHttps': 'Only https:// (or webcal://) calendar addresses are read',
  'availability.noSecretKey': 'This sidecar keeps no secrets (FRONTLINE_SECRET_KEY is not set); ask an admin',
  'availability.noSuchTeam': 'No engineer works in team “{team}”',
  'availability.knownTeams': 'Known teams: {teams}',
  'availability.noTeamsYet': 'No teams are known yet',
  'availability.entry.unknownTimeZone': 'Unknown time zone "{timeZone}"',
  'availability.entry.notAnObject': 'Send the absence as an object with kind, from, to and an optional note',
  'availability.entry.unknownField': 'unknown field "{field}"',
  'availability.entry.kind': 'Kind is one of: {kinds}',
  'availability.entry.bound': 'Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)',
  'availability.entry.boundRange':
    'Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM) between 2000 and 2099',
  'availability.entry.note': 'The note is text',
  'availability.entry.noteTooLong':
    'Keep the note under {max, plural, one {# character} other {# characters}}',
  'availability.entry.invalidField': '“{field}” cannot be used',
  'availability.entry.wholeDaysEndOnDate': 'A whole-day absence ends on a date (YYYY-MM-DD)',
  'availability.entry.hoursEndOnTime': 'An absence in hours ends on a date and time (YYYY-MM-DDTHH:MM)',
  'availability.entry.lastDayBeforeFirst': 'The last day ({to}) is before the first ({from})',
  'availability.entry.endNotAfterStart': 'The end ({to}) is not after the start ({from})',
  'availability.entry.tooLong':
    'One entry covers at most {max, plural, one {# day} other {# days}}; enter a long leave in parts',
  'availability.entry.overlaps':
    'Overlaps another entry ({kind, select, dayOff {day off} trip {business trip} training {training} sick {sick leave} other {other}}, {bounds}); change or remove that one first',
  'notify.count.hours': '{count, plural, one {# hour} other {# hours}}',
  'notify.count.minutes': '{count, plural, one {# minute} other {# minutes}}',
  'notify.count.tickets': '{count, plural, one {# unassigned ticket} other {# unassigned tickets}}',
  'notify.count.openTickets': '{count, plural, one {# open ticket} other {# open tickets}}',
  'notify.bot.slaLeft': 'SLA time left: {span}',
  'notify.bot.slaOverdue': 'SLA overdue: {span}',
  'notify.bot.noSla': 'no SLA',
  'notify.bot.noContract': 'no contract',
  'notify.bot.queueTitle': '📋 {teams}: {tickets}, hottest first',
  'notify.bot.queueEmpty': '📋 {teams}: no tickets wait for an engineer.',
  'notify.bot.queueLoad': 'Your load: {load} of {max} ({open})',
  'notify.bot.queueAbsences': 'Away this week: {absences}',
  'notify.bot.queueNoAbsences': 'No absences this week.',
  'notify.bot.queueMore': '…and {more} more',
  'notify.bot.takeLabel': 'Take {key}',
  'notify.bot.takeNotInTeam':
    'Sorry, {key} belongs to team {team}, and you are not in it. Ask the coordinator.',
  'notify.bot.takeAlreadyTaken': '{key} was already taken by {engineer}.',
  'notify.bot.unknownCommand': 'Commands: /queue — tickets waiting for an engineer in your teams.',
  'notify.bot.absenceDayOff': 'day off',
  'notify.bot.absenceTrip': 'business trip',
  'notify.bot.absenceTraining': 'training',
  'notify.bot.absenceSick': 'sick leave',
  'notify.bot.absenceOther': 'away',
  'notify.bot.channelTestSubject': 'Frontline test message',
  'notify.bot.channelTestBody':
    'This is a test of the {channel} channel as saved in settings version {version}.',
  'schedules.count.businessHours': '{count, plural, one {# business hour} other {# business hours}}',
  'schedules.count.tickets': '{count, plural, one {# ticket} other {# tickets}}',
  'schedules.noContract': 'No contract matched',
  'schedules.clock': '{target, select, firstResponse {first response} update {update} other {resolution}}',
  'schedules.open': 'Open',
} as const;

/** Every code a sidecar message can carry. */
export type MessageCode = keyof typeof EN;
