import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { resourcePath } from '../paths.ts';

const TOOL_PACKAGE = 'bizops-workbench';

/**
 * A workspace is also a small npm project that pins the `bizops` tool, so `npx bizops …` works inside it and
 * a CI job can `npm ci` the same version. Where the tool runs from a checkout (not the registry), the pin is a
 * `file:` dependency, and it is linked in place the way `npm install` would link it, without a network.
 */
export async function linkWorkspaceTool(root: string): Promise<void> {
  const toolRoot = resourcePath();
  const toolPackageFile = join(toolRoot, 'package.json');
  if (!existsSync(toolPackageFile)) return;
  const tool = JSON.parse(await readFile(toolPackageFile, 'utf8')) as { name: string; bin?: Record<string, string> };
  if (tool.name !== TOOL_PACKAGE || !tool.bin) return;

  const packageFile = join(root, 'package.json');
  if (!existsSync(packageFile)) {
    const manifest = {
      private: true,
      description: 'A BizOps Workbench workspace',
      devDependencies: { [TOOL_PACKAGE]: `file:${toolRoot}` },
    };
    await writeFile(packageFile, `${JSON.stringify(manifest, null, 2)}\n`);
  }

  const modules = join(root, 'node_modules');
  const linked = join(modules, TOOL_PACKAGE);
  await mkdir(join(modules, '.bin'), { recursive: true });
  if (!existsSync(linked)) await symlink(toolRoot, linked, 'junction');
  for (const [name, file] of Object.entries(tool.bin)) {
    const target = join(linked, file);
    if (process.platform === 'win32') {
      const shim = join(modules, '.bin', `${name}.cmd`);
      if (!existsSync(shim)) await writeFile(shim, `@node "${target}" %*\r\n`);
    } else {
      const binLink = join(modules, '.bin', name);
      if (!existsSync(binLink)) await symlink(relative(join(modules, '.bin'), target), binLink);
    }
  }
}
