// The Frontline admin page (Jira settings → Apps): every section of the settings document as a
// form, checked with the shared schemas as the admin types (problems shown beside the field), saved
// to the sidecar over Forge Remote; import/export of the whole document as JSON; whether the
// sidecar is reachable and which settings version is live.
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
import type { FieldProblem, ResolverError, SettingsView } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import type { Path } from './json-paths';
import { blankLike, dotted, orphanProblems, problemsAt, removeAt, setIn } from './json-paths';

type Doc = Record<string, unknown>;

export function SettingsApp({ validateDelayMs = 300 }: { validateDelayMs?: number }) {
  const { t } = useTexts();
  const [view, setView] = useState<SettingsView | null>(null);
  const [doc, setDoc] = useState<Doc>({});
  const [sections, setSections] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [importText, setImportText] = useState('');
  const saving = useRef(false);

  useEffect(() => {
    void callResolver<SettingsView>('settings.load').then((answer) => {
      if (!answer.ok) return setMessage({ kind: 'error', text: answer.error.message });
      setView(answer.value);
      setDoc(answer.value.document ?? {});
    });
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
          ].map((label) => (
            <Tab key={label}>{label}</Tab>
          ))}
        </TabList>
        {sections.map((section) => (
          <TabPanel key={section}>
            <Box padding="space.100">
              {section === 'schedules' ? <Text>{t('settings.help.schedules')}</Text> : null}
              <ValueEditor
                path={[section]}
                value={doc[section]}
                problems={problems}
                onEdit={edit}
                onRemove={remove}
              />
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
      </Tabs>
      <Button appearance="primary" isDisabled={!view.sidecar.reachable} onClick={() => void save()}>
        {t('settings.save')}
      </Button>
    </Stack>
  );
}

interface EditorProps {
  path: Path;
  value: unknown;
  problems: FieldProblem[];
  onEdit: (path: Path, value: unknown) => void;
  onRemove: (path: Path, index: number) => void;
}

/** A form for any JSON value: text and number fields, checkboxes, nested groups and lists. */
function ValueEditor({ path, value, problems, onEdit, onRemove }: EditorProps) {
  const { t } = useTexts();
  const id = dotted(path);
  const label = String(path[path.length - 1]);
  const here = problemsAt(problems, path);
  const errors = here.map((p) => <ErrorMessage key={p.message}>{p.message}</ErrorMessage>);

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
        <Button onClick={() => onEdit([...path, value.length], blankLike(value[value.length - 1] ?? ''))}>
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
            onEdit={onEdit}
            onRemove={onRemove}
          />
        ))}
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
