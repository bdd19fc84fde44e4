// The Temperature glance: the score fetched fresh from the sidecar on open, its band, and
// what each factor (SLA time used, priority, tier, special period, silence) added and why.
import { Badge, Button, Heading, Inline, Lozenge, Spinner, Stack, Text } from '@forge/react';
import type { TemperatureBandName, TemperatureView } from '../../ui-contract';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { useLoad } from '../use-load';

/** Lozenge colours from cold (blue) to critical (bold red). */
export const BAND_APPEARANCE: Record<
  TemperatureBandName,
  { appearance: 'inprogress' | 'moved' | 'removed'; isBold: boolean }
> = {
  cold: { appearance: 'inprogress', isBold: false },
  warm: { appearance: 'moved', isBold: false },
  hot: { appearance: 'removed', isBold: false },
  critical: { appearance: 'removed', isBold: true },
};

export function TemperatureApp() {
  const { t, pick, when } = useTexts();
  const { answer, reload } = useLoad<TemperatureView>('temperature.load');
  if (!answer) return <Spinner label={t('temperature.loading')} />;
  if (!answer.ok) return <SidecarProblem error={answer.error} onRetry={reload} />;
  const view = answer.value;
  const band = BAND_APPEARANCE[view.band];
  return (
    <Stack space="space.150">
      <Inline space="space.100" alignBlock="center">
        <Heading size="large">{String(view.score)}</Heading>
        <Lozenge appearance={band.appearance} isBold={band.isBold}>
          {t(`temperature.band.${view.band}`)}
        </Lozenge>
      </Inline>
      <Text>
        {t('temperature.thresholds', {
          warm: view.bands.warm,
          hot: view.bands.hot,
          critical: view.bands.critical,
        })}
      </Text>
      <Heading size="xsmall">{t('temperature.why')}</Heading>
      {view.factors.map((f) => (
        <Stack key={f.factor} space="space.025">
          <Inline space="space.100" alignBlock="center">
            <Badge appearance={f.points > 0 ? 'important' : 'default'}>{signed(f.points)}</Badge>
            <Text>{t(`temperature.factor.${f.factor}`)}</Text>
          </Inline>
          <Text>{pick(f.reason)}</Text>
        </Stack>
      ))}
      {view.customer ? <Text>{t('temperature.customer', { name: view.customer.name })}</Text> : null}
      <Inline space="space.100" alignBlock="center">
        <Text>{t('temperature.computedAt', { at: when(view.computedAt) })}</Text>
        <Button appearance="subtle" onClick={reload}>
          {t('common.refresh')}
        </Button>
      </Inline>
    </Stack>
  );
}

const signed = (points: number) => (points > 0 ? `+${points}` : String(points));
