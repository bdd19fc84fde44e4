// Digest and reminder messages, written as reply templates (checked by the shared schema) and
// rendered by the shared reply engine in English or Russian. Built for a phone: what it is about in
// the subject, one short line per ticket, the link last. Where a number meets a word, the word
// takes the language's plural form ("1 рабочий час", "3 рабочих часа", "5 рабочих часов"). Counted
// words, clock names and link labels come from the shared catalogues (`schedules.*`).
import { ReplyTemplateSchema, renderReply, translate } from '@frontline/shared';
import type { Language, ReplyTemplate, ReplyTemplateInput } from '@frontline/shared';
import { factLines } from '../notify/render.js';
import type { TicketFacts } from '../notify/render.js';
import { shortDayTime, slaLeftText } from '../notify/bot-texts.js';
import type { Alert } from './alerts.js';
import type { OutboundMessage } from '../notify/types.js';
import type { Digest, DigestEntry, TicketMark } from './digest.js';
import type { Reminder } from './reminders.js';

const SOURCES = {
  digest: {
    id: 'schedule-digest',
    variables: ['tickets', 'critical', 'lines'],
    subject: {
      en: 'Morning digest: {{tickets}} without an engineer ({{critical}} critical)',
      ru: 'Утренняя сводка: {{tickets}} без инженера (критичных: {{critical}})',
    },
    bodies: { en: '{{lines}}', ru: '{{lines}}' },
    visibility: 'internal',
  },
  customerReplied: {
    id: 'schedule-customer-replied',
    variables: ['issue.key', 'issue.summary', 'hours'],
    subject: {
      en: '{{issue.key}}: the customer replied {{hours}} ago',
      ru: '{{issue.key}}: клиент ответил {{hours}} назад',
    },
    bodies: {
      en: '{{issue.summary}}\nThe customer is waiting for our answer.',
      ru: '{{issue.summary}}\nКлиент ждёт нашего ответа.',
    },
    visibility: 'internal',
  },
  customerRepliedEscalated: {
    id: 'schedule-customer-replied-escalated',
    variables: ['issue.key', 'issue.summary', 'hours'],
    subject: {
      en: '{{issue.key}}: customer still waiting after {{hours}}',
      ru: '{{issue.key}}: клиент ждёт ответа уже {{hours}}',
    },
    bodies: {
      en: '{{issue.summary}}\nThe assignee was reminded; please step in.',
      ru: '{{issue.summary}}\nИсполнителю уже напомнили; пожалуйста, подключитесь.',
    },
    visibility: 'internal',
  },
  silentCritical: {
    id: 'schedule-silent-critical',
    variables: ['issue.key', 'issue.summary', 'hours'],
    subject: {
      en: '{{issue.key}}: no update to the customer for {{hours}}',
      ru: '{{issue.key}}: клиент без новостей {{hours}}',
    },
    bodies: {
      en: '🔴 {{issue.summary}}\nSend an update: what was done, what is next, when the next checkpoint is.',
      ru: '🔴 {{issue.summary}}\nНапишите клиенту: что сделано, что дальше, когда следующая контрольная точка.',
    },
    visibility: 'internal',
  },
  routedToTeam: {
    id: 'schedule-routed-to-team',
    variables: ['issue.key', 'issue.summary', 'team'],
    subject: { en: '{{issue.key}} routed to {{team}}', ru: '{{issue.key}} передана: {{team}}' },
    bodies: { en: '{{issue.summary}}', ru: '{{issue.summary}}' },
    visibility: 'internal',
  },
  /** The same notice when the Route click itself tells us, so we also know who routed it. */
  routedNotice: {
    id: 'schedule-routed-notice',
    variables: ['issue.key', 'issue.summary', 'team', 'routedBy', 'sourceKey'],
    subject: { en: '{{issue.key}} routed to {{team}}', ru: '{{issue.key}} передана: {{team}}' },
    bodies: {
      en: '{{issue.summary}}\nRouted by {{routedBy}} from {{sourceKey}}.',
      ru: '{{issue.summary}}\nПередал(а) {{routedBy}} из {{sourceKey}}.',
    },
    visibility: 'internal',
  },
  slaAtRisk: {
    id: 'schedule-sla-at-risk',
    variables: ['issue.key', 'issue.summary', 'clock', 'share', 'left', 'facts'],
    subject: {
      en: '{{issue.key}}: {{share}} of the {{clock}} SLA used',
      ru: '{{issue.key}}: SLA «{{clock}}» израсходован на {{share}}',
    },
    bodies: {
      en: '🟠 {{issue.summary}}\n{{left}}\n{{facts}}',
      ru: '🟠 {{issue.summary}}\n{{left}}\n{{facts}}',
    },
    visibility: 'internal',
  },
  slaBreached: {
    id: 'schedule-sla-breached',
    variables: ['issue.key', 'issue.summary', 'clock', 'left', 'facts'],
    subject: {
      en: '{{issue.key}}: the {{clock}} SLA is breached',
      ru: '{{issue.key}}: SLA «{{clock}}» нарушен',
    },
    bodies: {
      en: '🔴 {{issue.summary}}\n{{left}}\n{{facts}}',
      ru: '🔴 {{issue.summary}}\n{{left}}\n{{facts}}',
    },
    visibility: 'internal',
  },
  specialPeriodStarts: {
    id: 'schedule-special-period',
    variables: ['issue.key', 'issue.summary', 'period', 'facts'],
    subject: {
      en: '{{issue.key}}: special period “{{period}}” is on',
      ru: '{{issue.key}}: идёт особый период «{{period}}»',
    },
    bodies: {
      en: '📅 {{issue.summary}}\nThe customer’s calendar is in “{{period}}”: targets and priority may be tighter.\n{{facts}}',
      ru: '📅 {{issue.summary}}\nУ клиента идёт «{{period}}»: сроки и приоритет могут быть жёстче.\n{{facts}}',
    },
    visibility: 'internal',
  },
  dutyPage: {
    id: 'schedule-duty-page',
    variables: ['issue.key', 'issue.summary', 'left', 'opens', 'facts'],
    subject: {
      en: '🚨 {{issue.key}} needs the duty engineer now',
      ru: '🚨 {{issue.key}}: нужен дежурный инженер',
    },
    bodies: {
      en: '{{issue.summary}}\n{{left}}, before the desk opens ({{opens}}).\n{{facts}}',
      ru: '{{issue.summary}}\n{{left}} — срок наступит до открытия деска ({{opens}}).\n{{facts}}',
    },
    visibility: 'internal',
  },
  statusUpdateDue: {
    id: 'schedule-status-update-due',
    variables: ['issue.key', 'issue.summary', 'hours', 'checkpoint', 'draft'],
    subject: {
      en: '{{issue.key}}: time for a status update ({{hours}} without news)',
      ru: '{{issue.key}}: пора написать клиенту (без новостей {{hours}})',
    },
    bodies: {
      en: '{{issue.summary}}\nA draft, in the customer’s language and style (next checkpoint {{checkpoint}}):\n\n{{draft}}',
      ru: '{{issue.summary}}\nЧерновик на языке и в стиле клиента (следующая контрольная точка {{checkpoint}}):\n\n{{draft}}',
    },
    visibility: 'internal',
  },
} as const satisfies Record<string, Omit<ReplyTemplateInput, 'name'>>;

type TemplateId = keyof typeof SOURCES;

/** The templates, validated once at load: a broken one is a bug. */
const TEMPLATES = Object.fromEntries(
  Object.entries(SOURCES).map(([id, source]) => {
    const parsed = ReplyTemplateSchema.safeParse({ ...source, name: { en: id } });
    if (!parsed.success) throw new Error(`schedule template ${id} is invalid: ${parsed.error.message}`);
    return [id, parsed.data];
  }),
) as Record<TemplateId, ReplyTemplate>;

const STYLE = { detail: 'brief', register: 'informal' } as const;
const MARKS: Record<TicketMark, string> = { critical: '🔴', maintenance: '🛠', normal: '•' };
const noCustomer = (language: Language) => translate(language, { code: 'schedules.noContract' });
const open = (language: Language) => translate(language, { code: 'schedules.open' });

/**
 * `count` with its word in the reader's language: "3 business hours", "3 рабочих часа" (catalogue
 * `schedules.count.*`). Russian hours are masculine and inanimate, so one set of forms reads right
 * both as the subject and after "назад", "уже", "без новостей" (accusative = nominative).
 */
function counted(what: 'businessHours' | 'tickets', count: number, language: Language): string {
  return translate(language, { code: `schedules.count.${what}`, params: { count } });
}

function render(
  id: TemplateId,
  language: Language,
  variables: Record<string, string>,
): { subject: string; text: string } {
  const template = TEMPLATES[id];
  const declared = Object.fromEntries(
    Object.entries(variables).filter(([k]) => template.variables.includes(k)),
  );
  const rendered = renderReply(template, { language, style: STYLE, variables: declared });
  // Variables are always supplied here; a failure means a template and this file disagree.
  if (!rendered.ok)
    throw new Error(`schedule template ${id} did not render: ${JSON.stringify(rendered.error)}`);
  return { subject: rendered.value.subject ?? '', text: rendered.value.text };
}

function clip(text: string, limit = 70): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}

/** One digest line: mark, key, temperature, business hours unassigned, summary. */
export function digestLine(entry: DigestEntry, language: Language): string {
  const hours = counted('businessHours', entry.unassignedBusinessHours, language);
  return `${MARKS[entry.mark]} ${entry.key} · ${entry.temperature}° · ${hours} — ${clip(entry.summary)}`;
}

/** The digest as a message for one reader. */
export function renderDigest(digest: Digest, language: Language, filterUrl?: string): OutboundMessage {
  const lines = digest.groups.flatMap((g) => [
    `*${g.customerName ?? noCustomer(language)}*`,
    ...g.entries.map((e) => digestLine(e, language)),
  ]);
  const { subject, text } = render('digest', language, {
    tickets: counted('tickets', digest.total, language),
    critical: String(digest.critical),
    lines: lines.join('\n'),
  });
  return {
    subject,
    text,
    language,
    ...(filterUrl ? { link: { url: filterUrl, label: open(language) } } : {}),
  };
}

/** A reminder as a message for one reader. */
export function renderReminder(
  reminder: Reminder,
  issue: { summary: string; url: string },
  language: Language,
): OutboundMessage {
  const { subject, text } = render(reminder.kind, language, {
    'issue.key': reminder.issueKey,
    'issue.summary': clip(issue.summary, 120),
    hours: counted('businessHours', reminder.businessHours ?? 0, language),
    team: reminder.to.kind === 'team' ? reminder.to.team : '',
  });
  return {
    subject,
    text,
    issueKey: reminder.issueKey,
    language,
    link: { url: issue.url, label: `${open(language)} ${reminder.issueKey}` },
  };
}

/** A hand-off as the Route click reported it. */
export interface RoutedNotice {
  issueKey: string;
  sourceKey: string;
  team: string;
  summary: string;
  routedBy: string;
  url: string;
}

/** The hand-off notice for the team an issue was routed to. */
export function renderRoutedNotice(notice: RoutedNotice, language: Language): OutboundMessage {
  const { subject, text } = render('routedNotice', language, {
    'issue.key': notice.issueKey,
    'issue.summary': clip(notice.summary, 120),
    team: notice.team,
    routedBy: notice.routedBy,
    sourceKey: notice.sourceKey,
  });
  return {
    subject,
    text,
    issueKey: notice.issueKey,
    language,
    link: { url: notice.url, label: `${open(language)} ${notice.issueKey}` },
  };
}

/** A reader's language and zone (times are shown in their zone). */
export interface AlertReader {
  language: Language;
  timeZone: string;
}

/** An alert as a message for one reader; `draft` is the drafted status update (status-update alerts). */
export function renderAlert(
  alert: Alert,
  issue: TicketFacts,
  reader: AlertReader,
  draft?: { text: string; checkpoint: string },
): OutboundMessage {
  const { language } = reader;
  const left = alert.clock ? slaLeftText(alert.clock.remainingMinutes, language) : '';
  const { subject, text } = render(alert.kind, language, {
    'issue.key': alert.issueKey,
    'issue.summary': clip(issue.summary, 120),
    clock: alert.clock
      ? translate(language, { code: 'schedules.clock', params: { target: alert.clock.target } })
      : '',
    share: `${Math.round((alert.share ?? 0) * 100)}%`,
    left,
    period: alert.period ?? '',
    opens: alert.deskOpensAt ? shortDayTime(alert.deskOpensAt, reader.timeZone, language) : '—',
    facts: factLines(issue, reader).join('\n'),
    hours: counted('businessHours', alert.silentHours ?? 0, language),
    checkpoint: draft?.checkpoint ?? '',
    draft: draft?.text ?? '',
  });
  return {
    subject,
    text,
    issueKey: alert.issueKey,
    language,
    link: { url: issue.url, label: `${open(language)} ${alert.issueKey}` },
  };
}
