import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { AvailabilityApp } from './AvailabilityApp';

ForgeReconciler.render(
  <Translated>
    <AvailabilityApp />
  </Translated>,
);
