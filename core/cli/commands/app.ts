import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { ensureElectronBuilt, ensureRendererBuilt } from '../../host/build.ts';
import { Workspace } from '../../workspace/workspace.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';
import { serveWorkspace } from './serve.ts';

const ELECTRON_FETCH_TIMEOUT_MS = 10 * 60 * 1000;

export function registerApp(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('app')
      .description('Open the desktop app on the workspace; where Electron is unavailable, serve the same UI to your browser.'),
  ).action(async (options: { workspace?: string }) => {
    const dir = workspaceDir(options, io);
    await Workspace.load(dir);
    const electron = await findElectron(io);
    if ('reason' in electron) {
      await io.stderr.write(`Electron is not available here (${electron.reason}); serving the same UI in your browser instead.\n`);
      await serveWorkspace(dir, 0, io);
      return;
    }
    const log = (line: string) => void io.stderr.write(`${line}\n`);
    await ensureRendererBuilt(log);
    const main = await ensureElectronBuilt(log);
    await runElectron(electron.path, [main, '--workspace', dir], io);
  });
}

/** The Electron binary: installed already, or fetched now (first use) where a network allows. */
async function findElectron(io: CliIO): Promise<{ path: string } | { reason: string }> {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  // Read the binary's location the way electron/index.js does, without requiring it: requiring it starts a
  // download with its output on our terminal.
  const installed = (): string | undefined => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const executable = readFileSync(pathFile, 'utf8');
    const override = io.env.ELECTRON_OVERRIDE_DIST_PATH;
    const path = override ? join(override, executable) : join(packageDir, 'dist', executable);
    return existsSync(path) ? path : undefined;
  };
  const present = installed();
  if (present) return { path: present };
  if (io.env.BIZOPS_NO_ELECTRON_DOWNLOAD) return { reason: 'its binary is not installed and BIZOPS_NO_ELECTRON_DOWNLOAD is set' };
  const failure = await fetchElectron(join(packageDir, 'install.js'), io);
  const fetched = installed();
  return fetched ? { path: fetched } : { reason: failure ?? 'its binary could not be fetched' };
}

/** Run Electron's own first-use download; resolves with why it failed, or undefined on success. */
function fetchElectron(installScript: string, io: CliIO): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: io.env,
      timeout: ELECTRON_FETCH_TIMEOUT_MS,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', (error) => resolve(`the download could not start: ${error.message}`));
    child.on('exit', (code) => resolve(code === 0 ? undefined : `its binary could not be downloaded: ${summarize(stderr)}`));
  });
}

function summarize(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => /error/i.test(text));
  return (line ?? stderr.trim().split('\n')[0] ?? 'no network').slice(0, 160);
}

function runElectron(binary: string, args: string[], io: CliIO): Promise<void> {
  const env = { ...io.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}
