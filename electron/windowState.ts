import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Rectangle } from 'electron';
import { writeFileAtomic } from '../core/workspace/workspace.ts';

export interface WindowState {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export const DEFAULT_WINDOW: WindowState = { bounds: { width: 1360, height: 860 }, maximized: false };
const MIN_WIDTH = 900;
const MIN_HEIGHT = 560;

/**
 * Where the window was when the app last closed, if it still fits on a connected screen; otherwise the default
 * size, centred (a window restored onto an unplugged monitor would be invisible).
 */
export function restoredWindowState(file: string, screens: Rectangle[]): WindowState {
  let saved: Partial<WindowState>;
  try {
    saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>) : {};
  } catch {
    return DEFAULT_WINDOW;
  }
  const bounds = saved.bounds;
  if (!bounds || !(bounds.width >= MIN_WIDTH) || !(bounds.height >= MIN_HEIGHT)) return DEFAULT_WINDOW;
  const { x, y, width, height } = bounds;
  const onScreen =
    typeof x === 'number' &&
    typeof y === 'number' &&
    screens.some((screen) => x >= screen.x - 8 && y >= screen.y - 8 && x + 100 <= screen.x + screen.width && y + 40 <= screen.y + screen.height);
  return { bounds: onScreen ? { x, y, width, height } : { width, height }, maximized: saved.maximized === true };
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}
