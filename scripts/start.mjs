// `npm start`: open the app on the sample workspace (created on first start).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
const workspace = fileURLToPath(new URL('../sample-data/workspace', import.meta.url));
if (!existsSync(`${workspace}/bizops.yml`)) {
  const created = await main(['node', 'bizops', 'init', workspace, '--name', 'Sample company']);
  if (created !== 0) process.exit(created);
}
process.exitCode = await main(['node', 'bizops', 'app', '--workspace', workspace, ...process.argv.slice(2)]);
