import ForgeReconciler from '@forge/react';
import { RouteApp } from './RouteApp';

ForgeReconciler.render(<RouteApp />);
