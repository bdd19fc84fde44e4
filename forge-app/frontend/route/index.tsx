import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { RouteApp } from './RouteApp';

ForgeReconciler.render(
  <Translated>
    <RouteApp />
  </Translated>,
);
