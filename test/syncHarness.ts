import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { addedConnectors, connectorFor } from '../connectors/index.ts';
import type { ConformanceSource, HarnessWorkspace, SourceSettings, SyncHarness } from '../connectors/testkit/conformance.ts';
import type { Connector } from '../connectors/types.ts';
import { openSession, type Session } from '../core/service.ts';
import { syncSource } from '../core/sync/sync.ts';
import { EnvSecretStore, secretEnvName } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';

const SOURCE = 'src';

/** The conformance suite's way into core: a real workspace, bizops.yml, secrets from the environment, syncSource. */
export const coreSyncHarness: SyncHarness = {
  async open(connector: Connector, settingsFor: (workspaceDir: string) => Promise<ConformanceSource>) {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-conformance-'));
    const root = join(dir, 'workspace');
    await Workspace.init(root, { name: 'conformance' });
    const source = await settingsFor(root);
    // A connector under test that is not built in (e.g. a test double) is registered for the workspace's lifetime.
    const registered = (await connectorFor(connector.type)) !== connector;
    if (registered) addedConnectors.push(connector);
    let session: Session | undefined;

    const configure = async (settings: SourceSettings) => {
      await session?.close();
      const declared = { type: connector.type, options: settings.options, ...(settings.tables && { tables: settings.tables }) };
      await writeFile(join(root, 'bizops.yml'), stringify({ name: 'conformance', sources: { [SOURCE]: declared } }));
      const env = Object.fromEntries(Object.entries(settings.secrets).map(([option, value]) => [secretEnvName(SOURCE, option), value]));
      session = await openSession(root, { secrets: new EnvSecretStore(env) });
    };
    await configure(source);
    const current = () => session!;

    const workspace: HarnessWorkspace = {
      async sync(options = {}) {
        const cancel = new AbortController();
        const summary = await syncSource(current(), SOURCE, {
          fullRefresh: options.fullRefresh,
          signal: cancel.signal,
          emit: (event) => {
            if (options.cancelOnFirstProgress && event.type === 'sync.progress') cancel.abort();
          },
        });
        return { status: summary.status, tables: summary.tables, ...(summary.error && { error: summary.error }) };
      },
      test: () => current().handlers.testSource({ name: SOURCE }),
      discover: () => current().handlers.discoverSource({ name: SOURCE }),
      async rows(table, keyColumn, valueColumn) {
        const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
        return current().engine.withConnection(async (connection) => {
          const read = await connection.runAndReadAll(
            `SELECT ${quote(keyColumn)}::VARCHAR, ${quote(valueColumn)}::VARCHAR FROM ${quote(`raw_${SOURCE}`)}.${quote(table)} ORDER BY 1`,
          );
          return read.getRows().map(([key, value]) => [String(key), String(value)] as [string, string]);
        });
      },
      async state(table) {
        return current().engine.withConnection(async (connection) => {
          const read = await connection.runAndReadAll('SELECT state::VARCHAR FROM _bizops.sync_state WHERE source = $1 AND table_name = $2', [SOURCE, table]);
          const value = read.getRows()[0]?.[0];
          return value === undefined || value === null ? undefined : String(value);
        });
      },
      reconfigure: configure,
      async close() {
        await session?.close();
        if (registered) addedConnectors.splice(addedConnectors.indexOf(connector), 1);
        await rm(dir, { recursive: true, force: true });
      },
    };
    return { workspace, source };
  },
};
