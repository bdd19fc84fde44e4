// Team week: engineers × days for the chosen team — absences (who entered them), duty shifts from
// the rota, current weighted load, whether each one is here today and tomorrow, and a link to each
// engineer's open tickets (JQL). Coordinators assign from this picture.
import { useEffect, useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  Inline,
  Link,
  Lozenge,
  Select,
  Spinner,
  Stack,
  Text,
  Label,
} from '@forge/react';
import type { ResolverAnswer } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { inUserLanguage } from '../availability/reasons';
import type { DayAvailability, TeamWeekView, WeekCellView } from '../availability/view';

const LOZENGE: Record<DayAvailability, 'success' | 'moved' | 'removed'> = {
  available: 'success',
  partly: 'moved',
  away: 'removed',
};

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function TeamWeekApp() {
  const { t, pick } = useTexts();
  const [query, setQuery] = useState<{ team?: string; week?: string }>({});
  const [answer, setAnswer] = useState<ResolverAnswer<TeamWeekView> | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setAnswer(null);
    void callResolver<TeamWeekView>('teamWeek.load', query).then((got) => {
      if (current) setAnswer(got);
    });
    return () => {
      current = false;
    };
  }, [query, round]);

  if (!answer) return <Spinner label={t('teamWeek.loading')} />;
  if (!answer.ok)
    return (
      <SidecarProblem error={inUserLanguage(answer.error, pick)} onRetry={() => setRound((r) => r + 1)} />
    );
  const view = answer.value;

  const cellText = (cell: WeekCellView) => {
    const parts = cell.absences.map((a) => {
      const hours = a.wholeDay ? '' : ` ${a.from}–${a.to}`;
      const by = a.enteredBy ? ` (${t('teamWeek.enteredBy', { name: a.enteredBy })})` : '';
      return `${t(`availability.kinds.${a.kind}`)}${hours}${by}`;
    });
    if (cell.dutyHours > 0) parts.push(t('teamWeek.duty', { hours: cell.dutyHours }));
    return parts.length ? parts.join('; ') : '·';
  };

  const head = {
    cells: [
      { key: 'engineer', content: t('teamWeek.engineer') },
      { key: 'today', content: t('teamWeek.today') },
      { key: 'tomorrow', content: t('teamWeek.tomorrow') },
      ...view.days.map((date, i) => ({
        key: date,
        content: `${t(`availability.weekdays.${i}`)} ${date.slice(8)}${date === view.today ? ' •' : ''}`,
      })),
      { key: 'load', content: t('teamWeek.load') },
      { key: 'tickets', content: t('teamWeek.tickets') },
    ],
  };
  const rows = view.rows.map((row) => ({
    key: row.accountId,
    cells: [
      {
        key: 'engineer',
        content: (
          <Stack space="space.025">
            <Text>{row.name}</Text>
            {row.confirmed ? null : <Lozenge>{t('teamWeek.notConfirmed')}</Lozenge>}
          </Stack>
        ),
      },
      {
        key: 'today',
        content: <Lozenge appearance={LOZENGE[row.today]}>{t(`teamWeek.${row.today}`)}</Lozenge>,
      },
      {
        key: 'tomorrow',
        content: <Lozenge appearance={LOZENGE[row.tomorrow]}>{t(`teamWeek.${row.tomorrow}`)}</Lozenge>,
      },
      ...row.days.map((cell) => ({ key: cell.date, content: <Text>{cellText(cell)}</Text> })),
      { key: 'load', content: <Text>{t('teamWeek.loadOf', { load: row.load, max: row.maxLoad })}</Text> },
      {
        key: 'tickets',
        content: (
          <Link href={`/issues/?jql=${encodeURIComponent(row.ticketsJql)}`} openNewTab>
            {t('teamWeek.openTickets')}
          </Link>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.200">
      <Heading size="medium">{t('teamWeek.title', { team: view.team })}</Heading>
      <Inline space="space.100" alignBlock="end">
        <Stack space="space.025">
          <Label labelFor="team-week-team">{t('teamWeek.team')}</Label>
          <Select
            id="team-week-team"
            options={view.teams.map((team) => ({ label: team, value: team }))}
            value={{ label: view.team, value: view.team }}
            onChange={(chosen: { value: string } | null) =>
              chosen && setQuery({ team: chosen.value, week: view.weekStart })
            }
          />
        </Stack>
        <Button onClick={() => setQuery({ team: view.team, week: addDays(view.weekStart, -7) })}>
          {t('teamWeek.previous')}
        </Button>
        <Button onClick={() => setQuery({ team: view.team, week: addDays(view.weekStart, 7) })}>
          {t('teamWeek.next')}
        </Button>
      </Inline>
      <Text>{t('teamWeek.weekOf', { date: view.weekStart })}</Text>
      {view.rows.length === 0 ? <Text>{t('teamWeek.empty')}</Text> : <DynamicTable head={head} rows={rows} />}
    </Stack>
  );
}
