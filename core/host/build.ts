import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../errors.ts';
import { resourcePath } from '../paths.ts';

/** The built renderer that both hosts serve. */
export const rendererDist = () => resourcePath('renderer', 'dist');
/** The bundled Electron main process and preload. */
export const electronDist = () => resourcePath('dist', 'electron');

/**
 * In a source checkout, (re)build the UI when its sources are newer than the build; a packaged app ships
 * only the build and skips this.
 */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  const dist = rendererDist();
  const sources = [
    resourcePath('renderer', 'src'),
    resourcePath('renderer', 'public'),
    resourcePath('renderer', 'index.html'),
    resourcePath('core', 'api'),
  ];
  if (!existsSync(sources[0])) return dist;
  if (isFresh(join(dist, 'index.html'), sources)) return dist;
  log('Building the UI (renderer/)…');
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  await runNode([vite, 'build', '--config', resourcePath('renderer', 'vite.config.ts'), '--logLevel', 'warn'], 'the UI build');
  return dist;
}

/** Bundle electron/main.ts (ESM) and electron/preload.ts (CommonJS, as sandboxed preloads must be). */
export async function ensureElectronBuilt(log: (line: string) => void): Promise<string> {
  const dist = electronDist();
  const main = join(dist, 'main.mjs');
  const sources = [resourcePath('electron'), resourcePath('core')];
  if (!existsSync(sources[0]) || isFresh(main, sources)) return main;
  log('Building the desktop shell (electron/)…');
  const esbuild = await import('esbuild');
  const common: import('esbuild').BuildOptions = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning', external: ['electron', '@duckdb/*', '@resvg/*'] };
  await esbuild.build({ ...common, entryPoints: [resourcePath('electron', 'main.ts')], format: 'esm', outfile: main,
    banner: { js: "import { createRequire as __bizopsRequire } from 'node:module'; const require = __bizopsRequire(import.meta.url);" } });
  await esbuild.build({ ...common, entryPoints: [resourcePath('electron', 'preload.ts')], format: 'cjs', outfile: join(dist, 'preload.cjs') });
  return main;
}

function isFresh(output: string, sources: string[]): boolean {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return sources.every((source) => newestChange(source) <= built);
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true })) {
    newest = Math.max(newest, statSync(join(path, String(entry))).mtimeMs);
  }
  return newest;
}

function runNode(args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: resourcePath(), stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new WorkbenchError({ code: 'build_failed', message: `${what} failed (exit code ${code}).`, hint: 'See the output above.' })),
    );
  });
}
