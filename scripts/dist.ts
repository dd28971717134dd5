// `npm run dist`: the desktop package for this OS (dist/packages/): AppImage and deb on Linux, a universal dmg on
// macOS, an NSIS installer on Windows. Builds what the package ships first, then runs electron-builder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureDashboardViewBuilt } from '../core/dashboards/export/bundle.ts';
import { ensureElectronBuilt, ensureRendererBuilt } from '../core/host/build.ts';

const log = (line: string) => console.log(line);
await ensureRendererBuilt(log);
await ensureElectronBuilt(log);
await ensureDashboardViewBuilt();

// A universal macOS app carries both architectures' native modules; npm installs only this Mac's.
if (process.platform === 'darwin') {
  const missing = ['@duckdb/node-bindings-darwin-arm64', '@duckdb/node-bindings-darwin-x64', '@resvg/resvg-js-darwin-arm64', '@resvg/resvg-js-darwin-x64'].filter(
    (name) => !existsSync(join('node_modules', name)),
  );
  if (missing.length > 0) {
    console.error(`A universal build needs ${missing.join(', ')}: install them with\n  npm install --no-save --force ${missing.join(' ')}`);
    process.exit(1);
  }
}

const target = { darwin: '--mac', win32: '--win', linux: '--linux' }[process.platform as string];
if (!target) {
  console.error(`electron-builder does not package for ${process.platform}.`);
  process.exit(1);
}
const cli = join(dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')), 'cli.js');
const run = spawnSync(process.execPath, [cli, target, '--config', 'electron-builder.yml', '--publish', 'never'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
