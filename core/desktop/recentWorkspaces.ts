import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RecentWorkspace } from '../api/workspaces.ts';
import { CONFIG_FILE } from '../workspace/config.ts';
import { writeFileAtomic } from '../workspace/workspace.ts';

const KEEP = 12;

interface Stored {
  /** The workspace to reopen on the next launch. */
  last: string | null;
  recent: { root: string; name: string; openedAt: string }[];
}

/** The recently opened workspaces and the one to reopen, in `workspaces.json` in the app's data folder. */
export class RecentWorkspaces {
  private readonly file: string;

  constructor(appDataDir: string) {
    this.file = join(appDataDir, 'workspaces.json');
  }

  /** Newest first; each says whether its folder is still a workspace. */
  list(): RecentWorkspace[] {
    return this.read().recent.map((entry) => ({ ...entry, missing: !existsSync(join(entry.root, CONFIG_FILE)) }));
  }

  /** The workspace open when the app last ran, if it is still there. */
  last(): string | undefined {
    const { last } = this.read();
    return last && existsSync(join(last, CONFIG_FILE)) ? last : undefined;
  }

  async remember(root: string, name: string, at: Date): Promise<void> {
    const stored = this.read();
    const recent = [{ root, name, openedAt: at.toISOString() }, ...stored.recent.filter((entry) => entry.root !== root)].slice(0, KEEP);
    await this.write({ last: root, recent });
  }

  async forget(root: string): Promise<void> {
    const stored = this.read();
    const path = resolve(root);
    await this.write({ last: stored.last === path ? null : stored.last, recent: stored.recent.filter((entry) => entry.root !== path) });
  }

  /** A damaged or foreign file reads as empty: the list is a convenience, never a reason not to start. */
  private read(): Stored {
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Stored>;
      const recent = Array.isArray(stored.recent)
        ? stored.recent.filter((entry) => typeof entry?.root === 'string' && typeof entry.name === 'string' && typeof entry.openedAt === 'string')
        : [];
      return { last: typeof stored.last === 'string' ? stored.last : null, recent };
    } catch {
      return { last: null, recent: [] };
    }
  }

  private async write(stored: Stored): Promise<void> {
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(stored, null, 2)}\n`);
  }
}
