import ForgeReconciler from '@forge/react';
import { SettingsApp } from './SettingsApp';

ForgeReconciler.render(<SettingsApp />);
