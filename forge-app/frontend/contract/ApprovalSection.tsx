// The Contract panel's approval part, shown on a paid-work request: the latest request and its
// state, its audit (who, when, how), the form that sends an estimate to the customer's contact, and
// the form a service manager uses to record an answer given by phone or letter.
import { useState } from 'react';
import {
  Button,
  ErrorMessage,
  Heading,
  Inline,
  Label,
  List,
  ListItem,
  Lozenge,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Text,
  TextArea,
  Textfield,
} from '@forge/react';
import type { ResolverError } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { useLoad } from '../use-load';

/** One approval request as the sidecar lists it. */
export interface ApprovalView {
  id: string;
  state: 'awaiting' | 'approved' | 'declined' | 'expired' | 'withdrawn';
  estimate: { hours?: number; cost?: string; note?: string };
  contact: { email: string; name: string | null };
  requestedAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedVia: string | null;
  note: string | null;
  pausesResolution: boolean;
  audit: { at: string; action: string; actor: string; via: string; note: string | null }[];
}

const LOZENGE = {
  awaiting: 'inprogress',
  approved: 'success',
  declined: 'removed',
  expired: 'moved',
  withdrawn: 'default',
} as const;

export function ApprovalSection() {
  const { t, when } = useTexts();
  const { answer, reload } = useLoad<{ approvals: ApprovalView[] }>('approvals.load');
  if (!answer) return <Spinner label={t('approval.loading')} />;
  if (!answer.ok) return <SidecarProblem error={answer.error} onRetry={reload} />;
  const latest = answer.value.approvals[0];
  const canRequest = !latest || latest.state !== 'awaiting';
  return (
    <Stack space="space.150">
      <Heading size="xxsmall">{t('approval.title')}</Heading>
      {latest ? (
        <Stack space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Lozenge appearance={LOZENGE[latest.state]}>{t(`approval.state.${latest.state}`)}</Lozenge>
            <Text>{t('approval.sentTo', { contact: latest.contact.name ?? latest.contact.email })}</Text>
          </Inline>
          {latest.state === 'awaiting' ? (
            <Text>{t('approval.expires', { when: when(latest.expiresAt) })}</Text>
          ) : null}
          {latest.pausesResolution && latest.state === 'awaiting' ? (
            <Text>{t('approval.clockPaused')}</Text>
          ) : null}
          <Heading size="xxsmall">{t('approval.audit')}</Heading>
          <List type="unordered">
            {latest.audit.map((a) => (
              <ListItem key={`${a.at}-${a.action}`}>
                {t('approval.auditLine', {
                  when: when(a.at),
                  action: t(`approval.action.${a.action}`),
                  who: a.actor,
                  how: t(`approval.via.${a.via}`),
                })}
                {a.note ? ` — ${a.note}` : ''}
              </ListItem>
            ))}
          </List>
        </Stack>
      ) : (
        <Text>{t('approval.none')}</Text>
      )}
      {canRequest ? <RequestForm onDone={reload} /> : <RecordForm onDone={reload} />}
    </Stack>
  );
}

function Failure({ error }: { error: ResolverError | null }) {
  if (!error) return null;
  const details = Array.isArray(error.details)
    ? (error.details as { path?: string; message?: string }[]).map(
        (d) => `${d.path ?? ''}: ${d.message ?? ''}`,
      )
    : [];
  return (
    <SectionMessage appearance="error">
      <Text>{error.message}</Text>
      {details.map((d) => (
        <Text key={d}>{d}</Text>
      ))}
    </SectionMessage>
  );
}

/** A labelled text input (a text area when `multiline`), its value kept by the caller. */
function LabelledField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  type?: 'number' | 'email';
  placeholder?: string;
}) {
  const { id, name, label, value, onChange, multiline, type, placeholder } = props;
  const change = (e: { target: { value?: unknown } }) => onChange(String(e.target.value ?? ''));
  return (
    <>
      <Label labelFor={id}>{label}</Label>
      {multiline ? (
        <TextArea id={id} name={name} value={value} onChange={change} />
      ) : (
        <Textfield
          id={id}
          name={name}
          value={value}
          onChange={change}
          {...(type ? { type } : {})}
          {...(placeholder ? { placeholder } : {})}
        />
      )}
    </>
  );
}

function RequestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTexts();
  const [hours, setHours] = useState('');
  const [cost, setCost] = useState('');
  const [note, setNote] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    const estimate = {
      ...(hours.trim() ? { hours: Number(hours) } : {}),
      ...(cost.trim() ? { cost: cost.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const contact = { email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) };
    const got = await callResolver('approvals.request', { estimate, contact });
    setBusy(false);
    if (got.ok) onDone();
    else setError(got.error);
  };
  return (
    <Stack space="space.100">
      <Heading size="xxsmall">{t('approval.request.title')}</Heading>
      <LabelledField
        id="approval-hours"
        name="hours"
        label={t('approval.request.hours')}
        type="number"
        value={hours}
        onChange={setHours}
      />
      <LabelledField
        id="approval-cost"
        name="cost"
        label={t('approval.request.cost')}
        value={cost}
        onChange={setCost}
      />
      <LabelledField
        id="approval-note"
        name="note"
        label={t('approval.request.note')}
        multiline
        value={note}
        onChange={setNote}
      />
      <LabelledField
        id="approval-email"
        name="email"
        label={t('approval.request.email')}
        type="email"
        value={email}
        onChange={setEmail}
      />
      <LabelledField
        id="approval-name"
        name="name"
        label={t('approval.request.name')}
        value={name}
        onChange={setName}
      />
      <Failure error={error} />
      <Button appearance="primary" isDisabled={busy || !email.trim()} onClick={() => void send()}>
        {t('approval.request.send')}
      </Button>
    </Stack>
  );
}

function RecordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTexts();
  const [decision, setDecision] = useState<'approved' | 'declined'>('approved');
  const [via, setVia] = useState('phone');
  const [who, setWho] = useState('');
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const decisions = (['approved', 'declined'] as const).map((d) => ({
    label: t(`approval.state.${d}`),
    value: d,
  }));
  const channels = ['phone', 'letter', 'email', 'meeting'].map((v) => ({
    label: t(`approval.via.${v}`),
    value: v,
  }));
  const record = async () => {
    setBusy(true);
    setError(null);
    // Empty "when" means now; otherwise the time as typed (ISO 8601, e.g. 2027-01-12T10:30+03:00).
    const decidedAt = at.trim() ? at.trim() : new Date().toISOString();
    const got = await callResolver('approvals.record', {
      decision,
      via,
      decidedBy: who.trim(),
      decidedAt,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (got.ok) onDone();
    else setError(got.error);
  };
  return (
    <Stack space="space.100">
      <Heading size="xxsmall">{t('approval.record.title')}</Heading>
      <Label labelFor="record-decision">{t('approval.record.decision')}</Label>
      <Select
        inputId="record-decision"
        options={decisions}
        value={decisions.find((d) => d.value === decision) ?? null}
        onChange={(chosen: { value: 'approved' | 'declined' } | null) =>
          setDecision(chosen?.value ?? 'approved')
        }
      />
      <Label labelFor="record-via">{t('approval.record.via')}</Label>
      <Select
        inputId="record-via"
        options={channels}
        value={channels.find((c) => c.value === via) ?? null}
        onChange={(chosen: { value: string } | null) => setVia(chosen?.value ?? 'phone')}
      />
      <LabelledField
        id="record-who"
        name="who"
        label={t('approval.record.who')}
        value={who}
        onChange={setWho}
      />
      <LabelledField
        id="record-when"
        name="when"
        label={t('approval.record.when')}
        placeholder="2027-01-12T10:30+03:00"
        value={at}
        onChange={setAt}
      />
      <LabelledField
        id="record-note"
        name="note"
        label={t('approval.record.note')}
        multiline
        value={note}
        onChange={setNote}
      />
      {error ? <ErrorMessage>{t('approval.record.failed')}</ErrorMessage> : null}
      <Failure error={error} />
      <Button appearance="primary" isDisabled={busy || !who.trim()} onClick={() => void record()}>
        {t('approval.record.save')}
      </Button>
    </Stack>
  );
}
