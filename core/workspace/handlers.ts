import type { HandlersOf } from '../api/method.ts';
import type { workspaceMethods } from '../api/workspace.ts';
import { Engine } from '../engine/engine.ts';
import type { WorkbenchContext } from '../context.ts';
import { APP_VERSION } from '../version.ts';

export function workspaceHandlers({ workspace }: WorkbenchContext): HandlersOf<typeof workspaceMethods> {
  return {
    async workspaceInfo() {
      const { config } = workspace;
      return {
        name: config.name,
        root: workspace.root,
        currency: config.currency,
        sources: Object.entries(config.sources).map(([name, source]) => ({ name, type: source.type })),
        warehouses: Object.entries(config.warehouses).map(([name, warehouse]) => ({ name, type: warehouse.type })),
        dashboards: await workspace.listFiles('dashboards', '.dashboard.yml'),
        packs: await workspace.listPacks(),
        versions: { app: APP_VERSION, duckdb: Engine.duckdbVersion, node: process.versions.node },
      };
    },
  };
}
