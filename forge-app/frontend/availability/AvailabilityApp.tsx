// My availability: the coming weeks as a calendar of days, the engineer's own absences (added,
// changed, removed here), what their calendar feed and the settings add, and "confirm this week"
// (confirming with no absences counts, and stops the Monday reminder). A coordinator may open
// another engineer's page. Field-by-field refusals from the sidecar appear under the fields, in the
// user's language.
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  DatePicker,
  ErrorMessage,
  Heading,
  Inline,
  Lozenge,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Strong,
  Text,
  Textfield,
  Toggle,
  Label,
} from '@forge/react';
import type { ResolverAnswer } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { fieldProblems, inUserLanguage } from './reasons';
import { ABSENCE_KIND_CODES } from './view';
import type { AbsenceKindCode, EntryView, MyAvailabilityView } from './view';

interface Draft {
  id: string | null;
  kind: AbsenceKindCode;
  fromDate: string;
  toDate: string;
  partDay: boolean;
  fromTime: string;
  toTime: string;
  note: string;
}

const emptyDraft = (today: string): Draft => ({
  id: null,
  kind: 'dayOff',
  fromDate: today,
  toDate: today,
  partDay: false,
  fromTime: '09:00',
  toTime: '13:00',
  note: '',
});

const draftOf = (entry: EntryView): Draft => ({
  id: entry.id,
  kind: entry.kind,
  fromDate: entry.from.slice(0, 10),
  toDate: entry.to.slice(0, 10),
  partDay: !entry.wholeDays,
  fromTime: entry.wholeDays ? '09:00' : entry.from.slice(11, 16),
  toTime: entry.wholeDays ? '13:00' : entry.to.slice(11, 16),
  note: entry.note ?? '',
});

/** `YYYY-MM-DD` plus `n` days. */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whether an entry (bounds as written) touches the local date. */
const touches = (entry: { from: string; to: string }, date: string) =>
  entry.from.slice(0, 10) <= date && date <= entry.to.slice(0, 10);

type Problems = Record<string, string>;

export function AvailabilityApp() {
  const { t, when, pick } = useTexts();
  const [accountId, setAccountId] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState<ResolverAnswer<MyAvailabilityView> | null>(null);
  const [round, setRound] = useState(0);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<string | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    let current = true;
    void callResolver<MyAvailabilityView>('availability.load', accountId ? { accountId } : {}).then((got) => {
      if (current) setAnswer(got);
    });
    return () => {
      current = false;
    };
  }, [accountId, round]);
  const reload = () => setRound((r) => r + 1);

  if (!answer) return <Spinner label={t('availability.loading')} />;
  if (!answer.ok)
    return answer.error.code === 'notFound' ? (
      <SectionMessage appearance="information" title={t('availability.notEngineer.title')}>
        <Text>{t('availability.notEngineer.body')}</Text>
      </SectionMessage>
    ) : (
      <SidecarProblem error={inUserLanguage(answer.error, pick)} onRetry={reload} />
    );
  const view = answer.value;
  const kindName = (kind: AbsenceKindCode) => t(`availability.kinds.${kind}`);
  const forWhom = accountId ? { accountId } : {};

  const run = async (key: string, payload: Record<string, unknown>, done: string) => {
    if (busy.current) return false;
    busy.current = true;
    setNotice(null);
    const result = await callResolver<unknown>(key, payload);
    busy.current = false;
    if (!result.ok) {
      setProblems(fieldProblems(result.error, pick));
      return false;
    }
    setProblems({});
    setNotice(done);
    reload();
    return true;
  };

  const save = async (d: Draft) => {
    const entry = {
      kind: d.kind,
      from: d.partDay ? `${d.fromDate}T${d.fromTime}` : d.fromDate,
      to: d.partDay ? `${d.toDate}T${d.toTime}` : d.toDate,
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    };
    const saved = d.id
      ? await run('availability.change', { id: d.id, ...entry }, t('availability.saved'))
      : await run('availability.add', { ...forWhom, ...entry }, t('availability.saved'));
    if (saved) setDraft(null);
  };

  const allAbsences = [
    ...view.entries.map((e) => ({ kind: e.kind, from: e.from, to: e.to })),
    ...view.elsewhere.map((e) => ({ kind: e.kind, from: e.from, to: e.to })),
  ];

  return (
    <Stack space="space.200">
      <Heading size="medium">{t('availability.title')}</Heading>
      <Text>{t('availability.subtitle', { name: view.engineer.name, zone: view.engineer.timeZone })}</Text>
      {view.isCoordinator && view.engineers.length > 0 ? (
        <Stack space="space.050">
          <Label labelFor="availability-engineer">{t('availability.forWhom')}</Label>
          <Select
            id="availability-engineer"
            options={view.engineers.map((e) => ({ label: e.name, value: e.accountId }))}
            value={{ label: view.engineer.name, value: view.engineer.accountId }}
            onChange={(chosen: { value: string } | null) => {
              if (chosen) {
                setDraft(null);
                setAccountId(chosen.value);
              }
            }}
          />
        </Stack>
      ) : null}
      {notice ? (
        <SectionMessage appearance="success">
          <Text>{notice}</Text>
        </SectionMessage>
      ) : null}
      {problems.form && !draft ? (
        <SectionMessage appearance="error">
          <Text>{problems.form}</Text>
        </SectionMessage>
      ) : null}
      <FeedStatus view={view} />
      <FeedLink
        view={view}
        problem={problems.url}
        onLink={(url) =>
          void run('availability.linkFeed', { ...forWhom, url }, t('availability.feed.linked'))
        }
        onUnlink={() => void run('availability.unlinkFeed', forWhom, t('availability.feed.unlinked'))}
      />

      {view.weeks.map((week) => (
        <Stack key={week.weekStart} space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Strong>{t('availability.week', { date: week.weekStart })}</Strong>
            {week.confirmed ? (
              <Lozenge appearance="success">{t('availability.confirmed')}</Lozenge>
            ) : (
              <Button
                onClick={() =>
                  void run(
                    'availability.confirm',
                    { ...forWhom, weekStart: week.weekStart },
                    t('availability.confirmedNow', { date: week.weekStart }),
                  )
                }
              >
                {t('availability.confirm', { date: week.weekStart })}
              </Button>
            )}
          </Inline>
          <Inline space="space.100">
            {Array.from({ length: 7 }, (_, i) => addDays(week.weekStart, i)).map((date, i) => {
              const here = allAbsences.filter((a) => touches(a, date));
              return (
                <Stack key={date} space="space.025">
                  <Text>{`${t(`availability.weekdays.${i}`)} ${date.slice(8)}${date === view.today ? ' •' : ''}`}</Text>
                  {here.length ? (
                    here.map((a, n) => (
                      <Lozenge key={n} appearance="moved">
                        {kindName(a.kind)}
                      </Lozenge>
                    ))
                  ) : (
                    <Text>—</Text>
                  )}
                </Stack>
              );
            })}
          </Inline>
        </Stack>
      ))}

      <Heading size="small">{t('availability.entries')}</Heading>
      {view.entries.length === 0 ? <Text>{t('availability.noEntries')}</Text> : null}
      {view.entries.map((entry) => (
        <Inline key={entry.id} space="space.100" alignBlock="center">
          <Lozenge appearance="moved">{kindName(entry.kind)}</Lozenge>
          <Text>{entry.from === entry.to ? entry.from : `${entry.from} – ${entry.to}`}</Text>
          {entry.note ? <Text>{entry.note}</Text> : null}
          <Text>
            {t('availability.enteredBy', { name: entry.enteredBy.name, at: when(entry.enteredAt) })}
          </Text>
          <Button appearance="subtle" onClick={() => setDraft(draftOf(entry))}>
            {t('availability.edit')}
          </Button>
          <Button
            appearance="subtle"
            onClick={() => void run('availability.remove', { id: entry.id }, t('availability.removed'))}
          >
            {t('availability.remove')}
          </Button>
        </Inline>
      ))}
      {view.elsewhere.length ? (
        <Stack space="space.050">
          <Heading size="xsmall">{t('availability.elsewhere')}</Heading>
          {view.elsewhere.map((a, n) => (
            <Text key={n}>
              {`${kindName(a.kind)}: ${a.from === a.to ? a.from : `${a.from} – ${a.to}`} (${t(`availability.source.${a.source}`)})${a.note ? ` — ${a.note}` : ''}`}
            </Text>
          ))}
        </Stack>
      ) : null}

      {draft ? (
        <EntryForm
          draft={draft}
          problems={problems}
          onPatch={(patch) => setDraft((d) => (d ? { ...d, ...patch } : d))}
          onSave={() => void save(draft)}
          onCancel={() => {
            setDraft(null);
            setProblems({});
          }}
        />
      ) : (
        <Button appearance="primary" onClick={() => setDraft(emptyDraft(view.today))}>
          {t('availability.add')}
        </Button>
      )}
    </Stack>
  );
}

/** Link the engineer's own calendar ("secret address"): sent once, sealed by the sidecar, never shown back. */
function FeedLink(props: {
  view: MyAvailabilityView;
  problem: string | undefined;
  onLink: (url: string) => void;
  onUnlink: () => void;
}) {
  const { t, when } = useTexts();
  const [url, setUrl] = useState('');
  const link = props.view.feedLink;
  if (link)
    return (
      <Inline space="space.100" alignBlock="center">
        <Text>{t('availability.feed.linkedSince', { at: when(link.linkedAt), name: link.linkedBy })}</Text>
        <Button appearance="subtle" onClick={props.onUnlink}>
          {t('availability.feed.unlink')}
        </Button>
      </Inline>
    );
  return (
    <Stack space="space.050">
      <Label labelFor="availability-feed-url">{t('availability.feed.urlLabel')}</Label>
      <Inline space="space.100">
        <Textfield
          id="availability-feed-url"
          type="password"
          value={url}
          onChange={(e) => setUrl(String(e.target.value ?? ''))}
        />
        <Button isDisabled={url.trim() === ''} onClick={() => props.onLink(url.trim())}>
          {t('availability.feed.link')}
        </Button>
      </Inline>
      {props.problem ? <ErrorMessage>{props.problem}</ErrorMessage> : null}
    </Stack>
  );
}

function FeedStatus({ view }: { view: MyAvailabilityView }) {
  const { t, when } = useTexts();
  const feed = view.feed;
  if (!feed) return view.feedLink ? null : <Text>{t('availability.feed.none')}</Text>;
  return (
    <Stack space="space.050">
      {feed.lastReadAt ? (
        <Text>{t('availability.feed.read', { at: when(feed.lastReadAt), count: feed.absences ?? 0 })}</Text>
      ) : null}
      {feed.error ? (
        <SectionMessage appearance="warning" title={t('availability.feed.failedTitle')}>
          <Text>{t('availability.feed.failed', { at: when(feed.errorAt ?? ''), error: feed.error })}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}

function EntryForm(props: {
  draft: Draft;
  problems: Problems;
  onPatch: (patch: Partial<Draft>) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { t } = useTexts();
  const { draft, problems } = props;
  const set = props.onPatch;
  const problem = (field: string) =>
    problems[field] ? <ErrorMessage>{problems[field]}</ErrorMessage> : null;
  return (
    <Stack space="space.100">
      <Heading size="small">
        {draft.id ? t('availability.form.editTitle') : t('availability.form.addTitle')}
      </Heading>
      <Label labelFor="absence-kind">{t('availability.form.kind')}</Label>
      <Select
        id="absence-kind"
        options={ABSENCE_KIND_CODES.map((k) => ({ label: t(`availability.kinds.${k}`), value: k }))}
        value={{ label: t(`availability.kinds.${draft.kind}`), value: draft.kind }}
        onChange={(chosen: { value: AbsenceKindCode } | null) => chosen && set({ kind: chosen.value })}
      />
      {problem('kind')}
      <Label labelFor="absence-from">{t('availability.form.from')}</Label>
      <DatePicker
        id="absence-from"
        value={draft.fromDate}
        onChange={(date: string) => set({ fromDate: date ?? '' })}
      />
      {problem('from')}
      <Label labelFor="absence-to">{t('availability.form.to')}</Label>
      <DatePicker
        id="absence-to"
        value={draft.toDate}
        onChange={(date: string) => set({ toDate: date ?? '' })}
      />
      {problem('to')}
      <Inline space="space.100" alignBlock="center">
        <Toggle
          id="absence-part-day"
          isChecked={draft.partDay}
          onChange={() => set({ partDay: !draft.partDay })}
        />
        <Label labelFor="absence-part-day">{t('availability.form.partDay')}</Label>
      </Inline>
      {draft.partDay ? (
        <Inline space="space.100">
          <Stack space="space.025">
            <Label labelFor="absence-from-time">{t('availability.form.fromTime')}</Label>
            <Textfield
              id="absence-from-time"
              value={draft.fromTime}
              onChange={(e) => set({ fromTime: String(e.target.value ?? '') })}
            />
          </Stack>
          <Stack space="space.025">
            <Label labelFor="absence-to-time">{t('availability.form.toTime')}</Label>
            <Textfield
              id="absence-to-time"
              value={draft.toTime}
              onChange={(e) => set({ toTime: String(e.target.value ?? '') })}
            />
          </Stack>
        </Inline>
      ) : null}
      <Label labelFor="absence-note">{t('availability.form.note')}</Label>
      <Textfield
        id="absence-note"
        value={draft.note}
        onChange={(e) => set({ note: String(e.target.value ?? '') })}
      />
      {problem('note')}
      {problem('form')}
      <Inline space="space.100">
        <Button appearance="primary" onClick={props.onSave}>
          {t('availability.form.save')}
        </Button>
        <Button appearance="subtle" onClick={props.onCancel}>
          {t('availability.form.cancel')}
        </Button>
      </Inline>
    </Stack>
  );
}
