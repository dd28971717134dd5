import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the app's own files are (the workspace template, built-in packs, the built UI, the sample
 * generator). In a source checkout that is the project folder; a packaged app sets its resources folder.
 */
let resourceRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export function setResourceRoot(dir: string): void {
  resourceRoot = dir;
}

export function resourcePath(...parts: string[]): string {
  return join(resourceRoot, ...parts);
}
