import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, restoredWindowState, saveWindowState } from './windowState.ts';

let dir: string;
const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-window-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the window\'s size and place', () => {
  it('come back as they were when the app closed', async () => {
    const file = join(dir, 'window.json');
    await saveWindowState(file, { bounds: { x: 120, y: 80, width: 1200, height: 760 }, maximized: true });
    expect(restoredWindowState(file, laptop)).toEqual({ bounds: { x: 120, y: 80, width: 1200, height: 760 }, maximized: true });
  });

  it('keep the size but not the place when that screen is gone', async () => {
    const file = join(dir, 'external-monitor.json');
    await saveWindowState(file, { bounds: { x: 2200, y: 100, width: 1400, height: 900 }, maximized: false });
    expect(restoredWindowState(file, laptop)).toEqual({ bounds: { width: 1400, height: 900 }, maximized: false });
  });

  it('fall back to the default on a first launch or a damaged file', async () => {
    expect(restoredWindowState(join(dir, 'none.json'), laptop)).toEqual(DEFAULT_WINDOW);
    await writeFile(join(dir, 'broken.json'), '{ not json');
    expect(restoredWindowState(join(dir, 'broken.json'), laptop)).toEqual(DEFAULT_WINDOW);
    await writeFile(join(dir, 'tiny.json'), JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 } }));
    expect(restoredWindowState(join(dir, 'tiny.json'), laptop)).toEqual(DEFAULT_WINDOW);
  });
});
