// The drafted "status update" a status-update reminder offers the assignee: the reply library's
// `status-update` template, in the customer's language and style (the contract's communication
// preferences), filled from the ticket — what was done since the last public update (the status
// changes and internal work the history shows), what is next, and the next checkpoint in the
// customer's business hours and time zone.
import { plural, renderReply } from '@frontline/shared';
import type { Contract, Language, ReplyTemplate, SlaEvent } from '@frontline/shared';

export const STATUS_UPDATE_TEMPLATE_ID = 'status-update';

const WORDS = {
  en: {
    moved: (from: string, to: string) => `moved the ticket from “${from}” to “${to}”`,
    notes: (n: number) =>
      plural('en', n, { one: 'recorded # internal work note', other: 'recorded # internal work notes' }),
    customer: 'read your latest message',
    investigating: 'continued the investigation',
    next: (status: string | null) =>
      status ? `we continue working on it (now “${status}”)` : 'we continue working on it',
    colleagues: 'colleagues',
  },
  ru: {
    moved: (from: string, to: string) => `перевели заявку из «${from}» в «${to}»`,
    notes: (n: number) =>
      plural('ru', n, {
        one: 'записали # рабочую заметку',
        few: 'записали # рабочие заметки',
        many: 'записали # рабочих заметок',
        other: 'записали # рабочей заметки',
      }),
    customer: 'изучили ваше последнее сообщение',
    investigating: 'продолжили диагностику',
    next: (status: string | null) =>
      status ? `продолжаем работу (сейчас «${status}»)` : 'продолжаем работу',
    colleagues: 'коллеги',
  },
} as const;

/** What was done since `since`, from the history: status moves, internal notes, the customer's messages. */
export function doneSince(history: readonly SlaEvent[], since: Date, language: Language): string {
  const w = WORDS[language];
  const after = history.filter((e) => Date.parse(e.at) > since.getTime());
  const parts: string[] = [];
  for (const e of after) if (e.type === 'status') parts.push(w.moved(e.from, e.to));
  const notes = after.filter((e) => e.type === 'comment' && e.author === 'agent' && !e.public).length;
  if (notes > 0) parts.push(w.notes(notes));
  if (after.some((e) => e.type === 'comment' && e.author === 'customer')) parts.unshift(w.customer);
  return parts.length ? parts.join('; ') : w.investigating;
}

/** The checkpoint as the customer reads it: their language, their calendar's zone. */
export function checkpointText(at: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

/** The draft, or undefined when the library has no status-update template in the customer's language. */
export function draftStatusUpdate(input: {
  templates: readonly ReplyTemplate[];
  contract: Contract;
  issue: { key: string; status: string | null; customerName: string | null };
  history: readonly SlaEvent[];
  lastPublicUpdateAt: Date;
  checkpoint: Date;
  customerTimeZone: string;
  agentName: string;
}): { text: string; checkpoint: string } | undefined {
  const template = input.templates.find((t) => t.id === STATUS_UPDATE_TEMPLATE_ID);
  if (!template) return undefined;
  const { language, detail, register } = input.contract.communication;
  const checkpoint = checkpointText(input.checkpoint, input.customerTimeZone, language);
  const rendered = renderReply(template, {
    language,
    style: { detail, register },
    variables: {
      'reporter.name': input.issue.customerName ?? input.contract.customer.name ?? WORDS[language].colleagues,
      'issue.key': input.issue.key,
      'update.done': doneSince(input.history, input.lastPublicUpdateAt, language),
      'update.next': WORDS[language].next(input.issue.status),
      'update.checkpoint': checkpoint,
      'agent.name': input.agentName,
    },
  });
  return rendered.ok ? { text: rendered.value.text, checkpoint } : undefined;
}
