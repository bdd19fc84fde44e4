// Notification wording. Every text is a reply template (checked by the shared ReplyTemplateSchema)
// rendered by the shared reply engine, in English or Russian; this file only gathers the facts. Messages are built for a phone: the issue key and what
// happened in the subject, then the summary, then one short line per fact, most urgent first.
import { ReplyTemplateSchema, err, ok, renderReply } from '@frontline/shared';
import type { Language, RenderError, ReplyTemplate, ReplyTemplateInput, Result } from '@frontline/shared';
import type { OutboundMessage } from './types.js';

export type { Language } from '@frontline/shared';

/** Notices about a ticket, each a message of its own. */
export const TICKET_NOTICE_KINDS = ['ticket-unassigned', 'ticket-assigned', 'ticket-routed'] as const;
export type TicketNoticeKind = (typeof TICKET_NOTICE_KINDS)[number];

/** What a ticket notice may say. Only key, summary, url and priority are always known. */
export interface TicketFacts {
  key: string;
  summary: string;
  url: string;
  priority: string;
  customer?: string;
  requestType?: string;
  /** A real emergency (as opposed to scheduled maintenance). */
  critical?: boolean;
  maintenance?: boolean;
  /** The nearest SLA deadline. */
  dueAt?: Date;
  assigneeName?: string;
  /** The team a ticket was routed to (`ticket-routed`). */
  team?: string;
  /** Why this engineer (`ticket-assigned`), from the ranking's reasons. */
  reason?: string;
}

/** The reader's language and time zone (deadlines are shown in their local time). */
export interface ReaderPrefs {
  language: Language;
  timeZone: string;
}

/** Notifications are internal chat: brief and informal. */
const NOTICE_STYLE = { detail: 'brief', register: 'informal' } as const;
const SUMMARY_LIMIT = 120;

const ticketBody = { en: '{{issue.summary}}\n{{facts}}', ru: '{{issue.summary}}\n{{facts}}' };

/** The notification templates, as written (the shared reply-template format). */
const NOTICE_TEMPLATE_SOURCES = {
  'ticket-unassigned': {
    id: 'notify-ticket-unassigned',
    variables: ['issue.key', 'issue.summary', 'facts'],
    subject: { en: '{{issue.key}} needs an engineer', ru: '{{issue.key}} ждёт инженера' },
    bodies: ticketBody,
    visibility: 'internal',
  },
  'ticket-assigned': {
    id: 'notify-ticket-assigned',
    variables: ['issue.key', 'issue.summary', 'facts'],
    subject: { en: '{{issue.key}} is assigned to you', ru: '{{issue.key}} назначена на вас' },
    bodies: ticketBody,
    visibility: 'internal',
  },
  'ticket-routed': {
    id: 'notify-ticket-routed',
    variables: ['issue.key', 'issue.summary', 'facts', 'team'],
    subject: { en: '{{issue.key}} routed to {{team}}', ru: '{{issue.key}} передана: {{team}}' },
    bodies: ticketBody,
    visibility: 'internal',
  },
  'ticket-taken': {
    id: 'notify-ticket-taken',
    variables: ['engineer'],
    bodies: { en: '✋ Taken by {{engineer}}', ru: '✋ Взята в работу: {{engineer}}' },
    visibility: 'internal',
  },
  'take-confirmed': {
    id: 'notify-take-confirmed',
    variables: ['issue.key'],
    bodies: { en: '{{issue.key}} is yours now.', ru: '{{issue.key}} теперь ваша.' },
    visibility: 'internal',
  },
  'take-refused': {
    id: 'notify-take-refused',
    variables: ['issue.key', 'reason'],
    bodies: {
      en: 'Sorry, {{issue.key}} can’t be yours: {{reason}}',
      ru: 'Не получилось взять {{issue.key}}: {{reason}}',
    },
    visibility: 'internal',
  },
  'take-unknown-user': {
    id: 'notify-take-unknown-user',
    variables: [],
    bodies: {
      en: 'Sorry, this Telegram account isn’t linked to an engineer yet. Ask your coordinator to add it.',
      ru: 'Извините, этот аккаунт Telegram пока не связан с инженером. Попросите координатора его добавить.',
    },
    visibility: 'internal',
  },
} as const satisfies Record<string, Omit<ReplyTemplateInput, 'name'>>;

export type NoticeTemplateId = keyof typeof NOTICE_TEMPLATE_SOURCES;

/** Checks each template with the shared schema once, at load: a broken template is a bug, not a runtime state. */
function compileTemplates(): Record<NoticeTemplateId, ReplyTemplate> {
  const entries = Object.entries(NOTICE_TEMPLATE_SOURCES).map(([id, source]) => {
    const parsed = ReplyTemplateSchema.safeParse({ ...source, name: { en: id } });
    if (!parsed.success) throw new Error(`notification template ${id} is invalid: ${parsed.error.message}`);
    return [id, parsed.data] as const;
  });
  return Object.fromEntries(entries) as Record<NoticeTemplateId, ReplyTemplate>;
}

/** The notification templates, validated. */
export const NOTICE_TEMPLATES = compileTemplates();

const LABELS = {
  en: {
    critical: '🔴 Critical',
    maintenance: '🛠 Scheduled maintenance',
    customer: 'Customer',
    priority: 'Priority',
    type: 'Type',
    due: 'Due',
    assignee: 'Assignee',
    why: 'Why',
    open: 'Open',
    take: 'Take',
  },
  ru: {
    critical: '🔴 Критично',
    maintenance: '🛠 Плановое обслуживание',
    customer: 'Клиент',
    priority: 'Приоритет',
    type: 'Тип',
    due: 'Срок',
    assignee: 'Исполнитель',
    why: 'Почему',
    open: 'Открыть',
    take: 'Беру',
  },
} as const satisfies Record<Language, Record<string, string>>;

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU' };

/** A deadline in the reader's zone, short enough for a phone: `Tue 24 Nov, 14:30 GMT+3`. */
export function formatDeadline(at: Date, prefs: ReaderPrefs): string {
  return new Intl.DateTimeFormat(LOCALES[prefs.language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: prefs.timeZone,
    timeZoneName: 'short',
  }).format(at);
}

/** One line per known fact, the urgent ones first. */
export function factLines(facts: TicketFacts, prefs: ReaderPrefs): string[] {
  const l = LABELS[prefs.language];
  const lines: string[] = [];
  if (facts.critical) lines.push(l.critical);
  else if (facts.maintenance) lines.push(l.maintenance);
  if (facts.dueAt) lines.push(`${l.due}: ${formatDeadline(facts.dueAt, prefs)}`);
  if (facts.customer) lines.push(`${l.customer}: ${facts.customer}`);
  lines.push(`${l.priority}: ${facts.priority}`);
  if (facts.requestType) lines.push(`${l.type}: ${facts.requestType}`);
  if (facts.assigneeName) lines.push(`${l.assignee}: ${facts.assigneeName}`);
  if (facts.reason) lines.push(`${l.why}: ${facts.reason}`);
  return lines;
}

function clipSummary(summary: string): string {
  const oneLine = summary.replace(/\s+/g, ' ').trim();
  return oneLine.length <= SUMMARY_LIMIT ? oneLine : `${oneLine.slice(0, SUMMARY_LIMIT - 1)}…`;
}

/** Renders a ticket notice for one reader; `ticket-unassigned` carries a "Take" button. */
export function renderTicketNotice(
  kind: TicketNoticeKind,
  facts: TicketFacts,
  prefs: ReaderPrefs,
): Result<OutboundMessage, RenderError> {
  const rendered = renderReply(NOTICE_TEMPLATES[kind], {
    language: prefs.language,
    style: NOTICE_STYLE,
    variables: {
      'issue.key': facts.key,
      'issue.summary': clipSummary(facts.summary),
      facts: factLines(facts, prefs).join('\n'),
      ...(facts.team ? { team: facts.team } : {}),
    },
  });
  if (!rendered.ok) return rendered;
  const labels = LABELS[prefs.language];
  return ok({
    subject: rendered.value.subject ?? facts.key,
    text: rendered.value.text,
    issueKey: facts.key,
    language: prefs.language,
    link: { url: facts.url, label: `${labels.open} ${facts.key}` },
    ...(kind === 'ticket-unassigned' ? { takeButton: { label: labels.take } } : {}),
  });
}

/** Renders one of the short texts (Take answers, the "taken by" line). */
export function renderShortText(
  id: Exclude<NoticeTemplateId, TicketNoticeKind>,
  variables: Record<string, string>,
  language: Language,
): Result<string, RenderError> {
  const rendered = renderReply(NOTICE_TEMPLATES[id], { language, style: NOTICE_STYLE, variables });
  return rendered.ok ? ok(rendered.value.text) : err(rendered.error);
}

/** Telegram tells us the user's app language; anything but Russian gets English. */
export function languageFromTelegram(code: string | undefined): Language {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
