// The Contract panel through UI Kit's reconciler, fed the sidecar's own panel for the demo world.
import { fakeSidecar } from '../../test/fakes';
import type { FakeSidecar } from '../../test/fakes';
import { contractPanelAnswer } from '../../test/issue-view-fixtures';
import { openIssueView, type IssueViewOptions } from '../../test/issue-view-screen';
import type { ForgeNode } from '../../test/ui-harness';
import { textOf } from '../../test/ui-harness';

const { ContractApp, formatMinutes } = await import('./ContractApp');

let sidecar: FakeSidecar;
beforeEach(() => {
  sidecar = fakeSidecar({});
});

const open = (locale = 'en-US', invoke?: IssueViewOptions['invoke']) =>
  openIssueView(<ContractApp />, sidecar, { locale, invoke });

type Card = {
  number: string;
  verdict: { verdict: string; reason: { en: string; ru: string } };
  periods: { name: string; active: boolean; summary: { en: string; ru: string } }[];
  responsibilityZones: { ours: string[]; customers: string[] };
  serviceManager: { name: string };
  masterSystem: { contractUrl: string; configurationItems: { url: string }[] };
};

describe('Contract panel', () => {
  it('shows a spinner while loading', async () => {
    const ui = await open('en-US', () => new Promise(() => undefined));
    await ui.waitFor((u) => u.findAll('Spinner').length === 1);
    expect(ui.findAll('Spinner')[0]!.props.label).toBe("Loading the customer's contracts");
  });

  it('shows each contract: verdict, SLA terms, the active period highlighted, zones, manager and links', async () => {
    const panel = contractPanelAnswer();
    sidecar.contractPanel = panel;
    const [main, scanners] = panel.contracts as Card[];
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('TransLogistic'));

    // The verdicts: covered for the 1C contract, paid work needing approval under the scanners one.
    expect(ui.findAll('SectionMessage', 'Covered by the contract')[0]!.props.appearance).toBe('success');
    const paid = ui.findAll('SectionMessage', 'Paid work')[0]!;
    expect(paid.props.appearance).toBe('warning');
    expect(textOf(paid)).toContain("Get the customer's approval before starting the work.");
    expect(textOf(paid)).toContain(scanners!.verdict.reason.en);
    expect(textOf(paid)).toContain('Configuring new scanners');

    // The month-end close is on today: it sits in a highlighted box with what it changes.
    const active = main!.periods.find((p) => p.active)!;
    const highlighted = ui
      .findAll('Box')
      .filter((b) => b.props.backgroundColor === 'color.background.warning');
    expect(highlighted.map(textOf).join(' ')).toContain(active.name);
    expect(highlighted.map(textOf).join(' ')).toContain(active.summary.en);
    expect(highlighted.map(textOf).join(' ')).toContain('active now');

    expect(ui.text()).toContain('First response:');
    for (const line of [...main!.responsibilityZones.ours, ...main!.responsibilityZones.customers])
      expect(ui.text()).toContain(line);
    expect(ui.text()).toContain(main!.serviceManager.name);
    const links = ui.findAll('Link').map((l: ForgeNode) => l.props.href);
    expect(links).toEqual(
      expect.arrayContaining([
        main!.masterSystem.contractUrl,
        scanners!.masterSystem.contractUrl,
        scanners!.masterSystem.configurationItems[0]!.url,
      ]),
    );
  });

  it('in Russian: headings from the translations, verdict reasons and periods in Russian', async () => {
    const panel = contractPanelAnswer();
    sidecar.contractPanel = panel;
    const [main] = panel.contracts as Card[];
    const ui = await open('ru-RU');
    await ui.waitFor((u) => u.text().includes('Покрывается договором'));
    expect(ui.text()).toContain(main!.verdict.reason.ru);
    expect(ui.text()).toContain(main!.periods.find((p) => p.active)!.summary.ru);
    expect(ui.text()).toContain('Согласуйте работу с клиентом до её начала.');
    expect(ui.text()).not.toContain('Covered by the contract');
  });

  it('shows the contract’s work-start and parts delivery targets, marking the desk defaults', async () => {
    // The demo 1C contract names highest/high/medium start targets and 3 business days for parts.
    sidecar.contractPanel = contractPanelAnswer();
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('Service targets'));
    expect(ui.text()).toContain(
      'Start of work after assignment: Highest 1 h, High 2 h, Medium 8 h, Low 8 h (default), Lowest 16 h (default)',
    );
    expect(ui.text()).toContain('Spare parts delivery: 3 business days');
    expect(ui.text()).not.toContain('3 business days (default)');
  });

  it('in Russian: the targets with Russian plurals of business days', async () => {
    const panel = contractPanelAnswer();
    const cards = panel.contracts as { serviceTargets: { partsDelivery: unknown } }[];
    // A second contract silent on parts (the default of 2) and a third promising 5 days.
    cards[1]!.serviceTargets.partsDelivery = { businessDays: 2, source: 'default' };
    cards.push({
      ...cards[1]!,
      id: 'TL-2027-HW',
      serviceTargets: { ...cards[1]!.serviceTargets, partsDelivery: { businessDays: 5, source: 'contract' } },
    } as never);
    sidecar.contractPanel = panel;
    const ui = await open('ru-RU');
    await ui.waitFor((u) => u.text().includes('Сроки по договору'));
    expect(ui.text()).toContain(
      'Начало работ после назначения: Наивысший 1 ч, Высокий 2 ч, Средний 8 ч, Низкий 8 ч (по умолчанию), Самый низкий 16 ч (по умолчанию)',
    );
    expect(ui.text()).toContain('Поставка запчастей: 3 рабочих дня');
    expect(ui.text()).toContain('Поставка запчастей: 2 рабочих дня (по умолчанию)');
    expect(ui.text()).toContain('Поставка запчастей: 5 рабочих дней');
  });

  it('says plainly when no contract matches the request', async () => {
    const panel = contractPanelAnswer(undefined, ['999']);
    sidecar.contractPanel = panel;
    const ui = await open();
    await ui.waitFor((u) => u.findAll('SectionMessage').length > 0);
    const note = ui.findAll('SectionMessage')[0]!;
    expect(note.props.title).toBe('No customer contract for this request');
    expect(textOf(note)).toContain((panel.message as { en: string }).en);
  });

  it('says the sidecar is unreachable', async () => {
    sidecar.down = true;
    const ui = await open();
    await ui.waitFor((u) => u.text().includes('Sidecar unreachable'));
    expect(ui.findAll('Button', 'Try again')).toHaveLength(1);
  });
});

describe('formatMinutes', () => {
  const t = (key: string, vars?: Record<string, string | number>) =>
    `${vars?.n}${key === 'units.hours' ? 'h' : 'm'}`;
  it.each([
    [30, '30m'],
    [60, '1h'],
    [90, '1h 30m'],
    [2880, '48h'],
  ])('%i minutes read %s', (minutes, text) => {
    expect(formatMinutes(minutes, t)).toBe(text);
  });
});
