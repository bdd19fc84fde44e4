// The Contract panel: for the issue's customer, every contract with its SLA terms, special periods
// (the active one highlighted with what it changes), who is responsible for what, how the customer
// wants to hear from us, the dedicated service manager, links into the master system, and the
// verdict for this request — covered, or paid work that needs the customer's approval first.
import {
  Box,
  Em,
  Heading,
  Inline,
  Link,
  List,
  ListItem,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Strong,
  Text,
} from '@forge/react';
import type { ContractCardView, ContractPanelView, PeriodCardView } from '../../ui-contract';
import type { Texts } from '../i18n';
import { useTexts } from '../i18n';
import { SidecarProblem } from '../sidecar-problem';
import { useLoad } from '../use-load';
import { ApprovalSection } from './ApprovalSection';

export function ContractApp() {
  const { t, pick } = useTexts();
  const { answer, reload } = useLoad<ContractPanelView>('contracts.load');
  if (!answer) return <Spinner label={t('contract.loading')} />;
  if (!answer.ok) return <SidecarProblem error={answer.error} onRetry={reload} />;
  const panel = answer.value;
  if (panel.state !== 'matched')
    return (
      <SectionMessage appearance="information" title={t(`contract.empty.${panel.state}`)}>
        <Text>{pick(panel.message)}</Text>
      </SectionMessage>
    );
  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Heading size="small">{panel.customer.name}</Heading>
        <Text>{t('contract.matchedBy', { how: t(`contract.matchedHow.${panel.customer.matchedBy}`) })}</Text>
      </Inline>
      {panel.contracts.map((contract) => (
        <ContractCard key={contract.id} contract={contract} />
      ))}
    </Stack>
  );
}

function ContractCard({ contract }: { contract: ContractCardView }) {
  const texts = useTexts();
  const { t } = texts;
  return (
    <Box
      padding="space.150"
      backgroundColor={contract.appliesToThisRequest ? 'color.background.neutral' : undefined}
    >
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Heading size="xsmall">{`${contract.number} — ${contract.title}`}</Heading>
          {contract.appliesToThisRequest ? (
            <Lozenge appearance="success">{t('contract.appliesHere')}</Lozenge>
          ) : null}
        </Inline>
        <Text>
          {t('contract.summary', {
            line: contract.lineOfBusiness,
            tier: contract.tier,
            from: contract.validity.from,
            to: contract.validity.to ?? t('contract.openEnded'),
          })}
        </Text>
        <Verdict contract={contract} />
        {contract.appliesToThisRequest && contract.verdict.verdict === 'paidWork' ? (
          <ApprovalSection />
        ) : null}
        <SlaTerms contract={contract} texts={texts} />
        <ServiceTargets targets={contract.serviceTargets} texts={texts} />
        <Periods periods={contract.periods} />
        <Zones zones={contract.responsibilityZones} />
        <Communication contract={contract} />
        <Stack space="space.050">
          <Heading size="xxsmall">{t('contract.manager.title')}</Heading>
          <Text>
            {contract.serviceManager.email
              ? `${contract.serviceManager.name} · ${contract.serviceManager.email}`
              : contract.serviceManager.name}
          </Text>
          <Text>{t('contract.manager.timeZone', { zone: contract.serviceManager.timeZone })}</Text>
        </Stack>
        <Stack space="space.050">
          <Heading size="xxsmall">{t('contract.links.title')}</Heading>
          <Link href={contract.masterSystem.contractUrl} openNewTab>
            {t('contract.links.contract', { number: contract.number })}
          </Link>
          {contract.masterSystem.configurationItems.map((ci) => (
            <Link key={ci.id} href={ci.url} openNewTab>
              {`${ci.name} (${ci.id})`}
            </Link>
          ))}
        </Stack>
      </Stack>
    </Box>
  );
}

function Verdict({ contract }: { contract: ContractCardView }) {
  const { t, pick } = useTexts();
  const { verdict } = contract;
  if (verdict.verdict === 'covered')
    return (
      <SectionMessage appearance="success" title={t('contract.verdict.covered')}>
        <Text>{pick(verdict.reason)}</Text>
      </SectionMessage>
    );
  if (verdict.verdict === 'paidWork')
    return (
      <SectionMessage appearance="warning" title={t('contract.verdict.paidWork')}>
        <Text>
          <Strong>{t('contract.verdict.approvalFirst')}</Strong>
        </Text>
        <Text>{pick(verdict.reason)}</Text>
        {verdict.paidWork ? (
          <Text>
            {verdict.paidWork.rate
              ? `${verdict.paidWork.description} · ${verdict.paidWork.rate}`
              : verdict.paidWork.description}
          </Text>
        ) : null}
      </SectionMessage>
    );
  return (
    <SectionMessage appearance="error" title={t('contract.verdict.outsideValidity')}>
      <Text>{pick(verdict.reason)}</Text>
    </SectionMessage>
  );
}

/** 30 → "30 min", 240 → "4 h", 90 → "1 h 30 min", 2880 → "48 h" (SLA targets read in hours). */
export function formatMinutes(minutes: number, t: Texts['t']): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('units.minutes', { n: rest });
  return rest === 0
    ? t('units.hours', { n: hours })
    : `${t('units.hours', { n: hours })} ${t('units.minutes', { n: rest })}`;
}

function SlaTerms({ contract, texts }: { contract: ContractCardView; texts: Texts }) {
  const { t } = texts;
  const { sla } = contract;
  return (
    <Stack space="space.050">
      <Heading size="xxsmall">{t('contract.sla.title')}</Heading>
      {!sla ? (
        <Text>{t('contract.sla.none')}</Text>
      ) : (
        <>
          <Text>
            {t('contract.sla.policy', {
              name: sla.name,
              calendar: sla.calendarId,
              zone: sla.timeZone ?? '—',
            })}
          </Text>
          {Object.entries(sla.targets).map(([target, byPriority]) => (
            <Text key={target}>
              {`${t(`contract.sla.target.${target}`)}: ${Object.entries(byPriority)
                .map(([priority, minutes]) => `${t(`priority.${priority}`)} ${formatMinutes(minutes, t)}`)
                .join(', ')}`}
            </Text>
          ))}
          {sla.pauseStatuses.length ? (
            <Text>{t('contract.sla.pauses', { statuses: sla.pauseStatuses.join(', ') })}</Text>
          ) : null}
        </>
      )}
    </Stack>
  );
}

const PRIORITY_ORDER = ['highest', 'high', 'medium', 'low', 'lowest'];

/** The work-start targets per priority and the parts delivery; a desk default is marked as such. */
function ServiceTargets({ targets, texts }: { targets: ContractCardView['serviceTargets']; texts: Texts }) {
  const { t, locale } = texts;
  const marked = (text: string, source: 'contract' | 'default') =>
    source === 'default' ? `${text} (${t('contract.targets.default')})` : text;
  const workStart = PRIORITY_ORDER.flatMap((priority) => {
    const target = targets.workStart[priority];
    return target
      ? [marked(`${t(`priority.${priority}`)} ${formatMinutes(target.minutes, t)}`, target.source)]
      : [];
  });
  const n = targets.partsDelivery.businessDays;
  const days = t(`contract.targets.days.${new Intl.PluralRules(locale).select(n)}`, { n });
  return (
    <Stack space="space.050">
      <Heading size="xxsmall">{t('contract.targets.title')}</Heading>
      <Text>{t('contract.targets.workStart', { list: workStart.join(', ') })}</Text>
      <Text>{t('contract.targets.parts', { days: marked(days, targets.partsDelivery.source) })}</Text>
      <Text>
        <Em>{t('contract.targets.note')}</Em>
      </Text>
    </Stack>
  );
}

function Periods({ periods }: { periods: PeriodCardView[] }) {
  const { t, pick } = useTexts();
  if (periods.length === 0) return null;
  return (
    <Stack space="space.050">
      <Heading size="xxsmall">{t('contract.periods.title')}</Heading>
      {periods.map((period) => {
        const when =
          'lastBusinessDaysOfMonth' in period.schedule
            ? t('contract.periods.lastDays', { n: period.schedule.lastBusinessDaysOfMonth })
            : t('contract.periods.range', { from: period.schedule.from, to: period.schedule.to });
        const body = (
          <Stack space="space.025">
            <Inline space="space.100" alignBlock="center">
              <Text>
                <Strong>{period.name}</Strong>
              </Text>
              {period.active ? (
                <Lozenge appearance="moved" isBold>
                  {t('contract.periods.activeNow')}
                </Lozenge>
              ) : null}
            </Inline>
            <Text>{when}</Text>
            <Text>{pick(period.summary)}</Text>
          </Stack>
        );
        return period.active ? (
          <Box key={period.name} padding="space.100" backgroundColor="color.background.warning">
            {body}
          </Box>
        ) : (
          <Box key={period.name}>{body}</Box>
        );
      })}
    </Stack>
  );
}

function Zones({ zones }: { zones: ContractCardView['responsibilityZones'] }) {
  const { t } = useTexts();
  const list = (items: string[]) =>
    items.length ? (
      <List type="unordered">
        {items.map((item) => (
          <ListItem key={item}>{item}</ListItem>
        ))}
      </List>
    ) : (
      <Text>{t('contract.zones.none')}</Text>
    );
  return (
    <Stack space="space.050">
      <Heading size="xxsmall">{t('contract.zones.ours')}</Heading>
      {list(zones.ours)}
      <Heading size="xxsmall">{t('contract.zones.customers')}</Heading>
      {list(zones.customers)}
    </Stack>
  );
}

function Communication({ contract }: { contract: ContractCardView }) {
  const { t } = useTexts();
  const c = contract.communication;
  return (
    <Stack space="space.050">
      <Heading size="xxsmall">{t('contract.communication.title')}</Heading>
      <Text>
        {t('contract.communication.summary', {
          channel: t(`contract.channel.${c.channel}`),
          language: t(`language.${c.language}`),
          detail: t(`contract.detail.${c.detail}`),
          register: t(`contract.register.${c.register}`),
        })}
      </Text>
      {c.statusMeetings ? (
        <Text>
          {t('contract.communication.meetings', {
            cadence: t(`contract.cadence.${c.statusMeetings.cadence}`),
          })}
          {c.statusMeetings.note ? ` — ${c.statusMeetings.note}` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}
