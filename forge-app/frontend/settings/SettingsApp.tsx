// The Frontline admin page (Jira settings → Apps): every section of the settings document as a
// form, checked with the shared schemas as the admin types (problems shown beside the field), saved
// to the sidecar over Forge Remote; import/export of the whole document as JSON; whether the
// sidecar is reachable and which settings version is live. "Add" builds blanks from the settings
// schema (items of empty lists, map entries such as a calendar, optional sections such as a
// channel); the Jira field ids are picked from the site's own fields; each channel has a test send;
// the history lists every version (who, when, what changed) and restores an earlier one.
import { useEffect, useRef, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  ErrorMessage,
  Heading,
  Inline,
  Label,
  Lozenge,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Tab,
  TabList,
  TabPanel,
  Tabs,
  Text,
  TextArea,
  Textfield,
} from '@forge/react';
import type {
  FieldProblem,
  ResolverError,
  SettingsVersionView,
  SettingsView,
  SiteFieldView,
} from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import type { Path } from './json-paths';
import { blankLike, dotted, orphanProblems, problemsAt, removeAt, setIn } from './json-paths';
import type { JsonSchema } from './schema-blank';
import { blankOf, isMap, missingFields, schemaAt } from './schema-blank';

/** The Jira field roles Frontline reads, and whether the settings require one. */
const FIELD_ROLES = [
  { role: 'organizations', required: true },
  { role: 'requestType', required: false },
  { role: 'customer', required: false },
  { role: 'parts', required: false },
] as const;
const CHANNELS = ['email', 'telegram', 'slack'] as const;

type Doc = Record<string, unknown>;

export function SettingsApp({ validateDelayMs = 300 }: { validateDelayMs?: number }) {
  const { t, when } = useTexts();
  const [view, setView] = useState<SettingsView | null>(null);
  const [doc, setDoc] = useState<Doc>({});
  const [sections, setSections] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [importText, setImportText] = useState('');
  const [schema, setSchema] = useState<JsonSchema>({});
  const [siteFields, setSiteFields] = useState<SiteFieldView[] | null>(null);
  const [history, setHistory] = useState<SettingsVersionView[] | null>(null);
  const [round, setRound] = useState(0);
  const [testRecipient, setTestRecipient] = useState('');
  const [channelTest, setChannelTest] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const saving = useRef(false);

  useEffect(() => {
    void callResolver<SettingsView>('settings.load').then((answer) => {
      if (!answer.ok) return setMessage({ kind: 'error', text: answer.error.message });
      setView(answer.value);
      setDoc(answer.value.document ?? {});
    });
    void callResolver<SettingsVersionView[]>('settings.versions').then(
      (answer) => answer.ok && setHistory(answer.value),
    );
  }, [round]);

  useEffect(() => {
    void callResolver<{ schema?: JsonSchema }>('settings.validate', { document: {}, withSchema: true }).then(
      (answer) => answer.ok && answer.value.schema && setSchema(answer.value.schema),
    );
    void callResolver<SiteFieldView[]>('settings.fields').then(
      (answer) => answer.ok && setSiteFields(answer.value),
    );
  }, []);

  // Re-check the whole document shortly after each edit.
  useEffect(() => {
    if (!view) return;
    const timer = setTimeout(() => {
      void callResolver<{ issues: FieldProblem[]; sections: string[] }>('settings.validate', {
        document: doc,
      }).then((answer) => {
        if (!answer.ok) return;
        setProblems(answer.value.issues);
        setSections(answer.value.sections);
      });
    }, validateDelayMs);
    return () => clearTimeout(timer);
  }, [doc, view, validateDelayMs]);

  const save = async () => {
    if (saving.current) return;
    saving.current = true;
    const answer = await callResolver<{ version: number }>('settings.save', {
      document: doc,
      ...(view?.version != null ? { baseVersion: view.version } : {}),
    });
    saving.current = false;
    if (answer.ok) {
      setView((v) => (v ? { ...v, version: answer.value.version } : v));
      return setMessage({
        kind: 'success',
        text: t('settings.saved', { version: answer.value.version }),
      });
    }
    showError(answer.error);
  };

  const restore = async (version: number) => {
    if (saving.current) return;
    saving.current = true;
    const answer = await callResolver<{ version: number }>('settings.restore', {
      version,
      ...(view?.version != null ? { baseVersion: view.version } : {}),
    });
    saving.current = false;
    if (!answer.ok) return showError(answer.error);
    setMessage({
      kind: 'success',
      text: t('settings.restored', { from: version, version: answer.value.version }),
    });
    setRound((r) => r + 1);
  };

  const testChannel = async (channel: string) => {
    setChannelTest(null);
    const answer = await callResolver<{ recipient: string }>('settings.testChannel', {
      channel,
      ...(testRecipient.trim() ? { recipient: testRecipient.trim() } : {}),
    });
    setChannelTest(
      answer.ok
        ? { kind: 'success', text: t('settings.testSent', { channel, recipient: answer.value.recipient }) }
        : {
            kind: 'error',
            text: t(`settings.testFailed.${answer.error.code}`, { channel, message: answer.error.message }),
          },
    );
  };

  const showError = (error: ResolverError) => {
    if (Array.isArray(error.details)) setProblems(error.details as FieldProblem[]);
    setMessage({ kind: 'error', text: error.message });
  };

  const importJson = () => {
    try {
      const parsed: unknown = JSON.parse(importText);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return setMessage({ kind: 'error', text: t('settings.importNotObject') });
      setDoc(parsed as Doc);
      setMessage({ kind: 'success', text: t('settings.imported') });
    } catch (error) {
      setMessage({ kind: 'error', text: t('settings.notJson', { error: String(error) }) });
    }
  };

  if (!view) return message ? <Text>{message.text}</Text> : <Spinner label={t('settings.loading')} />;
  const edit = (path: Path, value: unknown) => setDoc(setIn(doc, path, value) as Doc);
  const remove = (path: Path, index: number) => setDoc(removeAt(doc, path, index) as Doc);
  const countIn = (section: string) =>
    problems.filter((p) => p.path === section || p.path.startsWith(`${section}.`)).length;
  // Sections come from the sidecar's schema; one this page has no words for yet shows its own name.
  const sectionLabel = (section: string) => {
    const key = `settings.section.${section}`;
    const label = t(key);
    return label === key ? section : label;
  };

  return (
    <Stack space="space.200">
      <Heading size="medium">{t('modules.settings.title')}</Heading>
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={view.sidecar.reachable ? 'success' : 'removed'}>
          {view.sidecar.reachable ? t('settings.reachable') : t('settings.unreachable')}
        </Lozenge>
        <Text>
          {view.version === null
            ? t('settings.noVersion')
            : view.source === 'cache'
              ? t('settings.cached', { version: view.version, at: view.cachedAt ?? '' })
              : t('settings.live', { version: view.version })}
        </Text>
      </Inline>
      {!view.sidecar.reachable ? <Text>{view.sidecar.message}</Text> : null}
      {message ? (
        <SectionMessage appearance={message.kind === 'success' ? 'success' : 'error'}>
          <Text>{message.text}</Text>
        </SectionMessage>
      ) : null}
      <Tabs id="settings-sections">
        <TabList>
          {[
            ...sections.map((s) => (countIn(s) ? `${sectionLabel(s)} (${countIn(s)})` : sectionLabel(s))),
            t('settings.importExport'),
            // Once the sections are known, so the tabs appear together.
            ...(sections.length ? [t('settings.history.title')] : []),
          ].map((label) => (
            <Tab key={label}>{label}</Tab>
          ))}
        </TabList>
        {sections.map((section) => (
          <TabPanel key={section}>
            <Box padding="space.100">
              {section === 'schedules' ? <Text>{t('settings.help.schedules')}</Text> : null}
              {section === 'jiraFields' ? (
                <JiraFieldsEditor
                  value={(doc.jiraFields ?? {}) as Record<string, string | null | undefined>}
                  siteFields={siteFields}
                  problems={problems}
                  onEdit={edit}
                />
              ) : (
                <ValueEditor
                  path={[section]}
                  value={doc[section]}
                  problems={problems}
                  schema={schema}
                  onEdit={edit}
                  onRemove={remove}
                />
              )}
              {section === 'channels' ? (
                <Stack space="space.100">
                  <Label labelFor="test-recipient">{t('settings.testRecipient')}</Label>
                  <Textfield
                    id="test-recipient"
                    name="testRecipient"
                    value={testRecipient}
                    onChange={(e) => setTestRecipient(e.target.value)}
                  />
                  <Inline space="space.100">
                    {CHANNELS.filter((c) => {
                      const channels = doc.channels as Record<string, unknown> | undefined;
                      return channels?.[c] !== undefined;
                    }).map((c) => (
                      <Button key={c} onClick={() => void testChannel(c)}>
                        {t('settings.testChannel', { channel: c })}
                      </Button>
                    ))}
                  </Inline>
                  {channelTest ? (
                    <SectionMessage appearance={channelTest.kind}>
                      <Text>{channelTest.text}</Text>
                    </SectionMessage>
                  ) : null}
                </Stack>
              ) : null}
            </Box>
          </TabPanel>
        ))}
        <TabPanel>
          <Stack space="space.100">
            <Label labelFor="export">{t('settings.export')}</Label>
            <TextArea id="export" name="export" isReadOnly value={JSON.stringify(doc, null, 2)} />
            <Label labelFor="import">{t('settings.import')}</Label>
            <TextArea
              id="import"
              name="import"
              value={importText}
              onChange={(e) => setImportText(e.target.value)}
            />
            <Button onClick={importJson}>{t('settings.load')}</Button>
          </Stack>
        </TabPanel>
        {sections.length ? (
          <TabPanel>
            <Stack space="space.100">
              {history === null ? <Text>{t('settings.history.unavailable')}</Text> : null}
              {(history ?? []).map((v) => (
                <Stack key={v.version} space="space.050">
                  <Inline space="space.100" alignBlock="center">
                    <Text>
                      {[
                        t('settings.history.version', {
                          version: v.version,
                          at: when(v.createdAt),
                          actor: v.actor,
                        }),
                        ...(v.restoredFrom === null
                          ? []
                          : [t('settings.history.restoredFrom', { version: v.restoredFrom })]),
                      ].join(' · ')}
                    </Text>
                    {v.version === view.version ? (
                      <Lozenge appearance="success">{t('settings.history.live')}</Lozenge>
                    ) : (
                      <Button
                        appearance="subtle"
                        isDisabled={!view.sidecar.reachable}
                        onClick={() => void restore(v.version)}
                      >
                        {t('settings.history.restore', { version: v.version })}
                      </Button>
                    )}
                  </Inline>
                  <Text>
                    {v.changed.length === 0
                      ? t('settings.history.noChanges')
                      : v.changed
                          .slice(0, 8)
                          .map((c) => `${t(`settings.history.op.${c.op}`)} ${c.path}`)
                          .join('; ') +
                        (v.changed.length > 8
                          ? ` ${t('settings.history.more', { count: v.changed.length - 8 })}`
                          : '')}
                  </Text>
                </Stack>
              ))}
            </Stack>
          </TabPanel>
        ) : null}
      </Tabs>
      <Button appearance="primary" isDisabled={!view.sidecar.reachable} onClick={() => void save()}>
        {t('settings.save')}
      </Button>
    </Stack>
  );
}

/** The Jira field ids Frontline reads, each picked from the site's own fields. */
function JiraFieldsEditor({
  value,
  siteFields,
  problems,
  onEdit,
}: {
  value: Record<string, string | null | undefined>;
  siteFields: SiteFieldView[] | null;
  problems: FieldProblem[];
  onEdit: (path: Path, value: unknown) => void;
}) {
  const { t } = useTexts();
  if (siteFields === null) return <Text>{t('settings.fields.unavailable')}</Text>;
  const options = siteFields.map((f) => ({ label: `${f.name} (${f.id})`, value: f.id }));
  return (
    <Stack space="space.150">
      <Text>{t('settings.fields.help')}</Text>
      {FIELD_ROLES.map(({ role, required }) => {
        const id = `jiraFields.${role}`;
        const current = value[role];
        const here = problemsAt(problems, ['jiraFields', role]);
        const choices = required ? options : [{ label: t('settings.fields.none'), value: '' }, ...options];
        return (
          <Stack key={role} space="space.050">
            <Label labelFor={id}>{t(`settings.fields.role.${role}`)}</Label>
            <Select
              inputId={id}
              options={choices}
              value={
                choices.find((o) => o.value === (current ?? '')) ??
                (current
                  ? { label: t('settings.fields.notOnSite', { id: current }), value: current }
                  : undefined)
              }
              onChange={(o: { value: string }) =>
                onEdit(
                  ['jiraFields', role],
                  o.value !== '' ? o.value : role === 'requestType' ? null : undefined,
                )
              }
            />
            {here.map((p) => (
              <ErrorMessage key={p.message}>{p.message}</ErrorMessage>
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

interface EditorProps {
  path: Path;
  value: unknown;
  problems: FieldProblem[];
  /** The settings schema (JSON Schema): what "Add" puts in a list, a map or a missing section. */
  schema: JsonSchema;
  onEdit: (path: Path, value: unknown) => void;
  onRemove: (path: Path, index: number) => void;
}

/** A form for any JSON value: text and number fields, checkboxes, nested groups, lists and maps. */
function ValueEditor({ path, value, problems, schema, onEdit, onRemove }: EditorProps) {
  const { t } = useTexts();
  const [newKey, setNewKey] = useState('');
  const id = dotted(path);
  const label = String(path[path.length - 1]);
  const here = problemsAt(problems, path);
  const errors = here.map((p) => <ErrorMessage key={p.message}>{p.message}</ErrorMessage>);
  const own = schemaAt(schema, path);
  const blank = (at: Path, fallback: unknown) => {
    const s = schemaAt(schema, at);
    return s ? blankOf(schema, s) : fallback;
  };

  // An optional section or field not set yet (the duty rota, a channel): one button adds it.
  if (value === undefined && own && (own.type === 'object' || own.type === 'array' || own.properties))
    return (
      <Stack space="space.050">
        {errors}
        <Button onClick={() => onEdit(path, blankOf(schema, own))}>
          {t('settings.addSection', { label })}
        </Button>
      </Stack>
    );

  if (Array.isArray(value))
    return (
      <Stack space="space.100">
        <Heading size="xsmall">{label}</Heading>
        {errors}
        {value.map((item, i) => (
          <Box key={`${id}.${i}`} padding="space.100" backgroundColor="color.background.neutral">
            <Stack space="space.050">
              <ValueEditor
                path={[...path, i]}
                value={item}
                problems={problems}
                schema={schema}
                onEdit={onEdit}
                onRemove={onRemove}
              />
              <Button appearance="subtle" onClick={() => onRemove(path, i)}>
                {t('settings.remove', { label, n: i + 1 })}
              </Button>
            </Stack>
          </Box>
        ))}
        {orphanProblems(
          problems,
          path,
          value.map((_, i) => String(i)),
        ).map((p) => (
          <ErrorMessage key={p.path}>{`${p.path}: ${p.message}`}</ErrorMessage>
        ))}
        <Button
          onClick={() =>
            onEdit(
              [...path, value.length],
              value.length ? blankLike(value[value.length - 1]) : blank([...path, 0], ''),
            )
          }
        >
          {t('settings.add', { label })}
        </Button>
      </Stack>
    );
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return (
      <Stack space="space.100">
        {typeof path[path.length - 1] === 'string' && path.length > 1 ? (
          <Heading size="xsmall">{label}</Heading>
        ) : null}
        {errors}
        {entries.map(([key, v]) => (
          <ValueEditor
            key={key}
            path={[...path, key]}
            value={v}
            problems={problems}
            schema={schema}
            onEdit={onEdit}
            onRemove={onRemove}
          />
        ))}
        {isMap(schema, own) ? (
          <Inline space="space.100" alignBlock="end">
            <Stack space="space.050">
              <Label labelFor={`${id}.$newKey`}>{t('settings.newKey', { label })}</Label>
              <Textfield
                id={`${id}.$newKey`}
                name={`${id}.$newKey`}
                value={newKey}
                onChange={(e) => setNewKey(e.target.value)}
              />
            </Stack>
            <Button
              isDisabled={newKey.trim() === '' || Object.hasOwn(value, newKey.trim())}
              onClick={() => {
                onEdit([...path, newKey.trim()], blank([...path, newKey.trim()], ''));
                setNewKey('');
              }}
            >
              {t('settings.addEntry', { label })}
            </Button>
          </Inline>
        ) : (
          <Inline space="space.100" shouldWrap>
            {missingFields(schema, own, value).map((key) => (
              <Button
                key={key}
                appearance="subtle"
                onClick={() => onEdit([...path, key], blank([...path, key], ''))}
              >
                {t('settings.addSection', { label: key })}
              </Button>
            ))}
          </Inline>
        )}
        {orphanProblems(
          problems,
          path,
          entries.map(([k]) => k),
        ).map((p) => (
          <ErrorMessage key={p.path}>{`${p.path.slice(id.length + 1)}: ${p.message}`}</ErrorMessage>
        ))}
      </Stack>
    );
  }
  if (typeof value === 'boolean')
    return (
      <Stack space="space.050">
        <Checkbox
          name={id}
          label={label}
          isChecked={value}
          onChange={(e) => onEdit(path, Boolean(e.target.checked))}
        />
        {errors}
      </Stack>
    );
  return (
    <Stack space="space.050">
      <Label labelFor={id}>{label}</Label>
      <Textfield
        id={id}
        name={id}
        type={typeof value === 'number' ? 'number' : 'text'}
        value={value === undefined || value === null ? '' : String(value)}
        isInvalid={here.length > 0}
        onChange={(e) => {
          const text = e.target.value;
          onEdit(
            path,
            typeof value === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))
              ? Number(text)
              : text,
          );
        }}
      />
      {errors}
    </Stack>
  );
}
