import { startShell } from './shell.ts';

void startShell(import.meta.url);
