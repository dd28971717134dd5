import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { exportsDir } from '../../engine/export.ts';
import { ensureRendererBuilt } from '../../host/build.ts';
import { startHost } from '../../host/host.ts';
import { appDataDir } from '../../desktop/appData.ts';
import { Workbench } from '../../desktop/workbench.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

export function registerServe(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('serve')
      .description('Serve the app to your browser on 127.0.0.1, behind a per-run token.')
      .option('--port <port>', 'the port to listen on (default: any free port)', parsePort, 0),
  ).action(async (options: { workspace?: string; port: number }) => {
    await serveWorkspace(workspaceDir(options, io), options.port, io);
  });
}

/**
 * Open the workspace, serve the UI and API until interrupted, then close everything. The page can switch to
 * other workspaces (kept in the app's recent list) and the sources' schedules run meanwhile.
 */
export async function serveWorkspace(dir: string, port: number, io: CliIO): Promise<void> {
  const workbench = new Workbench({ appDataDir: appDataDir(io.env), secrets: new EnvSecretStore(io.env) });
  try {
    await workbench.start(dir);
    const staticDir = await ensureRendererBuilt((line) => void io.stderr.write(`${line}\n`));
    const downloadsDir = () => workbench.session && exportsDir(workbench.session.workspace.stateDir);
    const host = await startHost({ dispatch: workbench.dispatch, events: workbench.events, staticDir, downloadsDir, port });
    workbench.events.subscribe((event) => {
      if (event.type === 'log' && event.level !== 'info') void io.stderr.write(`${event.level}: ${event.message}\n`);
      if (event.type === 'workspace.opened') void io.stderr.write(`Now serving "${event.name}" (${event.root})\n`);
    });
    const { workspace } = workbench.session!;
    await io.stdout.write(
      `BizOps Workbench is serving "${workspace.config.name}" (${workspace.root})\n` +
        `Open ${host.url}\n` +
        'Press Ctrl+C to stop.\n',
    );
    await io.untilInterrupted();
    await host.close();
  } finally {
    await workbench.close();
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  }
  return port;
}
