import ForgeReconciler from '@forge/react';
import { ReplyApp } from './ReplyApp';

ForgeReconciler.render(<ReplyApp />);
