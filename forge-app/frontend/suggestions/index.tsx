import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { SuggestionsApp } from './SuggestionsApp';

ForgeReconciler.render(
  <Translated>
    <SuggestionsApp />
  </Translated>,
);
