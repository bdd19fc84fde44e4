// Suggested assignees: engineers ranked by the sidecar when the panel asks — candidates best first
// with why, and who was left out and why — for an unassigned issue or, to reassign, an assigned one.
// Refresh ranks again with the current loads and absences. At night the engineer on duty leads; the
// others who are merely off now are still offered, marked with when they are back (the sidecar's
// `offNow` reason, worded in the viewer's language). One click assigns through the sidecar
// (as the coordinator where Forge gave it their token, and the panel says when it could only act
// as the app); the list is then fetched again so it shows the new assignee.
import { useRef, useState } from 'react';
import { router } from '@forge/bridge';
import { Button, Heading, Inline, Lozenge, SectionMessage, Spinner, Stack, Strong, Text } from '@forge/react';
import type { AssignedView, CandidateView, ResolverError, SuggestionsView } from '../../ui-contract';
import { callResolver } from '../call-resolver';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { useLoad } from '../use-load';

/** The reason code of an engineer who is off now and still suggested: its words say when they are back. */
const OFF_NOW = 'offNow';

type Outcome =
  | { kind: 'assigned'; name: string; actingAs: AssignedView['actingAs'] }
  | { kind: 'failed'; name: string; error: ResolverError };

/** The sidecar's reason for a refusal in the user's language (`details.reason`), else its message. */
function refusalText(error: ResolverError, pick: (text: { en: string; ru: string }) => string): string {
  const reason = (error.details as { reason?: { en?: unknown; ru?: unknown } } | undefined)?.reason;
  if (reason && typeof reason.en === 'string' && typeof reason.ru === 'string')
    return pick({ en: reason.en, ru: reason.ru });
  return error.message;
}

export function SuggestionsApp() {
  const { t, pick, when } = useTexts();
  const { answer, reload } = useLoad<SuggestionsView>('suggestions.load');
  const [assigning, setAssigning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A ref, not state: a second click in the same frame must already see the first one.
  const busy = useRef(false);

  const assign = async (candidate: CandidateView) => {
    if (busy.current) return;
    busy.current = true;
    setAssigning(candidate.accountId);
    setOutcome(null);
    const done = await callResolver<AssignedView>('suggestions.assign', { accountId: candidate.accountId });
    busy.current = false;
    setAssigning(null);
    setOutcome(
      done.ok
        ? { kind: 'assigned', name: candidate.name, actingAs: done.value.actingAs }
        : { kind: 'failed', name: candidate.name, error: done.error },
    );
    if (done.ok) reload();
  };

  const message = outcome ? (
    outcome.kind === 'assigned' ? (
      <SectionMessage appearance={outcome.actingAs === 'person' ? 'success' : 'warning'}>
        <Text>{t('suggestions.assigned', { name: outcome.name })}</Text>
        <Text>{outcome.actingAs === 'person' ? t('suggestions.asPerson') : t('suggestions.asApp')}</Text>
      </SectionMessage>
    ) : (
      <SectionMessage appearance="error" title={t('suggestions.notAssigned', { name: outcome.name })}>
        <Text>
          {outcome.error.code === 'unreachable'
            ? t('common.unreachable.body')
            : refusalText(outcome.error, pick)}
        </Text>
      </SectionMessage>
    )
  ) : null;

  if (!answer)
    return (
      <Stack space="space.100">
        {message}
        <Spinner label={t('suggestions.loading')} />
      </Stack>
    );
  if (!answer.ok) return <SidecarProblem error={answer.error} onRetry={reload} />;
  const view = answer.value;
  if (view.state === 'none')
    return (
      <SectionMessage appearance="information" title={t('suggestions.none.title')}>
        <Text>{t('suggestions.none.body')}</Text>
      </SectionMessage>
    );

  return (
    <Stack space="space.150">
      {message}
      {view.offHours ? (
        <SectionMessage appearance="information">
          <Text>{t('suggestions.offHours')}</Text>
        </SectionMessage>
      ) : null}
      {view.assigneeAccountId ? <Text>{t('suggestions.reassign')}</Text> : null}
      {view.candidates.length === 0 ? <Text>{t('suggestions.noCandidates')}</Text> : null}
      {view.candidates.map((c) => {
        const offNow = c.reasons.find((r) => r.code === OFF_NOW);
        return (
          <Stack key={c.accountId} space="space.050">
            <Inline space="space.100" alignBlock="center">
              <Text>
                <Strong>{`${c.rank}. ${c.name}`}</Strong>
              </Text>
              {c.onDuty ? <Lozenge appearance="new">{t('suggestions.onDuty')}</Lozenge> : null}
              {offNow ? <Lozenge appearance="default">{pick(offNow)}</Lozenge> : null}
              <Text>{t('suggestions.load', { load: c.load })}</Text>
            </Inline>
            {c.reasons
              .filter((r) => r !== offNow)
              .map((r) => (
                <Text key={r.code + r.en}>{pick(r)}</Text>
              ))}
            {view.assigneeAccountId === c.accountId ? (
              <Lozenge appearance="success">{t('suggestions.isAssignee')}</Lozenge>
            ) : (
              <Button
                appearance={c.rank === 1 ? 'primary' : 'default'}
                isDisabled={assigning !== null}
                onClick={() => void assign(c)}
              >
                {assigning === c.accountId
                  ? t('suggestions.assigning', { name: c.name })
                  : t('suggestions.assign', { name: c.name })}
              </Button>
            )}
          </Stack>
        );
      })}
      {view.candidatesTotal > view.candidates.length ? (
        <Text>{t('suggestions.more', { shown: view.candidates.length, total: view.candidatesTotal })}</Text>
      ) : null}
      {view.excluded.length ? (
        <Stack space="space.050">
          <Heading size="xxsmall">{t('suggestions.excluded')}</Heading>
          {view.excluded.map((e) => (
            <Text key={e.accountId}>{`${e.name}: ${e.reasons.map((r) => pick(r)).join('; ')}`}</Text>
          ))}
          {view.excludedTotal > view.excluded.length ? (
            <Text>{t('suggestions.more', { shown: view.excluded.length, total: view.excludedTotal })}</Text>
          ) : null}
        </Stack>
      ) : null}
      <Inline space="space.100" alignBlock="center">
        <Text>{t('suggestions.rankedAt', { at: when(view.rankedAt) })}</Text>
        <Button appearance="subtle" isDisabled={assigning !== null} onClick={reload}>
          {t('suggestions.refresh')}
        </Button>
      </Inline>
      <Button
        appearance="subtle"
        onClick={() => void router.navigate({ target: 'module', moduleKey: 'frontline-my-availability' })}
      >
        {t('suggestions.myAvailability')}
      </Button>
    </Stack>
  );
}
