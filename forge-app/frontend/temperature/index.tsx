import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { TemperatureApp } from './TemperatureApp';

ForgeReconciler.render(
  <Translated>
    <TemperatureApp />
  </Translated>,
);
