// The Reply modal: search the library by name or tag, pick a template, see it filled in the
// customer's language and style, fill what is missing, edit freely while the glossary, tone and
// spelling findings follow the text, then post as a public reply or an internal note.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Heading,
  Inline,
  Label,
  Lozenge,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Text,
  TextArea,
  Textfield,
} from '@forge/react';
import type {
  GateBlockedDetails,
  PostedReply,
  ReplyDraft,
  ReplyFinding,
  ReplyLanguage,
  ReplySetup,
  ReplyStyleChoice,
  ResolverError,
  TemplateOption,
} from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';

// Language names are written in their own language, whatever the user's.
const LANGUAGE_OPTIONS = [
  { label: 'English', value: 'en' },
  { label: 'Русский', value: 'ru' },
];
const STYLE_VALUES = ['formal/brief', 'formal/detailed', 'informal/brief', 'informal/detailed'] as const;

/** Whether a template matches the search box (name in either language, or a tag). */
export function matchesSearch(template: TemplateOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const names = [template.name.en, template.name.ru].filter((n): n is string => Boolean(n));
  return [...names, ...template.tags].some((s) => s.toLowerCase().includes(q));
}

export function ReplyApp({ checkDelayMs = 300 }: { checkDelayMs?: number }) {
  const { t } = useTexts();
  const styleOptions = STYLE_VALUES.map((value) => ({
    label: t(`reply.style.${value.replace('/', '.')}`),
    value,
  }));
  const [setup, setSetup] = useState<ReplySetup | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [query, setQuery] = useState('');
  const [template, setTemplate] = useState<TemplateOption | null>(null);
  const [language, setLanguage] = useState<ReplyLanguage>('en');
  const [style, setStyle] = useState<ReplyStyleChoice>({ detail: 'brief', register: 'formal' });
  const [extra, setExtra] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState<ReplyDraft | null>(null);
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [findings, setFindings] = useState<ReplyFinding[]>([]);
  const [posted, setPosted] = useState<PostedReply | null>(null);
  // Findings the project's gate holds the reply back for, and the agent's reason to post anyway.
  const [blocked, setBlocked] = useState<ReplyFinding[] | null>(null);
  const [reason, setReason] = useState('');
  const posting = useRef(false);
  // Checks answer out of order while the agent types; only findings for the current text are shown.
  const currentText = useRef(text);
  currentText.current = text;

  useEffect(() => {
    void callResolver<ReplySetup>('reply.setup').then((answer) => {
      if (!answer.ok) return setError(answer.error);
      setSetup(answer.value);
      setLanguage(answer.value.language);
      setStyle(answer.value.style);
    });
  }, []);

  // A new template, language, style or filled-in value renders the draft again.
  useEffect(() => {
    if (!template) return;
    void callResolver<ReplyDraft>('reply.render', { templateId: template.id, language, style, extra }).then(
      (answer) => {
        if (!answer.ok) return setError(answer.error);
        setError(null);
        setDraft(answer.value);
        setText(answer.value.text);
        setInternal(answer.value.visibility === 'internal');
      },
    );
  }, [template, language, style, extra]);

  // Findings follow the text shortly after the agent stops typing.
  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => {
      void callResolver<ReplyFinding[]>('reply.check', { text, language, knownWords: draft.knownWords }).then(
        (answer) => answer.ok && currentText.current === text && setFindings(answer.value),
      );
    }, checkDelayMs);
    return () => clearTimeout(timer);
  }, [text, language, draft, checkDelayMs]);

  const visible = useMemo(
    () => (setup?.templates ?? []).filter((option) => matchesSearch(option, query)),
    [setup, query],
  );

  const replace = (finding: ReplyFinding, replacement: string) => {
    // The finding may be from an older text; only replace what is still there.
    if (text.slice(finding.start, finding.end) !== finding.text) return;
    edit(text.slice(0, finding.start) + replacement + text.slice(finding.end));
  };

  const post = async (overrideReason?: string) => {
    if (posting.current) return;
    posting.current = true;
    const answer = await callResolver<PostedReply>('reply.post', {
      text,
      internal,
      language,
      knownWords: draft?.knownWords ?? [],
      ...(overrideReason === undefined ? {} : { overrideReason }),
    });
    posting.current = false;
    if (!answer.ok) {
      if (answer.error.code === 'gateBlocked') {
        setError(null);
        return setBlocked((answer.error.details as GateBlockedDetails).findings);
      }
      return setError(answer.error);
    }
    setError(null);
    setBlocked(null);
    setPosted(answer.value);
  };

  const edit = (next: string) => {
    setText(next);
    setBlocked(null);
  };

  if (!setup && !error) return <Spinner label={t('reply.loading')} />;
  if (posted)
    return (
      <SectionMessage
        appearance="success"
        title={internal ? t('reply.done.internal') : t('reply.done.public')}
      >
        <Text>{t('reply.done.body')}</Text>
        {posted.overrideNote === 'failed' ? <Text>{t('reply.gate.noteFailed')}</Text> : null}
        {posted.overrideNote && posted.overrideNote !== 'failed' ? (
          <Text>{t('reply.gate.recorded')}</Text>
        ) : null}
      </SectionMessage>
    );
  return (
    <Stack space="space.200">
      {error ? (
        <SectionMessage appearance="error" title={t('reply.notDone')}>
          <Text>{error.message}</Text>
        </SectionMessage>
      ) : null}
      <Textfield
        name="search"
        placeholder={t('reply.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <Inline space="space.100" shouldWrap>
        {visible.map((option) => (
          <Button
            key={option.id}
            appearance={template?.id === option.id ? 'primary' : 'default'}
            onClick={() => setTemplate(option)}
          >
            {option.name[language] ?? option.name.en ?? option.name.ru ?? option.id}
          </Button>
        ))}
      </Inline>
      {visible.length === 0 ? <Text>{t('reply.noMatch', { query })}</Text> : null}
      {template && draft ? (
        <Stack space="space.150">
          <Heading size="small">{template.name[language] ?? template.id}</Heading>
          <Inline space="space.100">
            {template.tags.map((tag) => (
              <Lozenge key={tag}>{tag}</Lozenge>
            ))}
            {setup?.styleSource === 'contract' ? (
              <Lozenge appearance="success">{t('reply.customerStyle')}</Lozenge>
            ) : null}
          </Inline>
          <Inline space="space.200">
            <Select
              inputId="language"
              options={LANGUAGE_OPTIONS}
              value={LANGUAGE_OPTIONS.find((o) => o.value === language)}
              onChange={(o: { value: string }) => setLanguage(o.value as ReplyLanguage)}
            />
            <Select
              inputId="style"
              options={styleOptions}
              value={styleOptions.find((o) => o.value === `${style.register}/${style.detail}`)}
              onChange={(o: { value: string }) => {
                const [register, detail] = o.value.split('/') as [
                  ReplyStyleChoice['register'],
                  ReplyStyleChoice['detail'],
                ];
                setStyle({ register, detail });
              }}
            />
          </Inline>
          {draft.missing.length ? (
            <SectionMessage appearance="warning" title={t('reply.fillIn')}>
              {draft.missing.map((name) => (
                <Stack key={name} space="space.050">
                  <Label labelFor={`var-${name}`}>{name}</Label>
                  <Textfield
                    id={`var-${name}`}
                    name={name}
                    value={extra[name] ?? ''}
                    onChange={(e) => setExtra({ ...extra, [name]: e.target.value })}
                  />
                </Stack>
              ))}
            </SectionMessage>
          ) : null}
          {draft.subject ? <Text>{t('reply.subject', { subject: draft.subject })}</Text> : null}
          <TextArea name="reply" value={text} onChange={(e) => edit(e.target.value)} />
          {findings.map((f) => (
            <Inline key={`${f.kind}-${f.start}`} space="space.100" alignBlock="center">
              <Lozenge appearance={f.kind === 'spelling' ? 'default' : 'moved'}>{f.kind}</Lozenge>
              <Text>
                “{f.text}”: {f.message}
              </Text>
              {f.replacements.slice(0, 3).map((r) => (
                <Button key={r} appearance="subtle" onClick={() => replace(f, r)}>
                  {`→ ${r}`}
                </Button>
              ))}
            </Inline>
          ))}
          {setup?.gate === 'block' ? <Text>{t('reply.gate.active')}</Text> : null}
          {blocked ? (
            <SectionMessage appearance="warning" title={t('reply.gate.blocked')}>
              {blocked.map((f) => (
                <Text key={`${f.kind}-${f.start}`}>
                  {`“${f.text}” — ${t(`reply.kind.${f.kind}`)}: ${f.message}`}
                </Text>
              ))}
              <Label labelFor="override-reason">{t('reply.gate.reason')}</Label>
              <Textfield
                id="override-reason"
                name="overrideReason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button isDisabled={reason.trim().length < 3} onClick={() => void post(reason.trim())}>
                {t('reply.gate.postAnyway')}
              </Button>
            </SectionMessage>
          ) : null}
          <Checkbox
            name="internal"
            label={t('reply.internal')}
            isChecked={internal}
            onChange={(e) => setInternal(Boolean(e.target.checked))}
          />
          <Button appearance="primary" onClick={() => void post()}>
            {internal ? t('reply.addNote') : t('reply.post')}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}
