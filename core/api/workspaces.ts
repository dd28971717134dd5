import { z } from 'zod';
import { method } from './method.ts';

/** A workspace the app opened before. */
export interface RecentWorkspace {
  root: string;
  name: string;
  openedAt: string;
  /** Its folder or bizops.yml is gone (moved, deleted, an unplugged drive). */
  missing: boolean;
}

export interface WorkspacesInfo {
  /** The open workspace, or null before one is opened. */
  current: { root: string; name: string } | null;
  /** Newest first, the open one left out. */
  recent: RecentWorkspace[];
  /** Whether this host can switch workspaces (the desktop app and `bizops serve`), or serves one only. */
  switchable: boolean;
  /** Whether chooseFolder opens the system's folder dialog (the desktop app only). */
  folderDialog: boolean;
}

export interface OpenedWorkspace {
  root: string;
  name: string;
  /** For a new sample workspace: what was generated, synced and built. */
  sample?: { accounts: number; opportunities: number; models: number };
}

const folderPath = z.string().trim().min(1, 'give the folder\'s path').max(4096);

export const workspacesMethods = {
  workspaces: method<WorkspacesInfo>()('The open workspace and the recently opened ones.', z.object({}).strict()),
  openWorkspace: method<OpenedWorkspace>()(
    'Open the workspace in a folder instead of the current one; the current one stays open if it cannot be opened.',
    z.object({ path: folderPath }).strict(),
  ),
  createWorkspace: method<OpenedWorkspace>()(
    'Create a workspace in a folder (with the generated sample company, synced and built, if asked) and open it.',
    z
      .object({
        path: folderPath,
        name: z.string().trim().min(1).max(200).optional(),
        sample: z.boolean().default(false),
        /** The sample company's size: 1 ≈ 5,000 accounts, 50,000 leads and 1,000,000 product events. */
        scale: z.number().positive().max(10).default(1),
      })
      .strict(),
  ),
  chooseFolder: method<{ path: string | null }>()(
    'Ask with the system\'s folder dialog (desktop app only); null when the person cancels.',
    z.object({ purpose: z.enum(['open', 'create']) }).strict(),
  ),
  forgetWorkspace: method<WorkspacesInfo>()(
    'Remove a workspace from the recent list; its folder is left as it is.',
    z.object({ path: folderPath }).strict(),
  ),
};
