import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { WorkbenchError } from '../errors.ts';
import { resourcePath } from '../paths.ts';
import { linkWorkspaceTool } from './toolLink.ts';
import { CONFIG_FILE, parseWorkspaceConfig, type LoadedConfig, type WorkspaceConfig } from './config.ts';

const templatePath = (...parts: string[]) => resourcePath('core', 'workspace', 'template', ...parts);

/** The folders every workspace has; `.bizops/` is local state and never committed. */
export const WORKSPACE_FOLDERS = ['models', 'dashboards', 'packs', 'queries'] as const;
const STATE_DIR = '.bizops';

/** A workspace folder: bizops.yml, models/, dashboards/, packs/, queries/ and the local `.bizops/` state. */
export class Workspace {
  private constructor(
    readonly root: string,
    private loaded: LoadedConfig,
  ) {}

  static async load(dir: string): Promise<Workspace> {
    const root = resolve(dir);
    const file = join(root, CONFIG_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new WorkbenchError(
        {
          code: missing ? 'not_a_workspace' : 'workspace_unreadable',
          message: missing
            ? `${root} is not a BizOps workspace: it has no ${CONFIG_FILE}.`
            : `${file} could not be read: ${(error as Error).message}`,
          where: file,
          hint: missing
            ? 'Run `bizops init DIR` to create a workspace, or pass --workspace DIR to open an existing one.'
            : 'Check the file\'s permissions.',
        },
        { cause: error },
      );
    }
    return new Workspace(root, parseWorkspaceConfig(text, file));
  }

  /** Create a workspace from the template; an existing workspace is never overwritten. */
  static async init(dir: string, options: { name?: string } = {}): Promise<Workspace> {
    const root = resolve(dir);
    if (existsSync(join(root, CONFIG_FILE))) {
      throw new WorkbenchError({
        code: 'already_exists',
        message: `${root} is already a BizOps workspace.`,
        where: join(root, CONFIG_FILE),
        hint: 'Open it with --workspace, or choose an empty folder for a new workspace.',
      });
    }
    await mkdir(root, { recursive: true });
    const name = options.name ?? basename(root);
    const template = await readFile(templatePath(CONFIG_FILE), 'utf8');
    for (const folder of WORKSPACE_FOLDERS) {
      await cp(templatePath(folder), join(root, folder), { recursive: true, force: false });
    }
    if (!existsSync(join(root, '.gitignore'))) await cp(templatePath('gitignore'), join(root, '.gitignore'));
    await linkWorkspaceTool(root);
    // bizops.yml last, written whole: a half-made folder is never mistaken for a workspace.
    await writeFileAtomic(join(root, CONFIG_FILE), template.replace('__NAME__', stringify(name).trim()));
    return Workspace.load(root);
  }

  /** Reads bizops.yml again after it was edited (e.g. a source added in the app); an invalid file changes nothing. */
  async reload(): Promise<void> {
    this.loaded = parseWorkspaceConfig(await readFile(this.configFile, 'utf8'), this.configFile);
  }

  get config(): WorkspaceConfig {
    return this.loaded.config;
  }

  get configFile(): string {
    return join(this.root, CONFIG_FILE);
  }

  /** `…/bizops.yml:12` for the value at `path` in bizops.yml. */
  locate(path: readonly PropertyKey[]): string {
    return this.loaded.locate(path);
  }

  /** Finds lines in bizops.yml for errors about any part of it. */
  get configLocator(): Pick<LoadedConfig, 'file' | 'label'> {
    return this.loaded;
  }

  get stateDir(): string {
    return join(this.root, STATE_DIR);
  }

  get databasePath(): string {
    return join(this.stateDir, 'warehouse.duckdb');
  }

  get tempDir(): string {
    return join(this.stateDir, 'tmp');
  }

  /** How the workspace's database is opened: where it spills, how it is named in errors, its DuckDB settings. */
  get engineOptions(): { tempDirectory: string; label: string; settings: Record<string, string> } {
    const { memory_limit, threads } = this.config.engine;
    const settings: Record<string, string> = {};
    if (memory_limit) settings.memory_limit = memory_limit;
    if (threads) settings.threads = String(threads);
    return { tempDirectory: this.tempDir, label: this.root, settings };
  }

  async ensureStateDir(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true });
  }

  /** Files under `folder` whose names end with `suffix`, relative to the workspace, sorted. */
  async listFiles(folder: string, suffix: string): Promise<string[]> {
    const dir = join(this.root, folder);
    if (!existsSync(dir)) return [];
    const entries = await readdir(dir, { recursive: true });
    return entries
      .filter((entry) => entry.endsWith(suffix))
      .map((entry) => relative(this.root, join(dir, entry)).split(sep).join('/'))
      .sort();
  }

  /** The workspace's own metric packs: folders under packs/ with a pack.yml. */
  async listPacks(): Promise<string[]> {
    const dir = join(this.root, 'packs');
    if (!existsSync(dir)) return [];
    const names: string[] = [];
    for (const entry of await readdir(dir)) {
      if ((await stat(join(dir, entry))).isDirectory() && existsSync(join(dir, entry, 'pack.yml'))) names.push(entry);
    }
    return names.sort();
  }
}

/** Write through a temporary file and rename, so readers never see half a file. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}
