import type { PdfPrinter } from './dashboards/export/pdf.ts';
import type { Engine } from './engine/engine.ts';
import type { EventHub } from './events.ts';
import type { SecretStore } from './workspace/secrets.ts';
import type { Workspace } from './workspace/workspace.ts';

/** What every part of the service works with: the open workspace, its database, its events, its secrets. */
export interface WorkbenchContext {
  workspace: Workspace;
  engine: Engine;
  events: EventHub;
  secrets: SecretStore;
  /** The host's PDF printer (the desktop app's); without one, PDF exports look for Chromium. */
  printer?: PdfPrinter;
}
