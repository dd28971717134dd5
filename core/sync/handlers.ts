import { allConnectors } from '../../connectors/index.ts';
import { describeOptions } from '../../connectors/options.ts';
import { ConnectorError } from '../../connectors/types.ts';
import type { HandlersOf } from '../api/method.ts';
import type { syncMethods, SourceStatus, SyncSummary } from '../api/sync.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { recentRuns } from './runs.ts';
import { assertKnownType, resolveSource, sourceConfig } from './sources.ts';
import { rawSchema, syncSources } from './sync.ts';

export function syncHandlers(context: WorkbenchContext): HandlersOf<typeof syncMethods> {
  // One sync at a time per workspace: a second request waits for the first.
  let queue: Promise<unknown> = Promise.resolve();
  let running: AbortController | undefined;

  return {
    async connectors() {
      return (await allConnectors()).map((connector) => ({
        type: connector.type,
        title: connector.title,
        description: connector.description,
        options: describeOptions(connector.options),
        capabilities: connector.capabilities,
      }));
    },

    async listSources() {
      return sourceStatuses(context);
    },

    async testSource({ name }) {
      const source = await resolveSource(context, name);
      const outcome = await source.connector.test(source.options, connectorContext(context));
      return outcome === true
        ? { ok: true, message: `Source "${name}" is reachable.` }
        : { ok: false, message: outcome };
    },

    async discoverSource({ name }) {
      const source = await resolveSource(context, name);
      try {
        return await source.connector.discover(source.options, connectorContext(context));
      } catch (error) {
        // A source that cannot be read is the user's to fix, not a bug: say what the connector said.
        if (error instanceof ConnectorError) {
          throw new WorkbenchError({ code: 'source_error', message: error.message, where: error.where ?? name, hint: error.hint }, { cause: error });
        }
        throw error;
      }
    },

    async syncSources({ sources, fullRefresh }) {
      const run = queue.then(async (): Promise<SyncSummary[]> => {
        running = new AbortController();
        try {
          return await syncSources(context, sources, { fullRefresh, signal: running.signal, emit: (event) => context.events.emit(event) });
        } finally {
          running = undefined;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },

    async cancelSync() {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },

    async syncRuns({ source, limit }) {
      if (source) sourceConfig(context, source);
      return context.engine.withConnection((connection) => recentRuns(connection, limit, source));
    },
  };
}

/** Every declared source with its tables' row counts (from the catalog) and its last sync. */
export async function sourceStatuses(context: WorkbenchContext): Promise<SourceStatus[]> {
  const catalog = await context.engine.catalog();
  const runs = await context.engine.withConnection((connection) => recentRuns(connection, 1000));
  return Object.entries(context.workspace.config.sources).map(([name, config]) => {
    assertKnownType(context, name, config);
    const schema = rawSchema(name);
    return {
      name,
      type: config.type,
      schema,
      tables: catalog.tables
        .filter((table) => table.schema === schema && !table.name.startsWith('__bizops_'))
        .map((table) => ({ name: table.name, rows: table.rowCount ?? 0 })),
      lastRun: runs.find((run) => run.source === name) ?? null,
    };
  });
}

function connectorContext(context: WorkbenchContext) {
  return {
    signal: new AbortController().signal,
    tempDir: context.workspace.tempDir,
    workspaceDir: context.workspace.root,
    log: (message: string) => context.events.log('info', message),
    progress: () => undefined,
  };
}
