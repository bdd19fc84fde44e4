import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { TeamWeekApp } from './TeamWeekApp';

ForgeReconciler.render(
  <Translated>
    <TeamWeekApp />
  </Translated>,
);
