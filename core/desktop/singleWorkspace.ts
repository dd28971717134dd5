import type { HandlersOf } from '../api/method.ts';
import type { scheduleMethods } from '../api/schedule.ts';
import type { workspacesMethods } from '../api/workspaces.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { recentRuns } from '../sync/runs.ts';
import { plannedSchedules } from './scheduler.ts';

/**
 * The app-level methods for a session on its own (tests, embedding): it serves one workspace and runs no
 * schedules. The desktop app and `bizops serve` answer them through their Workbench instead.
 */
export function workspacesHandlers({ workspace }: WorkbenchContext): HandlersOf<typeof workspacesMethods> {
  const single = () =>
    new WorkbenchError({
      code: 'not_available',
      message: 'This BizOps host serves one workspace and cannot open another.',
      hint: 'Open other workspaces in the desktop app or with `bizops serve`, or restart this host with --workspace DIR.',
    });
  const info = () => ({ current: { root: workspace.root, name: workspace.config.name }, recent: [], switchable: false, folderDialog: false });
  return {
    workspaces: async () => info(),
    openWorkspace: async () => {
      throw single();
    },
    createWorkspace: async () => {
      throw single();
    },
    chooseFolder: async () => {
      throw single();
    },
    forgetWorkspace: async () => info(),
  };
}

export function scheduleHandlers(context: WorkbenchContext): HandlersOf<typeof scheduleMethods> {
  return {
    scheduleStatus: async () =>
      plannedSchedules(context.workspace, await context.engine.withConnection((connection) => recentRuns(connection, 1000))),
  };
}
