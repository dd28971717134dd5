import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { resourcePath } from '../../paths.ts';

/**
 * The dashboard view (renderer/src/dashboard/view/, framework-free) built for exports: `view.js` and `view.css`
 * go inline into HTML exports; `pictures.mjs` draws SVG in Node. Built on demand in a source checkout when the
 * sources are newer than the build, as the UI is; a packaged app ships the build.
 */
export const dashboardViewDist = () => resourcePath('dist', 'dashboard-view');

const OUTPUTS = ['view.js', 'view.css', 'pictures.mjs'];

let building: Promise<string> | undefined;

export function ensureDashboardViewBuilt(): Promise<string> {
  building ??= build().finally(() => {
    building = undefined;
  });
  return building;
}

async function build(): Promise<string> {
  const dist = dashboardViewDist();
  const sourceDir = resourcePath('renderer', 'src', 'dashboard', 'view');
  if (!existsSync(sourceDir)) return dist;
  const sources = [sourceDir, resourcePath('core', 'api')];
  const built = Math.min(...OUTPUTS.map((file) => (existsSync(join(dist, file)) ? statSync(join(dist, file)).mtimeMs : 0)));
  if (built > 0 && sources.every((source) => newestChange(source) <= built)) return dist;

  const esbuild = await import('esbuild');
  // Another process may build at the same time: each writes its own files, then renames them into place.
  const staging = join(dist, `.build-${process.pid}`);
  await mkdir(staging, { recursive: true });
  const common = { bundle: true, minify: true, logLevel: 'warning', legalComments: 'none', absWorkingDir: resourcePath() } as const;
  await esbuild.build({
    ...common,
    entryPoints: { view: join(sourceDir, 'standalone.ts') },
    outdir: staging,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(sourceDir, 'pictures.ts')],
    outfile: join(staging, 'pictures.mjs'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Vega measures text with node-canvas when it is installed and estimates otherwise: it is not needed.
    external: ['canvas'],
  });
  for (const file of OUTPUTS) await rename(join(staging, file), join(dist, file));
  await rm(staging, { recursive: true, force: true });
  return dist;
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true })) newest = Math.max(newest, statSync(join(path, String(entry))).mtimeMs);
  return newest;
}
