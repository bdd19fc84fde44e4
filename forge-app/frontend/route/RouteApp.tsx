// The Route modal: the presets that apply to this issue, one button each. One click routes; while
// Jira's bulk move runs the modal shows its progress; the result names the new key, or what failed.
// Where the target needs fields routing could not fill, the preset gets one input per field and the
// next click sends what was typed.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  CheckboxGroup,
  DatePicker,
  ErrorMessage,
  Heading,
  HelperMessage,
  Inline,
  Label,
  Lozenge,
  ProgressBar,
  RequiredAsterisk,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import type {
  EnteredValue,
  MissingTargetField,
  PresetOption,
  ResolverError,
  RouteNote,
  RouteView,
} from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';

/** A field to ask for; `rejected` when the last click sent a value for it that the target refused. */
type AskedField = MissingTargetField & { input: NonNullable<MissingTargetField['input']>; rejected: boolean };
type Entered = Record<string, EnteredValue>;

type Screen =
  | { kind: 'loading' }
  | { kind: 'choose'; presets: PresetOption[] }
  | { kind: 'routing'; presetId: string }
  | { kind: 'view'; view: RouteView }
  | { kind: 'error'; error: ResolverError; presets: PresetOption[] };

export function RouteApp({ pollMs = 1500 }: { pollMs?: number }) {
  const { t } = useTexts();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [presets, setPresets] = useState<PresetOption[]>([]);
  const [parts, setParts] = useState<Record<string, string[]>>({});
  const [asked, setAsked] = useState<Record<string, AskedField[]>>({});
  const [entered, setEntered] = useState<Record<string, Entered>>({});
  // A ref, not state: a second click in the same render frame must already see the first one.
  const routing = useRef(false);

  useEffect(() => {
    void callResolver<{ presets: PresetOption[]; current: RouteView | null }>('route.presets').then(
      (answer) => {
        if (!answer.ok) return setScreen({ kind: 'error', error: answer.error, presets: [] });
        setPresets(answer.value.presets);
        setParts(Object.fromEntries(answer.value.presets.map((p) => [p.id, p.parts?.suggested ?? []])));
        const current = answer.value.current;
        setScreen(
          current && current.state !== 'failed'
            ? { kind: 'view', view: current }
            : { kind: 'choose', presets: answer.value.presets },
        );
      },
    );
  }, []);

  // While Jira moves the issue, ask for progress until the task ends.
  useEffect(() => {
    if (screen.kind !== 'view' || screen.view.state !== 'moving') return;
    const timer = setTimeout(() => {
      void callResolver<RouteView | null>('route.progress').then((answer) => {
        if (!answer.ok) return setScreen({ kind: 'error', error: answer.error, presets });
        if (answer.value) setScreen({ kind: 'view', view: answer.value });
      });
    }, pollMs);
    return () => clearTimeout(timer);
  }, [screen, pollMs, presets]);

  const route = useCallback(
    async (preset: PresetOption) => {
      if (routing.current) return;
      routing.current = true;
      setScreen({ kind: 'routing', presetId: preset.id });
      const typed = typedValues(asked[preset.id] ?? [], entered[preset.id] ?? {});
      const answer = await callResolver<RouteView>('route.execute', {
        presetId: preset.id,
        ...(preset.parts ? { parts: parts[preset.id] ?? [] } : {}),
        ...(Object.keys(typed).length ? { entered: typed } : {}),
      });
      routing.current = false;
      const toAsk = answer.ok ? undefined : fieldsToAsk(answer.error, typed);
      // Any other failure (Jira busy or refusing) keeps the inputs and what was typed in them.
      if (toAsk) setAsked((prev) => ({ ...prev, [preset.id]: toAsk }));
      setScreen(
        answer.ok ? { kind: 'view', view: answer.value } : { kind: 'error', error: answer.error, presets },
      );
    },
    [asked, entered, parts, presets],
  );

  switch (screen.kind) {
    case 'loading':
      return <Spinner label={t('route.loading')} />;
    case 'routing':
      return (
        <Stack space="space.100">
          <Text>{t('route.routing')}</Text>
          <ProgressBar ariaLabel={t('route.routing')} isIndeterminate />
        </Stack>
      );
    case 'view':
      return <RouteResult view={screen.view} presets={presets} />;
    case 'error':
    case 'choose':
      return (
        <Stack space="space.200">
          {screen.kind === 'error' ? (
            <SectionMessage appearance="error" title={t('route.notRouted')}>
              <Text>{errorText(t, screen.error)}</Text>
            </SectionMessage>
          ) : null}
          {presets.length === 0 && screen.kind === 'choose' ? (
            <SectionMessage appearance="information" title={t('route.noPreset.title')}>
              <Text>{t('route.noPreset.body')}</Text>
            </SectionMessage>
          ) : null}
          {presets.map((preset) => (
            <Stack key={preset.id} space="space.050">
              <Inline space="space.100" alignBlock="center">
                <Button appearance="primary" onClick={() => void route(preset)}>
                  {preset.name}
                </Button>
                <Lozenge appearance={preset.method === 'move' ? 'inprogress' : 'new'}>
                  {t(preset.method === 'move' ? 'route.movesTo' : 'route.newTicketIn', {
                    project: preset.targetProject,
                  })}
                </Lozenge>
              </Inline>
              {preset.description ? <Text>{preset.description}</Text> : null}
              {preset.parts ? (
                <CheckboxGroup
                  name={`parts-${preset.id}`}
                  options={preset.parts.options.map((p) => ({ label: p, value: p }))}
                  value={parts[preset.id] ?? []}
                  onChange={(value: string[]) => setParts((prev) => ({ ...prev, [preset.id]: value }))}
                />
              ) : null}
              {asked[preset.id]?.length ? (
                <Stack space="space.100">
                  <Text>{t('route.fillIn', { project: preset.targetProject, name: preset.name })}</Text>
                  {asked[preset.id]!.map((field) => (
                    <FieldInput
                      key={field.fieldId}
                      id={`entered-${preset.id}-${field.fieldId}`}
                      field={field}
                      value={entered[preset.id]?.[field.fieldId]}
                      onChange={(value) =>
                        setEntered((prev) => ({
                          ...prev,
                          [preset.id]: { ...prev[preset.id], [field.fieldId]: value },
                        }))
                      }
                    />
                  ))}
                </Stack>
              ) : null}
            </Stack>
          ))}
        </Stack>
      );
  }
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * A note in the user's language (`<family>.<code>` filled with its values). A route recorded before
 * notes had codes kept plain text, which is shown as it was.
 */
function noteText(t: Translate, family: string, note: RouteNote | string): string {
  if (typeof note === 'string') return note;
  const key = `${family}.${note.code}`;
  const text = t(key, note.params);
  return text === key ? Object.values(note.params).join(' — ') : text;
}

/** A resolver's refusal in the user's language when the screen has words for its code. */
function errorText(t: Translate, error: ResolverError): string {
  if (!error.params) return error.message;
  const key = `route.error.${error.code}`;
  const text = t(key, error.params);
  return text === key ? error.message : text;
}

/**
 * The fields a plan that could not be built asks a person to fill (the rest stay named in the error
 * message); undefined when the failure was about something else.
 */
function fieldsToAsk(error: ResolverError, sent: Entered): AskedField[] | undefined {
  const details = error.details as { fields?: MissingTargetField[] } | undefined;
  if (error.code !== 'missingRequiredFields' && error.code !== 'invalidFieldValues') return undefined;
  return (details?.fields ?? []).flatMap((field) =>
    field.input ? [{ ...field, input: field.input, rejected: sent[field.fieldId] !== undefined }] : [],
  );
}

/** What to send: the non-blank values typed for the fields currently asked for. */
function typedValues(fields: AskedField[], typed: Entered): Entered {
  return Object.fromEntries(
    fields.flatMap((field) => {
      const value = typed[field.fieldId];
      const blank = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
      return blank ? [] : [[field.fieldId, value]];
    }),
  );
}

/** One missing target field: its name, the input its type calls for, and why it is needed. */
function FieldInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: AskedField;
  value: EnteredValue | undefined;
  onChange: (value: EnteredValue) => void;
}) {
  const { t } = useTexts();
  const text = typeof value === 'string' ? value : '';
  const input = field.input;
  let control;
  if (input.kind === 'select' || input.kind === 'multiselect') {
    const picked = [value ?? []].flat();
    control = (
      <Select
        inputId={id}
        isMulti={input.kind === 'multiselect'}
        placeholder={t('route.pickValue')}
        options={input.options}
        value={
          input.kind === 'multiselect'
            ? input.options.filter((o) => picked.includes(o.value))
            : (input.options.find((o) => o.value === text) ?? null)
        }
        onChange={(chosen: { value: string } | { value: string }[] | null) =>
          onChange(Array.isArray(chosen) ? chosen.map((o) => o.value) : (chosen?.value ?? ''))
        }
      />
    );
  } else if (input.kind === 'date') {
    control = <DatePicker id={id} name={id} value={text} onChange={(date: string) => onChange(date ?? '')} />;
  } else {
    control = (
      <Textfield
        id={id}
        name={id}
        type={input.kind === 'number' ? 'number' : 'text'}
        value={text}
        onChange={(e) => onChange(String(e.target.value ?? ''))}
      />
    );
  }
  return (
    <Stack space="space.050">
      <Label labelFor={id}>
        {field.name}
        <RequiredAsterisk />
      </Label>
      {control}
      {field.rejected ? <ErrorMessage>{field.why}</ErrorMessage> : <HelperMessage>{field.why}</HelperMessage>}
    </Stack>
  );
}

function RouteResult({ view, presets }: { view: RouteView; presets: PresetOption[] }) {
  const { t } = useTexts();
  const name = presets.find((p) => p.id === view.presetId)?.name ?? view.presetId;
  if (view.state === 'moving')
    return (
      <Stack space="space.100">
        <Heading size="small">{name}</Heading>
        <Text>{t('route.moving', { percent: view.percent })}</Text>
        <ProgressBar ariaLabel={t('route.moveProgress')} value={view.percent / 100} />
      </Stack>
    );
  if (view.state === 'failed')
    return (
      <SectionMessage appearance="error" title={t('route.presetNotRouted', { name })}>
        <Text>{view.note ? noteText(t, 'route.error', view.note) : view.message}</Text>
        {view.failures.map((f) => (
          <Text key={f.issue}>
            {f.issue}: {f.messages.join('; ')}
          </Text>
        ))}
      </SectionMessage>
    );
  return (
    <Stack space="space.100">
      <SectionMessage appearance="success" title={t('route.presetDone', { name })}>
        <Text>
          {t(view.method === 'move' ? 'route.movedTo' : 'route.clonedFrom', {
            source: view.sourceKey,
            target: view.targetKey,
          })}
        </Text>
      </SectionMessage>
      {view.warnings.length ? (
        <SectionMessage appearance="warning" title={t('route.checkThese')}>
          {view.warnings.map((w, i) => (
            <Text key={i}>{noteText(t, 'route.warning', w)}</Text>
          ))}
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
