import { dashboardMethods } from './dashboards.ts';
import type { ApiOf, HandlersOf } from './method.ts';
import { modelMethods } from './model.ts';
import { packMethods } from './packs.ts';
import { queryMethods } from './query.ts';
import { resultMethods } from './results.ts';
import { savedQueryMethods } from './savedQueries.ts';
import { scheduleMethods } from './schedule.ts';
import { sourcesConfigMethods } from './sourcesConfig.ts';
import { syncMethods } from './sync.ts';
import { warehouseMethods } from './warehouse.ts';
import { workspaceMethods } from './workspace.ts';
import { workspacesMethods } from './workspaces.ts';

/** The one API: every transport (Electron IPC, the browser host, tests) serves exactly this. */
export const contract = {
  ...workspaceMethods,
  ...queryMethods,
  ...resultMethods,
  ...savedQueryMethods,
  ...syncMethods,
  ...sourcesConfigMethods,
  ...modelMethods,
  ...packMethods,
  ...dashboardMethods,
  ...warehouseMethods,
  ...workspacesMethods,
  ...scheduleMethods,
};

export type WorkbenchContract = typeof contract;
export type WorkbenchApi = ApiOf<WorkbenchContract>;
export type WorkbenchHandlers = HandlersOf<WorkbenchContract>;
export type MethodName = keyof WorkbenchContract;
