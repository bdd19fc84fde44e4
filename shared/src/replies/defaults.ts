// The reply library a new installation starts with: the desk's most frequent messages, in English
// and Russian, each in four styles. Plain words, short lines (they are read on phones too), the
// facts first, and a promise of when the customer hears from us next.
import { ReplyLibrarySchema } from '../schemas/replies.js';
import type { ReplyTemplate, ReplyTemplateInput } from '../schemas/replies.js';

const requestLogs: ReplyTemplateInput = {
  id: 'request-logs',
  name: { en: 'Request for logs', ru: 'Запрос логов' },
  tags: ['logs', 'diagnostics'],
  variables: ['reporter.name', 'issue.key', 'logs.what', 'agent.name'],
  subject: { en: '{{issue.key}}: we need logs', ru: '{{issue.key}}: нужны логи' },
  bodies: {
    en: `{{#formal}}
Hello {{reporter.name}},
{{/formal}}
{{#informal}}
Hi {{reporter.name}},
{{/informal}}

To find the cause of {{issue.key}}, we need: {{logs.what}}.
{{#brief}}
Please attach them to this request.
{{/brief}}
{{#detailed}}
Please attach the files to this request or send them in reply to this message. If they are too large to attach, tell me and I will send you a link for uploading.

Once the logs arrive, I will go through them and write back with what I found.
{{/detailed}}

{{#formal}}
Kind regards,
{{/formal}}
{{#informal}}
Thanks,
{{/informal}}
{{agent.name}}`,
    ru: `{{#formal}}
Здравствуйте, {{reporter.name}}!
{{/formal}}
{{#informal}}
{{reporter.name}}, привет!
{{/informal}}

Чтобы найти причину по заявке {{issue.key}}, нам нужны логи: {{logs.what}}.
{{#brief}}
{{#formal}}Приложите{{/formal}}{{#informal}}Приложи{{/informal}} их, пожалуйста, к заявке.
{{/brief}}
{{#detailed}}
{{#formal}}Приложите{{/formal}}{{#informal}}Приложи{{/informal}} файлы к заявке или {{#formal}}пришлите{{/formal}}{{#informal}}пришли{{/informal}} ответом на это письмо. Если файлы слишком большие, {{#formal}}напишите{{/formal}}{{#informal}}напиши{{/informal}} мне, и я пришлю ссылку для загрузки.

Как только логи придут, я их посмотрю и напишу, что нашёл.
{{/detailed}}

{{#formal}}
С уважением,
{{/formal}}
{{#informal}}
Спасибо!
{{/informal}}
{{agent.name}}`,
  },
};

const partShipped: ReplyTemplateInput = {
  id: 'spare-part-shipped',
  name: { en: 'Spare part shipped', ru: 'Запчасть отправлена' },
  tags: ['spare parts', 'hardware'],
  variables: [
    'reporter.name',
    'issue.key',
    'part.name',
    'shipment.carrier',
    'shipment.trackingNumber',
    'shipment.eta',
    'agent.name',
  ],
  subject: { en: '{{issue.key}}: spare part shipped', ru: '{{issue.key}}: деталь отправлена' },
  bodies: {
    en: `{{#formal}}
Hello {{reporter.name}},
{{/formal}}
{{#informal}}
Hi {{reporter.name}},
{{/informal}}

The spare part for {{issue.key}} is on its way: {{part.name}}.
Expected: {{shipment.eta}}.
Tracking: {{shipment.trackingNumber}} ({{shipment.carrier}}).
{{#detailed}}

When it arrives, our engineer will call you to agree a time to install it. You do not need to unpack it; the engineer will check it on site.
{{/detailed}}

{{#formal}}
Kind regards,
{{/formal}}
{{#informal}}
Thanks,
{{/informal}}
{{agent.name}}`,
    ru: `{{#formal}}
Здравствуйте, {{reporter.name}}!
{{/formal}}
{{#informal}}
{{reporter.name}}, привет!
{{/informal}}

Деталь по заявке {{issue.key}} отправлена: {{part.name}}.
Ожидаемая доставка: {{shipment.eta}}.
Трек-номер: {{shipment.trackingNumber}} ({{shipment.carrier}}).
{{#detailed}}

Когда деталь придёт, наш инженер позвонит, чтобы договориться о времени установки. Распаковывать её не нужно: инженер проверит всё на месте.
{{/detailed}}

{{#formal}}
С уважением,
{{/formal}}
{{#informal}}
Спасибо!
{{/informal}}
{{agent.name}}`,
  },
};

const statusUpdate: ReplyTemplateInput = {
  id: 'status-update',
  name: { en: 'Regular status update', ru: 'Регулярный статус' },
  tags: ['status', 'long-running'],
  variables: ['reporter.name', 'issue.key', 'update.done', 'update.next', 'update.checkpoint', 'agent.name'],
  subject: { en: '{{issue.key}}: status update', ru: '{{issue.key}}: как идут дела' },
  bodies: {
    en: `{{#formal}}
Hello {{reporter.name}},
{{/formal}}
{{#informal}}
Hi {{reporter.name}},
{{/informal}}

{{#brief}}
Update on {{issue.key}}.
Done: {{update.done}}
Next: {{update.next}}
Next update: {{update.checkpoint}}
{{/brief}}
{{#detailed}}
Here is where we are with {{issue.key}}.

What we have done since the last update:
{{update.done}}

What we are doing next:
{{update.next}}

I will write again by {{update.checkpoint}}, even if there is no breakthrough by then. If anything changes on your side, just reply to this message.
{{/detailed}}

{{#formal}}
Kind regards,
{{/formal}}
{{#informal}}
Thanks,
{{/informal}}
{{agent.name}}`,
    ru: `{{#formal}}
Здравствуйте, {{reporter.name}}!
{{/formal}}
{{#informal}}
{{reporter.name}}, привет!
{{/informal}}

{{#brief}}
Статус по заявке {{issue.key}}.
Сделано: {{update.done}}
Дальше: {{update.next}}
Следующий статус: {{update.checkpoint}}
{{/brief}}
{{#detailed}}
Рассказываю, как идут дела по заявке {{issue.key}}.

Что сделано с прошлого раза:
{{update.done}}

Что делаем дальше:
{{update.next}}

Следующий раз напишу не позже, чем {{update.checkpoint}}, даже если к этому времени не будет прорыва. Если у {{#formal}}вас{{/formal}}{{#informal}}тебя{{/informal}} что-то изменится, просто {{#formal}}ответьте{{/formal}}{{#informal}}ответь{{/informal}} на это письмо.
{{/detailed}}

{{#formal}}
С уважением,
{{/formal}}
{{#informal}}
Спасибо!
{{/informal}}
{{agent.name}}`,
  },
};

const monthEndClose: ReplyTemplateInput = {
  id: 'month-end-close-ack',
  name: { en: 'Month-end close: request received', ru: 'Закрытие месяца: заявка принята' },
  tags: ['month-end close', 'accounting', 'priority'],
  variables: ['reporter.name', 'issue.key', 'close.deadline', 'serviceManager.name', 'agent.name'],
  subject: {
    en: '{{issue.key}}: on it, month-end close',
    ru: '{{issue.key}}: взяли в работу, закрытие месяца',
  },
  bodies: {
    en: `{{#formal}}
Hello {{reporter.name}},
{{/formal}}
{{#informal}}
Hi {{reporter.name}},
{{/informal}}

We have {{issue.key}} and are working on it now. It is part of your month-end close, so it goes first: we aim to finish before {{close.deadline}}.
{{#detailed}}

Our support day does not end until your close requests are solved. {{serviceManager.name}}, your service manager, is kept up to date.

We do not change documents in your accounting database ourselves, so the audit trail stays intact. If a document needs correcting, we will show your accountants exactly how.
{{/detailed}}

{{#formal}}
Kind regards,
{{/formal}}
{{#informal}}
Thanks,
{{/informal}}
{{agent.name}}`,
    ru: `{{#formal}}
Здравствуйте, {{reporter.name}}!
{{/formal}}
{{#informal}}
{{reporter.name}}, привет!
{{/informal}}

Заявка {{issue.key}} у нас, уже занимаемся. Она относится к закрытию месяца, поэтому идёт первой: планируем закончить до {{close.deadline}}.
{{#detailed}}

Наш рабочий день не закончится, пока заявки по закрытию не решены. {{serviceManager.name}}, {{#formal}}ваш{{/formal}}{{#informal}}твой{{/informal}} сервис-менеджер, в курсе.

Документы в {{#formal}}вашей{{/formal}}{{#informal}}твоей{{/informal}} учётной базе мы сами не исправляем, чтобы не потерять историю изменений. Если документ нужно поправить, мы покажем бухгалтерам, как именно.
{{/detailed}}

{{#formal}}
С уважением,
{{/formal}}
{{#informal}}
Спасибо!
{{/informal}}
{{agent.name}}`,
  },
};

/** The seed reply library (en and ru): logs request, spare part shipped, status update, month-end close. */
export const DEFAULT_REPLY_TEMPLATES: readonly ReplyTemplate[] = ReplyLibrarySchema.parse([
  requestLogs,
  partShipped,
  statusUpdate,
  monthEndClose,
]);
