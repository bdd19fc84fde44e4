import ForgeReconciler from '@forge/react';
import { Translated } from '../i18n';
import { ProjectPageApp } from './ProjectPageApp';

ForgeReconciler.render(
  <Translated>
    <ProjectPageApp />
  </Translated>,
);
