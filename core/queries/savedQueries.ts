import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SavedQuery, SavedQueryText } from '../api/savedQueries.ts';
import { WorkbenchError } from '../errors.ts';
import { writeFileAtomic } from '../workspace/workspace.ts';

const FOLDER = 'queries';
const EXTENSION = '.sql';

/** The workspace's saved queries: one `queries/<name>.sql` file each, committed with the workspace. */
export class SavedQueries {
  /** Writes one at a time: two saves of one file must not race on its temporary file. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly root: string) {}

  async list(): Promise<SavedQuery[]> {
    const dir = join(this.root, FOLDER);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const queries: SavedQuery[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith(EXTENSION)) continue;
      queries.push(await this.describe(entry.name.slice(0, -EXTENSION.length)));
    }
    return queries.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  }

  async open(name: string): Promise<SavedQueryText> {
    const file = this.path(name);
    const sql = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? this.missing(name) : error;
    });
    return { ...(await this.describe(name)), sql };
  }

  /** A new query file; a taken name gets a number ("Untitled 2"), so nothing is overwritten. */
  create(name: string, sql: string): Promise<SavedQueryText> {
    return this.serialized(async () => {
      await mkdir(join(this.root, FOLDER), { recursive: true });
      const base = name.replace(/ \d+$/, '');
      let candidate = name;
      for (let n = 2; existsSync(this.path(candidate)); n++) candidate = `${base} ${n}`;
      await writeFileAtomic(this.path(candidate), sql);
      return { ...(await this.describe(candidate)), sql };
    });
  }

  save(name: string, sql: string): Promise<SavedQuery> {
    return this.serialized(async () => {
      await mkdir(join(this.root, FOLDER), { recursive: true });
      await writeFileAtomic(this.path(name), sql);
      return this.describe(name);
    });
  }

  rename(name: string, to: string): Promise<SavedQuery> {
    return this.serialized(() => this.renameNow(name, to));
  }

  private async renameNow(name: string, to: string): Promise<SavedQuery> {
    if (!existsSync(this.path(name))) throw this.missing(name);
    // Names differing only in case are the same file on case-insensitive disks: only a case change is allowed then.
    if (existsSync(this.path(to)) && name.toLowerCase() !== to.toLowerCase()) {
      throw new WorkbenchError({
        code: 'already_exists',
        message: `There is already a saved query named "${to}".`,
        where: this.relative(to),
        hint: 'Choose another name, or delete the other query first.',
      });
    }
    await rename(this.path(name), this.path(to));
    return this.describe(to);
  }

  delete(name: string): Promise<boolean> {
    return this.serialized(async () => {
      if (!existsSync(this.path(name))) return false;
      await rm(this.path(name));
      return true;
    });
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const done = this.writes.then(work);
    this.writes = done.catch(() => undefined);
    return done;
  }

  private async describe(name: string): Promise<SavedQuery> {
    const info = await stat(this.path(name));
    return { name, file: this.relative(name), modifiedAt: info.mtime.toISOString() };
  }

  private path(name: string): string {
    return join(this.root, FOLDER, `${name}${EXTENSION}`);
  }

  private relative(name: string): string {
    return `${FOLDER}/${name}${EXTENSION}`;
  }

  private missing(name: string): WorkbenchError {
    return new WorkbenchError({
      code: 'not_found',
      message: `There is no saved query named "${name}".`,
      where: this.relative(name),
      hint: 'It may have been renamed or deleted outside the app; the Saved queries list shows what there is.',
    });
  }
}
