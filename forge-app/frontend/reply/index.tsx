import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { ReplyApp } from './ReplyApp';

ForgeReconciler.render(
  <Translated>
    <ReplyApp />
  </Translated>,
);
