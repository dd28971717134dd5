// `npm start`: open the app on the sample workspace. The first start generates the sample company, syncs it
// and builds its models, so the app opens on data.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
const workspace = fileURLToPath(new URL('../sample-data/workspace', import.meta.url));
const bizops = (...args) => main(['node', 'bizops', ...args]);
if (!existsSync(`${workspace}/bizops.yml`)) {
  for (const step of [
    ['init', workspace, '--name', 'Sample company', '--sample'],
    ['sync', '--workspace', workspace],
    ['build', '--workspace', workspace],
  ]) {
    const code = await bizops(...step);
    if (code !== 0) process.exit(code);
  }
}
process.exitCode = await bizops('app', '--workspace', workspace, ...process.argv.slice(2));
