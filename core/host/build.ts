import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
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

/** Build tools that only a source checkout runs (to build on demand); a packaged app never loads them. */
export const CHECKOUT_TOOLS = ['esbuild', 'vite'];

/**
 * Bundle electron/main.ts and electron/service.ts (the engine's utility process, as engine.mjs; ESM) and electron/preload.ts
 * (CommonJS, as sandboxed preloads must be).
 */
export async function ensureElectronBuilt(log: (line: string) => void): Promise<string> {
  const dist = electronDist();
  const main = join(dist, 'main.mjs');
  // The sample generator's own files only: sample-data/workspace is a workspace, with a link back to this folder.
  const sampleSources = existsSync(resourcePath('sample-data')) ? readdirSync(resourcePath('sample-data')).filter((file) => file.endsWith('.ts')).map((file) => resourcePath('sample-data', file)) : [];
  const sources = [resourcePath('electron'), resourcePath('core'), resourcePath('connectors'), ...sampleSources];
  const outputs = [main, join(dist, 'service.mjs'), join(dist, 'engine.mjs'), join(dist, 'preload.cjs')];
  if (!existsSync(sources[0]) || outputs.every((output) => isFresh(output, sources))) return main;
  log('Building the desktop shell (electron/)…');
  const esbuild = await import('esbuild');
  const common: import('esbuild').BuildOptions = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning', external: ['electron', '@duckdb/*', '@resvg/*', ...CHECKOUT_TOOLS] };
  const esm = { ...common, format: 'esm', banner: { js: "import { createRequire as __bizopsRequire } from 'node:module'; const require = __bizopsRequire(import.meta.url);" } } as const;
  await esbuild.build({ ...esm, entryPoints: [resourcePath('electron', 'main.ts')], outfile: main });
  await esbuild.build({ ...esm, entryPoints: [resourcePath('electron', 'service.ts')], outfile: join(dist, 'engine.mjs') });
  // The utility process starts this one-line entry, which imports the engine: bundled modules that check whether
  // they are the script being run (`import.meta.url` against argv[1], as CLI scripts do) must never see themselves as it.
  await writeFile(join(dist, 'service.mjs'), "import './engine.mjs';\n");
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
