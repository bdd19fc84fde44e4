// The project's Frontline page: Team week and the Service report limited to this project, as two
// tabs. Forge allows one project page per app, so both views share it.
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
