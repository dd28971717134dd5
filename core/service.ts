import { randomUUID } from 'node:crypto';
import { contract, type WorkbenchHandlers } from './api/contract.ts';
import { createDispatcher, type Dispatch } from './api/dispatcher.ts';
import type { QueryResult } from './api/query.ts';
import type { WorkspaceInfo } from './api/workspace.ts';
import { Engine } from './engine/engine.ts';
import { EventHub } from './events.ts';
import { APP_VERSION } from './version.ts';
import type { SecretStore } from './workspace/secrets.ts';
import { Workspace } from './workspace/workspace.ts';

/** The one implementation of WorkbenchApi, over one open workspace. */
export class WorkbenchService implements WorkbenchHandlers {
  constructor(
    readonly workspace: Workspace,
    readonly engine: Engine,
    readonly events: EventHub,
    readonly secrets: SecretStore,
  ) {}

  async workspaceInfo(): Promise<WorkspaceInfo> {
    const { config } = this.workspace;
    return {
      name: config.name,
      root: this.workspace.root,
      currency: config.currency,
      sources: Object.entries(config.sources).map(([name, source]) => ({ name, type: source.type })),
      warehouses: Object.entries(config.warehouses).map(([name, warehouse]) => ({ name, type: warehouse.type })),
      dashboards: await this.workspace.listFiles('dashboards', '.dashboard.yml'),
      packs: await this.workspace.listPacks(),
      versions: { app: APP_VERSION, duckdb: Engine.duckdbVersion, node: process.versions.node },
    };
  }

  async runQuery(arg: { sql: string; queryId?: string; pageSize: number }): Promise<QueryResult> {
    const queryId = arg.queryId ?? randomUUID();
    const result = await this.engine.runQuery({
      ...arg,
      queryId,
      onProgress: (percent, elapsedMs) => this.events.emit({ type: 'query.progress', queryId, percent, elapsedMs }),
    });
    if (result.statementType !== 'SELECT') this.events.emit({ type: 'catalog.changed' });
    return result;
  }

  async fetchPage(arg: { queryId: string; offset: number; limit: number }) {
    return this.engine.fetchPage(arg.queryId, arg.offset, arg.limit);
  }

  async cancelQuery(arg: { queryId: string }) {
    return { cancelled: this.engine.cancelQuery(arg.queryId) };
  }

  async closeQuery(arg: { queryId: string }) {
    return { closed: await this.engine.closeQuery(arg.queryId) };
  }

  async catalog() {
    return this.engine.catalog();
  }
}

/** An open workspace with everything a transport needs: the service, its dispatcher and its events. */
export interface Session {
  workspace: Workspace;
  engine: Engine;
  events: EventHub;
  service: WorkbenchService;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export async function openSession(dir: string, options: { secrets: SecretStore }): Promise<Session> {
  const workspace = await Workspace.load(dir);
  await workspace.ensureStateDir();
  const engine = await Engine.open(workspace.databasePath, { tempDirectory: workspace.tempDir, label: workspace.root });
  const events = new EventHub();
  const service = new WorkbenchService(workspace, engine, events, options.secrets);
  const dispatch = createDispatcher(contract, service, {
    onInternalError: (method, error) =>
      events.log('error', `${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  return { workspace, engine, events, service, dispatch, close: () => engine.close() };
}
