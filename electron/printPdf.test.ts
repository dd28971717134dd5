import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {}, session: {} }));
const { chartsSettled } = await import('./printPdf.ts');

describe('printing a dashboard with Electron', () => {
  it('waits until the charts are drawn, and no longer than its time', async () => {
    let asked = 0;
    expect(await chartsSettled(async () => ++asked >= 3, 5_000)).toBe(true);
    expect(asked).toBe(3);
    const started = Date.now();
    expect(await chartsSettled(async () => false, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
