// The same report as a project page: Jira's context names the project, the resolver fixes it.
import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { ReportApp } from './ReportApp';

ForgeReconciler.render(
  <Translated>
    <ReportApp fixedProject />
  </Translated>,
);
