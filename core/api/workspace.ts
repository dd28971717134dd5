import { z } from 'zod';
import { method } from './method.ts';

export interface WorkspaceInfo {
  name: string;
  root: string;
  currency: string;
  sources: { name: string; type: string }[];
  warehouses: { name: string; type: string }[];
  /** Dashboard files, relative to the workspace, e.g. `dashboards/revenue.dashboard.yml`. */
  dashboards: string[];
  /** The workspace's own metric packs (folders under `packs/`). */
  packs: string[];
  versions: { app: string; duckdb: string; node: string };
}

export const workspaceMethods = {
  workspaceInfo: method<WorkspaceInfo>()('The open workspace: name, sources, files and versions.', z.object({}).strict()),
};
