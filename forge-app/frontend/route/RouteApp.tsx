// The Route modal: the presets that apply to this issue, one button each. One click routes; while
// Jira's bulk move runs the modal shows its progress; the result names the new key, or what failed.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  CheckboxGroup,
  Heading,
  Inline,
  Lozenge,
  ProgressBar,
  SectionMessage,
  Spinner,
  Stack,
  Text,
} from '@forge/react';
import type { PresetOption, ResolverError, RouteView } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';

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
      const answer = await callResolver<RouteView>('route.execute', {
        presetId: preset.id,
        ...(preset.parts ? { parts: parts[preset.id] ?? [] } : {}),
      });
      routing.current = false;
      setScreen(
        answer.ok ? { kind: 'view', view: answer.value } : { kind: 'error', error: answer.error, presets },
      );
    },
    [parts, presets],
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
              <Text>{screen.error.message}</Text>
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
            </Stack>
          ))}
        </Stack>
      );
  }
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
        <Text>{view.message}</Text>
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
          {view.warnings.map((w) => (
            <Text key={w}>{w}</Text>
          ))}
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
