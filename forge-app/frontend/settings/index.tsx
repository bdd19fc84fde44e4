import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { SettingsApp } from './SettingsApp';

ForgeReconciler.render(
  <Translated>
    <SettingsApp />
  </Translated>,
);
