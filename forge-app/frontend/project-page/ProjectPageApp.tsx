// The project's Frontline page: Team week and the Service report limited to this project, as two
// tabs. Forge's project-page subpages need Custom UI, so a UI Kit page shows its views as tabs; one
// entry also keeps the project's navigation short.
import { Tab, TabList, TabPanel, Tabs } from '@forge/react';
import { useTexts } from '../i18n';
import { ReportApp } from '../report/ReportApp';
import { TeamWeekApp } from '../team-week/TeamWeekApp';

export function ProjectPageApp({ today }: { today?: string }) {
  const { t } = useTexts();
  return (
    <Tabs id="frontline-project">
      <TabList>
        <Tab>{t('projectPage.teamWeek')}</Tab>
        <Tab>{t('projectPage.report')}</Tab>
      </TabList>
      <TabPanel>
        <TeamWeekApp />
      </TabPanel>
      <TabPanel>
        <ReportApp {...(today ? { today } : {})} fixedProject />
      </TabPanel>
    </Tabs>
  );
}
