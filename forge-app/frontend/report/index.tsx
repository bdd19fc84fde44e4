import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { ReportApp } from './ReportApp';

ForgeReconciler.render(
  <Translated>
    <ReportApp />
  </Translated>,
);
