// The dashboard gadget: headline figures of the service report for a chosen period (four weeks, a
// quarter, a year) and, optionally, one project.
import { useEffect, useState } from 'react';
import { DynamicTable, Heading, Label, Select, Spinner, Stack, Textfield } from '@forge/react';
import type { ReportHeadline } from '@frontline/shared';
import type { ResolverAnswer } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { daysBefore } from '../report/figures';

export function GadgetApp({ today }: { today?: string }) {
  const { t } = useTexts();
  const day = today ?? new Date().toISOString().slice(0, 10);
  const [project, setProject] = useState('');
  const [days, setDays] = useState<'28' | '91' | '365'>('28');
  const [answer, setAnswer] = useState<ResolverAnswer<{ headline: ReportHeadline }> | null>(null);
  useEffect(() => {
    let current = true;
    setAnswer(null);
    void callResolver<{ headline: ReportHeadline }>('gadget.load', {
      from: daysBefore(day, Number(days) - 1),
      to: day,
      ...(project ? { project } : {}),
    }).then((got) => current && setAnswer(got));
    return () => {
      current = false;
    };
  }, [day, project, days]);
  if (!answer) return <Spinner label={t('report.loading')} />;
  if (!answer.ok) return <SidecarProblem error={answer.error} onRetry={() => setProject((p) => p)} />;
  const h = answer.value.headline;
  const d = (m: number | null) =>
    m === null ? '—' : t('report.duration', { h: Math.floor(Math.round(m) / 60), m: Math.round(m) % 60 });
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
  const rows: [string, string][] = [
    [t('report.gadget.tickets'), String(h.tickets)],
    [t('report.measure.firstResponse'), d(h.firstResponseMedian)],
    [t('report.measure.assign'), d(h.assignMedian)],
    [t('report.measure.resolution'), d(h.resolutionMedian)],
    [t('report.gadget.slaHit'), pct(h.slaHitRate)],
    [t('report.gadget.partsOnTime'), pct(h.partsOnTimeRate)],
  ];
  return (
    <Stack space="space.150">
      <Heading size="small">{t('report.title')}</Heading>
      <Label labelFor="gadget-period">{t('report.filters.period')}</Label>
      <Select
        inputId="gadget-period"
        options={(['28', '91', '365'] as const).map((p) => ({ value: p, label: t(`report.period.${p}`) }))}
        value={{ value: days, label: t(`report.period.${days}`) }}
        onChange={(c: { value: '28' | '91' | '365' } | null) => c && setDays(c.value)}
      />
      <Label labelFor="gadget-project">{t('report.filters.project')}</Label>
      <Textfield
        id="gadget-project"
        value={project}
        onChange={(e) =>
          setProject(
            String(e.target.value ?? '')
              .trim()
              .toUpperCase(),
          )
        }
      />
      <DynamicTable
        rows={rows.map(([k, v]) => ({
          key: k,
          cells: [
            { key: 'k', content: k },
            { key: 'v', content: v },
          ],
        }))}
      />
    </Stack>
  );
}
