// The Reply modal and its resolvers against the Jira stand-in: search, fill, check, post.
import { renderUi } from '../../test/ui-harness';
import type { JiraStandIn } from '../../../sidecar/sandbox/index.js';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, startJiraStandIn } from '../../../sidecar/sandbox/index.js';
import { contractPanel, fakeSidecar, fetchJiraApi, testDeps } from '../../test/fakes';
import type { FakeSidecar } from '../../test/fakes';
import { issueContext, resolverHarness } from '../../test/resolver-harness';
import { replyResolvers } from '../../resolvers/reply';
import type { ReplyDraft, ReplyFinding } from '../../ui-contract';

const { ReplyApp, matchesSearch } = await import('./ReplyApp');

let jira: JiraStandIn;
let sidecar: FakeSidecar;
beforeEach(async () => {
  jira = await startJiraStandIn({ seed: false });
  sidecar = fakeSidecar({}); // no replyTemplates in the document: the default library applies
});
afterEach(async () => {
  await jira.close();
});

const reporter = DEMO_CUSTOMERS[1]!.contacts[0]!;

function setup() {
  const issue = jira.state.createIssue({
    projectKey: 'SUP',
    issueTypeId: '10002',
    summary: 'Production planning database does not start',
    reporterId: reporter.accountId,
  });
  const harness = resolverHarness(
    replyResolvers,
    testDeps(fetchJiraApi(jira.url, DEMO_CREDENTIALS), sidecar),
    issueContext(issue),
  );
  return { issue, harness };
}

describe('Reply resolvers', () => {
  it('fills a template from the issue and names the variables it cannot fill', async () => {
    const { issue, harness } = setup();
    const answer = await harness.call<ReplyDraft>('reply.render', {
      templateId: 'request-logs',
      language: 'en',
      style: { detail: 'brief', register: 'formal' },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.text).toContain(`Hello ${reporter.displayName}`);
    expect(answer.value.text).toContain(issue.key);
    expect(answer.value.missing).toContain('logs.what');
    expect(answer.value.text).toContain('[[logs.what?]]');
  });

  it('uses what the agent typed for a missing variable', async () => {
    const { harness } = setup();
    const answer = await harness.call<ReplyDraft>('reply.render', {
      templateId: 'request-logs',
      language: 'ru',
      style: { detail: 'brief', register: 'informal' },
      extra: { 'logs.what': 'журнал PostgreSQL за пятницу', 'agent.name': 'Ольга' },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.missing).toEqual([]);
    expect(answer.value.text).toContain('журнал PostgreSQL за пятницу');
  });

  it('finds glossary terms and stock phrases with their replacements', async () => {
    const { harness } = setup();
    const ru = await harness.call<ReplyFinding[]>('reply.check', {
      text: 'Заменили материнку.',
      language: 'ru',
    });
    expect(ru).toMatchObject({
      ok: true,
      value: [
        {
          kind: 'forbiddenTerm',
          text: 'материнку',
          replacements: expect.arrayContaining(['системную плату']),
        },
      ],
    });
    const en = await harness.call<ReplyFinding[]>('reply.check', {
      text: 'We apologize for any inconvenience caused.',
      language: 'en',
    });
    expect(en.ok && en.value.map((f) => f.kind)).toContain('stockPhrase');
  });

  it('posts an internal note as ADF and refuses a reply with unfilled variables', async () => {
    const { issue, harness } = setup();
    const refused = await harness.call('reply.post', {
      text: 'We need [[logs.what?]] from you.',
      internal: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'missingVariables' } });
    expect(jira.state.issue(issue.id)!.comments).toHaveLength(0);
    const posted = await harness.call('reply.post', { text: 'Line one\nLine two', internal: true });
    expect(posted.ok).toBe(true);
    const [comment] = jira.state.issue(issue.id)!.comments;
    expect(comment?.public).toBe(false);
    expect(comment?.body.type).toBe('doc');
    expect(JSON.stringify(comment?.body)).toContain('Line two');
  });
});

describe('Reply modal', () => {
  it('finds templates by name or tag', () => {
    const t = {
      id: 'x',
      name: { en: 'Request for logs', ru: 'Запрос логов' },
      tags: ['diagnostics'],
      languages: [],
      visibility: 'public' as const,
    };
    expect(matchesSearch(t, 'логов')).toBe(true);
    expect(matchesSearch(t, 'DIAG')).toBe(true);
    expect(matchesSearch(t, 'invoice')).toBe(false);
  });

  it('picks a template, asks for the missing value, applies a glossary fix and posts', async () => {
    const { issue, harness } = setup();
    const ui = await renderUi(<ReplyApp checkDelayMs={10} />, {
      invoke: (key, payload) => harness.call(key, payload),
    });
    await ui.waitFor((u) => u.findAll('Button').length > 1);
    await ui.fire(ui.findAll('Textfield')[0]!, 'onChange', { target: { value: 'logs' } });
    expect(ui.findAll('Button').map((b) => b.children[0]?.props.text)).toEqual(['Request for logs']);
    await ui.press('Request for logs');
    await ui.waitFor((u) => u.text().includes('Fill in what the issue does not say'));
    const field = ui.findAll('Textfield').find((t) => t.props.name === 'logs.what')!;
    await ui.fire(field, 'onChange', { target: { value: 'the mobo event log' } });
    await ui.waitFor(
      (u) => u.findAll('TextArea')[0]?.props.value?.toString().includes('the mobo event log') ?? false,
    );
    await ui.waitFor((u) => u.findAll('Textfield').some((t) => t.props.name === 'agent.name'));
    const agent = ui.findAll('Textfield').find((t) => t.props.name === 'agent.name')!;
    await ui.fire(agent, 'onChange', { target: { value: 'Olga Kuznetsova' } });
    await ui.waitFor((u) => u.findAll('Lozenge', 'forbiddenTerm').length === 1);
    await ui.press('→ system board');
    await ui.waitFor((u) =>
      String(u.findAll('TextArea')[0]?.props.value).includes('the system board event log'),
    );
    await ui.press('Post reply');
    await ui.waitFor((u) => u.text().includes('Reply posted'));
    const [comment] = jira.state.issue(issue.id)!.comments;
    expect(comment?.public).toBe(true);
    expect(JSON.stringify(comment?.body)).toContain('the system board event log');
  });
});

describe('Reply modal in Russian', () => {
  it("labels the modal in the user's language", async () => {
    const { harness } = setup();
    const { Translated } = await import('../i18n');
    const ui = await renderUi(
      <Translated>
        <ReplyApp checkDelayMs={10} />
      </Translated>,
      { invoke: (key, payload) => harness.call(key, payload), locale: 'ru-RU' },
    );
    await ui.waitFor((u) => u.findAll('Button').length > 1);
    expect(ui.findAll('Textfield')[0]!.props.placeholder).toBe('Поиск шаблонов по названию или тегу');
    await ui.press('Request for logs');
    await ui.waitFor((u) => u.text().includes('Заполните то, чего нет в заявке'));
    expect(ui.findAll('Button', 'Отправить ответ')).toHaveLength(1);
  });
});

describe('Reply with the customer contract', () => {
  const panel = contractPanel({ detail: 'brief', register: 'informal', language: 'ru' });

  it("opens in the customer's language and style from the contract", async () => {
    sidecar.contractPanel = panel;
    const { harness } = setup();
    const answer = await harness.call('reply.setup');
    expect(answer).toMatchObject({
      ok: true,
      value: { language: 'ru', style: { detail: 'brief', register: 'informal' }, styleSource: 'contract' },
    });
  });

  it('falls back to formal English when no contract is known', async () => {
    const { harness } = setup();
    const answer = await harness.call('reply.setup');
    expect(answer).toMatchObject({ ok: true, value: { language: 'en', styleSource: 'default' } });
  });
});
