import { contract, type WorkbenchHandlers } from './api/contract.ts';
import { createDispatcher, type Dispatch } from './api/dispatcher.ts';
import type { WorkbenchContext } from './context.ts';
import type { PdfPrinter } from './dashboards/export/pdf.ts';
import { Engine } from './engine/engine.ts';
import { queryHandlers } from './engine/handlers.ts';
import { resultHandlers } from './engine/resultHandlers.ts';
import { dashboardHandlers } from './dashboards/handlers.ts';
import { scheduleHandlers, workspacesHandlers } from './desktop/singleWorkspace.ts';
import { EventHub } from './events.ts';
import { modelHandlers } from './model/handlers.ts';
import { packHandlers } from './packs/handlers.ts';
import { savedQueryHandlers } from './queries/handlers.ts';
import { syncHandlers } from './sync/handlers.ts';
import { warehouseHandlers } from './warehouse/handlers.ts';
import { workspaceHandlers } from './workspace/handlers.ts';
import type { SecretStore } from './workspace/secrets.ts';
import { sourcesConfigHandlers } from './workspace/sourcesConfig.ts';
import { Workspace } from './workspace/workspace.ts';

/** The one implementation of WorkbenchApi: each domain's handlers, over one open workspace. */
export function createHandlers(context: WorkbenchContext): WorkbenchHandlers {
  return {
    ...workspaceHandlers(context),
    ...queryHandlers(context),
    ...resultHandlers(context),
    ...savedQueryHandlers(context),
    ...syncHandlers(context),
    ...sourcesConfigHandlers(context),
    ...modelHandlers(context),
    ...packHandlers(context),
    ...dashboardHandlers(context),
    ...warehouseHandlers(context),
    ...workspacesHandlers(context),
    ...scheduleHandlers(context),
  };
}

/** An open workspace with everything a transport needs: its handlers, their dispatcher and its events. */
export interface Session extends WorkbenchContext {
  handlers: WorkbenchHandlers;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export async function openSession(dir: string, options: { secrets: SecretStore; printer?: PdfPrinter }): Promise<Session> {
  const workspace = await Workspace.load(dir);
  await workspace.ensureStateDir();
  const engine = await Engine.open(workspace.databasePath, workspace.engineOptions);
  const context: WorkbenchContext = { workspace, engine, events: new EventHub(), secrets: options.secrets, printer: options.printer };
  const handlers = createHandlers(context);
  const dispatch = createDispatcher(contract, handlers, {
    onInternalError: (method, error) =>
      context.events.log('error', `${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  return { ...context, handlers, dispatch, close: () => engine.close() };
}
