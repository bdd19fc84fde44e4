import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { ContractApp } from './ContractApp';

ForgeReconciler.render(
  <Translated>
    <ContractApp />
  </Translated>,
);
