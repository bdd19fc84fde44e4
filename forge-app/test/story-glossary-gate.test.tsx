// Story: a first-line engineer answers a customer in a project whose glossary gate holds. The reply
// with a forbidden term and a misspelling is refused by the Reply resolver (on the server, whatever
// the screen showed), each finding is named on the screen, and it goes out only with a reason, which
// is recorded with the comment (a comment property) and in an internal note for the other agents.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderUi } from './ui-harness';
import type { Ui } from './ui-harness';
import { createHunspellSpeller } from '@frontline/shared';
import type { JiraStandIn } from '../../sidecar/sandbox/index.js';
import { DEMO_CREDENTIALS, DEMO_CUSTOMERS, startJiraStandIn } from '../../sidecar/sandbox/index.js';
import { fakeSidecar, fetchJiraApi, testDeps } from './fakes';
import { issueContext, resolverHarness } from './resolver-harness';
import type { ResolverDeps } from '../resolvers/resolver-kit';
import { GATE_OVERRIDE_PROPERTY, replyResolvers } from '../resolvers/reply';
import type { Spellers } from '../resolvers/reply';

const { ReplyApp } = await import('../frontend/reply/ReplyApp');
const { Translated } = await import('../frontend/i18n');

const require = createRequire(import.meta.url);
const dictionary = dirname(require.resolve('dictionary-en'));
const spellers: Spellers = {
  en: createHunspellSpeller({
    aff: readFileSync(join(dictionary, 'index.aff'), 'utf8'),
    dic: readFileSync(join(dictionary, 'index.dic'), 'utf8'),
  }),
};

// SUP holds replies back; every other project only warns.
const SETTINGS = { replies: { gate: 'warn', projects: { SUP: { gate: 'block' } } } };
const reporter = DEMO_CUSTOMERS[1]!.contacts[0]!;

let jira: JiraStandIn;
beforeEach(async () => {
  jira = await startJiraStandIn({ seed: false });
});
afterEach(async () => {
  await jira.close();
});

/** A SUP ticket, the Reply resolvers over the stand-in, and every comment body the app sent. */
function desk(projectKey = 'SUP') {
  const issue = jira.state.createIssue({
    projectKey,
    issueTypeId: '10002',
    summary: 'Production planning database does not start',
    reporterId: reporter.accountId,
  });
  const deps: ResolverDeps = testDeps(fetchJiraApi(jira.url, DEMO_CREDENTIALS), fakeSidecar(SETTINGS));
  const sent: unknown[][] = [];
  const addComment = deps.jira.addComment;
  deps.jira = { ...deps.jira, addComment: (...args) => (sent.push(args), addComment(...args)) };
  const harness = resolverHarness((d) => replyResolvers(d, spellers), deps, issueContext(issue));
  return { issue, harness, sent };
}

async function draftWithProblems(ui: Ui) {
  await ui.waitFor((u) => u.findAll('Button').length > 1);
  await ui.press('Request for logs');
  await ui.waitFor((u) => u.findAll('Textfield').some((t) => t.props.name === 'logs.what'));
  const what = ui.findAll('Textfield').find((t) => t.props.name === 'logs.what')!;
  await ui.fire(what, 'onChange', { target: { value: 'the mobo event log' } });
  await ui.waitFor((u) => u.findAll('Textfield').some((t) => t.props.name === 'agent.name'));
  const agent = ui.findAll('Textfield').find((t) => t.props.name === 'agent.name')!;
  await ui.fire(agent, 'onChange', { target: { value: 'Olga Kuznetsova' } });
  await ui.waitFor((u) => String(u.findAll('TextArea')[0]?.props.value).includes('Olga Kuznetsova'));
  const text = String(ui.findAll('TextArea')[0]!.props.value);
  await ui.fire(ui.findAll('TextArea')[0]!, 'onChange', {
    target: { value: `${text}\nWe will recieve it today.` },
  });
}

describe('Story: the glossary gate holds a reply in SUP', () => {
  it('refuses the reply naming each finding, then posts it with the reason recorded', async () => {
    const { issue, harness, sent } = desk();
    const ui = await renderUi(<ReplyApp checkDelayMs={10} />, {
      invoke: (key, payload) => harness.call(key, payload),
    });
    await draftWithProblems(ui);
    expect(ui.text()).toContain('This project holds back replies with forbidden terms or misspellings.');

    await ui.press('Post reply');
    await ui.waitFor((u) => u.text().includes('Not posted: the glossary check found these'));
    expect(ui.text()).toContain('“mobo” — forbidden term');
    expect(ui.text()).toContain('“recieve” — misspelling');
    expect(jira.state.issue(issue.id)!.comments).toHaveLength(0);

    // No reason, no override.
    expect(ui.findAll('Button', 'Post anyway')[0]!.props.isDisabled).toBe(true);
    const reason = ui.findAll('Textfield').find((t) => t.props.name === 'overrideReason')!;
    await ui.fire(reason, 'onChange', { target: { value: 'Customer’s own term in their ticket' } });
    await ui.press('Post anyway, with this reason');
    await ui.waitFor((u) => u.text().includes('Reply posted'));
    expect(ui.text()).toContain('Your reason is recorded with the comment and in an internal note.');

    const [reply, note] = jira.state.issue(issue.id)!.comments;
    expect(reply?.public).toBe(true);
    expect(JSON.stringify(reply?.body)).toContain('mobo event log');
    expect(note?.public).toBe(false);
    const noteText = JSON.stringify(note?.body);
    expect(noteText).toContain('past the glossary check');
    expect(noteText).toContain('«mobo» (forbidden term)');
    expect(noteText).toContain('«recieve» (spelling)');
    expect(noteText).toContain('Reason: Customer’s own term in their ticket');
    // The reason travels with the reply itself as a comment property.
    const properties = sent[0]![3] as { key: string; value: { reason: string; findings: unknown[] } }[];
    expect(properties).toEqual([
      {
        key: GATE_OVERRIDE_PROPERTY,
        value: expect.objectContaining({
          reason: 'Customer’s own term in their ticket',
          accountId: 'coordinator-1',
          findings: [
            { kind: 'forbiddenTerm', text: 'mobo' },
            { kind: 'spelling', text: 'recieve' },
          ],
        }),
      },
    ]);
  });

  it('re-checks on the server: a direct call with a forbidden term is refused, a clean one posts', async () => {
    const { issue, harness } = desk();
    const refused = await harness.call('reply.post', {
      text: 'We replaced the mobo.',
      internal: false,
      language: 'en',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'gateBlocked', details: { findings: [{ kind: 'forbiddenTerm', text: 'mobo' }] } },
    });
    const tooShort = await harness.call('reply.post', {
      text: 'We replaced the mobo.',
      internal: false,
      overrideReason: ' ',
    });
    expect(tooShort).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(jira.state.issue(issue.id)!.comments).toHaveLength(0);
    // A stock phrase is advice, not an error: the gate lets it through.
    const clean = await harness.call('reply.post', {
      text: 'We replaced the system board. We apologize for any inconvenience caused.',
      internal: false,
    });
    expect(clean).toMatchObject({ ok: true, value: { overrideNote: null } });
    expect(jira.state.issue(issue.id)!.comments).toHaveLength(1);
  });

  it('only warns in a project whose gate is warn', async () => {
    const { issue, harness } = desk('HW');
    expect(await harness.call('reply.setup')).toMatchObject({ ok: true, value: { gate: 'warn' } });
    const posted = await harness.call('reply.post', { text: 'We replaced the mobo.', internal: false });
    expect(posted).toMatchObject({ ok: true, value: { overrideNote: null } });
    expect(jira.state.issue(issue.id)!.comments).toHaveLength(1);
  });

  it('speaks Russian to a Russian-speaking engineer', async () => {
    const { harness } = desk();
    const ui = await renderUi(
      <Translated>
        <ReplyApp checkDelayMs={10} />
      </Translated>,
      { invoke: (key, payload) => harness.call(key, payload), locale: 'ru-RU' },
    );
    await draftWithProblems(ui);
    await ui.press('Отправить ответ');
    await ui.waitFor((u) => u.text().includes('Не отправлено: проверка глоссария нашла вот что'));
    expect(ui.text()).toContain('“mobo” — запрещённый термин');
    expect(ui.findAll('Button', 'Всё равно отправить, с этой причиной')).toHaveLength(1);
  });
});
