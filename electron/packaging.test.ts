import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHECKOUT_TOOLS, ensureElectronBuilt } from '../core/host/build.ts';
import { resourcePath } from '../core/paths.ts';
import { Workspace } from '../core/workspace/workspace.ts';

/**
 * What can be checked of the desktop package without Electron's binary (which these machines cannot fetch): the
 * electron-builder config, that it ships everything the bundles load at run time, and that the main bundle
 * starts and answers through its engine process.
 */
const root = resourcePath();
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  extraMetadata: { main: string };
};

/** electron-builder's reading of a pattern list: the last pattern that matches decides, `!` excludes. */
function listed(path: string, patterns: string[]): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

let dir: string;
let mainBundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-package-'));
  mainBundle = await ensureElectronBuilt(() => undefined);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the electron-builder config', () => {
  it('validates against electron-builder\'s own schema', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as typeof import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util') as typeof import('builder-util');
    const loaded = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    expect(loaded).toMatchObject({ appId: 'dev.bizops.workbench', productName: 'BizOps Workbench' });
  });

  it('builds every package the issue names, with icons that exist', () => {
    const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const { linux, mac, win } = parse(text) as Record<string, { target: unknown; icon: string }>;
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(win.target).toBe('nsis');
    for (const icon of [mac.icon, win.icon]) expect(statSync(join(root, icon)).size).toBeGreaterThan(10_000);
    expect(readdirSync(join(root, linux.icon))).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
  });

  it('starts the main bundle it ships', () => {
    expect(listed(config.extraMetadata.main, config.files)).toBe(true);
    expect(config.extraMetadata.main).toBe(relative(root, mainBundle).split(sep).join('/'));
  });
});

describe('what the app loads at run time', () => {
  /** Packages the bundles import, or resolve files from, when they run (not bundled into them). */
  function runtimePackages(bundle: string): string[] {
    const text = readFileSync(join(root, 'dist', 'electron', bundle), 'utf8');
    const specifiers = [
      ...[...text.matchAll(/^import\b[^"]*?"([^"]+)";$/gm)].map((match) => match[1]),
      ...[...text.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1]),
      ...[...text.matchAll(/\.resolve\("([^"]+)"\)/g)].map((match) => match[1]),
      // Bundled libraries require some packages only when installed (pg-native, chokidar): those that resolve here.
      ...[...text.matchAll(/\b(?:__)?require\("([^"]+)"\)/g)].map((match) => match[1]).filter((name) => resolvable(name)),
    ];
    const names = specifiers
      .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0]) && /^@?[a-z0-9][\w.-]*(\/[\w.-]+)*$/.test(specifier))
      .filter((specifier) => specifier !== 'electron' && !CHECKOUT_TOOLS.includes(specifier))
      .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    return [...new Set(names)].sort();
  }

  function resolvable(name: string): boolean {
    try {
      require.resolve(name);
      return true;
    } catch {
      return false;
    }
  }

  /** A package and every installed package it depends on, as folders under node_modules. */
  function withDependencies(name: string, seen = new Set<string>()): Set<string> {
    if (seen.has(name)) return seen;
    const folder = join(root, 'node_modules', name);
    if (!existsSync(folder)) return seen;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { dependencies?: object; optionalDependencies?: object };
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) withDependencies(dependency, seen);
    return seen;
  }

  /** Files under a folder, not following links (a workspace in sample-data/ links back to the project). */
  function filesUnder(folder: string): string[] {
    return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') return filesUnder(path);
      return entry.isFile() ? [path] : [];
    });
  }

  it('keeps DuckDB out of the window\'s process: only the engine bundle loads it', () => {
    expect(runtimePackages('main.mjs')).toEqual([]);
    expect(runtimePackages('engine.mjs')).toEqual(expect.arrayContaining(['@duckdb/node-api', '@resvg/resvg-js', 'dejavu-fonts-ttf']));
  });

  it('ships every package the engine loads, unpacked from the asar archive with its native binaries', () => {
    for (const bundle of ['dist/electron/service.mjs', 'dist/electron/engine.mjs']) expect(listed(bundle, config.files) && listed(bundle, config.asarUnpack), bundle).toBe(true);
    const packages = new Set(runtimePackages('engine.mjs').flatMap((name) => [...withDependencies(name)]));
    const natives: string[] = [];
    for (const name of packages) {
      const files = filesUnder(`node_modules/${name}`).filter((file) => !/\.(md|d\.ts|map)$/.test(file) && !file.includes('/src/'));
      for (const file of files.filter((path) => path.endsWith('.js') || path.endsWith('.json') || path.endsWith('.node') || path.endsWith('.ttf'))) {
        expect(listed(file, config.files), `${file} is in files`).toBe(true);
        expect(listed(file, config.asarUnpack), `${file} is unpacked`).toBe(true);
      }
      natives.push(...files.filter((file) => file.endsWith('.node')));
    }
    expect(natives.length, 'native DuckDB and resvg bindings found').toBeGreaterThanOrEqual(2);
  });

  it('ships every folder the code reads through resourcePath(), outside the archive', () => {
    const used = new Set<string>();
    const sources = ['core', 'connectors', 'sample-data', 'electron'].flatMap((folder) => filesUnder(folder)).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    for (const file of sources) {
      // The literal parts a call starts with: `resourcePath('core', 'workspace', 'template', ...parts)` reads core/workspace/template.
      for (const call of readFileSync(join(root, file), 'utf8').matchAll(/resourcePath\(((?:'[^']*'(?:,\s*)?)*)/g)) {
        used.add([...call[1].matchAll(/'([^']*)'/g)].map((part) => part[1]).join('/'));
      }
    }
    // Read only in a source checkout, where each is checked to exist first (builds on demand, the tool link).
    const checkoutOnly = [
      ...['', 'core', 'core/api', 'connectors', 'sample-data', 'electron', 'electron/main.ts', 'electron/service.ts', 'electron/preload.ts', 'dist/electron'],
      ...['renderer/src', 'renderer/public', 'renderer/index.html', 'renderer/vite.config.ts', 'renderer/src/dashboard/view'],
    ];
    const shipped = config.extraResources.map((resource) => ({ ...resource, to: resource.to.replace(/^bizops\//, '') }));
    for (const path of [...used].filter((path) => !checkoutOnly.includes(path))) {
      const resource = shipped.find((candidate) => path === candidate.to || path.startsWith(`${candidate.to}/`));
      expect(resource, `resourcePath('${path.split('/').join("', '")}') is shipped in extraResources`).toBeDefined();
      expect(resource!.from).toBe(resource!.to);
    }
    expect([...used]).toEqual(expect.arrayContaining(['packs', 'core/workspace/template', 'renderer/dist', 'dist/dashboard-view']));
  });
});

describe('the main bundle under plain Node, with a stubbed electron module', () => {
  it('starts its engine process, opens the workspace and answers API calls through the IPC channel', async () => {
    await Workspace.init(join(dir, 'ws'), { name: 'Packaged' });
    const calls = [
      ['workspaceInfo', {}],
      ['runQuery', { sql: 'select 6 * 7 as answer' }],
      ['workspaces', {}],
    ];
    const run = await new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', join(root, 'electron', 'testing', 'register.mjs'), mainBundle, '--workspace', join(dir, 'ws')], {
        env: { ...process.env, BIZOPS_STUB_USER_DATA: join(dir, 'user-data'), BIZOPS_STUB_CALLS: JSON.stringify(calls) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, lines: stdout.split('\n').filter((line) => line.startsWith('STUB ')), stderr }));
    });
    const reported = (kind: string) => run.lines.filter((line) => line.startsWith(`STUB ${kind} `)).map((line) => JSON.parse(line.slice(`STUB ${kind} `.length)) as unknown);

    expect(run.code, run.stderr).toBe(0);
    expect(reported('fork')).toEqual([{ modulePath: join(root, 'dist', 'electron', 'service.mjs'), args: expect.arrayContaining(['--workspace', join(dir, 'ws')]) }]);
    expect(reported('window')[0]).toMatchObject({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    const [info, query, workspaces] = reported('answer') as { ok: boolean; value: Record<string, unknown> }[];
    expect(info).toMatchObject({ ok: true, value: { name: 'Packaged', versions: { duckdb: expect.stringMatching(/^v\d/) } } });
    expect(query).toMatchObject({ ok: true, value: { rowCount: 1 } });
    expect(workspaces).toMatchObject({ ok: true, value: { current: { name: 'Packaged' }, switchable: true, folderDialog: true } });
    expect(reported('title')).toContain('Packaged — BizOps Workbench');
    expect(reported('menu').at(-1)).toEqual(['&File', '&Edit', '&Query', '&View', '&Help']);
    expect(reported('quit')).toEqual([true]);
    expect(readFileSync(join(dir, 'user-data', 'logs', 'bizops.log'), 'utf8')).toContain('Opened workspace "Packaged"');
    expect(existsSync(join(dir, 'user-data', 'window.json'))).toBe(true);
    expect(dirname(mainBundle)).toBe(join(root, 'dist', 'electron'));
  }, 60_000);
});
