import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { GadgetApp } from './GadgetApp';

ForgeReconciler.render(
  <Translated>
    <GadgetApp />
  </Translated>,
);
