import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import type { DashboardSnapshot } from '../../api/dashboards.ts';
import { openSession, type Session } from '../../service.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import { openDashboard } from '../files.ts';
import { parseDashboard } from '../format.ts';
import { dashboardSnapshot, EXPORT_WIDTH, writeExport } from './export.ts';
import { findChromium } from './pdf.ts';
import { rasterize } from './pictures.ts';

let dir: string;
let session: Session;
let sales: DashboardSnapshot;

const YEAR = { period: { from: '2025-01-01', to: '2026-01-01' } };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-export-'));
  const root = join(dir, 'ws');
  for (const args of [['init', root, '--sample', '--scale', '0.05'], ['sync', '--workspace', root], ['build', '--workspace', root]]) {
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
  }
  session = await openSession(root, { secrets: new EnvSecretStore({}) });
  sales = await dashboardSnapshot(session, (await openDashboard(session, { pack: 'sales' })).dashboard, YEAR);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('dashboard exports', () => {
  it('write one self-contained HTML file: the data and the view inline, nothing allowed from the network', async () => {
    const hostile = parseDashboard(
      ['title: "Closing </script><script>alert(1)</script>"', 'tiles:', '  - id: one', '    title: One', '    display: kpi', '    sql: select 1 as one', ''].join('\n'),
      'dashboards/hostile.dashboard.yml',
    );
    const out = join(dir, 'hostile.html');
    await writeExport(await dashboardSnapshot(session, hostile, {}), out, { format: 'html' });
    const html = await readFile(out, 'utf8');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; /);
    expect(html).not.toMatch(/<(link|img|iframe)\b|<script[^>]+src=/);
    const data = /<script type="application\/json" id="bizops-dashboard">(.*?)<\/script>/s.exec(html)![1];
    const embedded = JSON.parse(data) as DashboardSnapshot;
    expect(embedded.dashboard.title).toBe('Closing </script><script>alert(1)</script>');
    expect(embedded.run.tiles[0].kpi?.value).toBe(1);
  });

  it('draw the whole dashboard as SVG: every tile titled, KPIs with their values, every chart drawn by Vega', async () => {
    const out = join(dir, 'sales.svg');
    await writeExport(sales, out, { format: 'svg' });
    const svg = await readFile(out, 'utf8');
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${EXPORT_WIDTH}"`));
    for (const tile of sales.dashboard.tiles) expect(svg).toContain(`>${tile.title.replaceAll('&', '&amp;')}</text>`);
    const bookings = sales.run.tiles.find((tile) => tile.id === 'bookings')!.kpi!.value!;
    const shown = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2 }).format(bookings);
    expect(svg).toContain(`>${shown}</text>`);
    const charts = sales.dashboard.tiles.filter((tile) => tile.display === 'chart').length;
    expect(svg.match(/class="marks"/g)).toHaveLength(charts);
    expect(svg.match(/role-mark/g)!.length).toBeGreaterThan(charts);
  });

  it('draw one tile alone, at its size on the grid', async () => {
    const out = join(dir, 'bookings.png');
    await writeExport(sales, out, { format: 'png', tile: 'bookings_by_month' });
    const size = pngSize(await readFile(out));
    // 6 of 12 columns of the export width, at twice the size.
    expect(size.width).toBe(2 * Math.ceil(6 * ((EXPORT_WIDTH - 48 - 11 * 12) / 12) + 5 * 12));
    expect(size.height).toBe(2 * (5 * 52 + 4 * 12));
    await expect(writeExport(sales, join(dir, 'x.html'), { format: 'html', tile: 'bookings' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(writeExport(sales, join(dir, 'x.svg'), { format: 'svg', tile: 'nosuch' })).rejects.toMatchObject({ message: 'The dashboard has no tile "nosuch".' });
  });

  it('render PNG text with the fonts that ship with the app, whatever the machine has', async () => {
    const out = join(dir, 'sales.png');
    await writeExport(sales, out, { format: 'png', dark: true });
    expect(pngSize(await readFile(out)).width).toBe(2 * EXPORT_WIDTH);
    const text = rasterize('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="system-ui, sans-serif" font-size="24">Bookings</text></svg>', 1);
    const inked = text.pixels.filter((_, i) => i % 4 === 3 && text.pixels[i] > 0).length;
    expect(inked).toBeGreaterThan(200);
  });

  it('show a failing tile\'s error in its place, the other tiles drawn', async () => {
    const broken = parseDashboard(
      ['title: Mixed', 'tiles:', '  - id: good', '    title: Good', '    display: kpi', '    sql: select 42 as answer', '  - id: bad', '    title: Bad', '    display: table', '    sql: select nosuch from core.accounts', ''].join('\n'),
      'dashboards/mixed.dashboard.yml',
    );
    const out = join(dir, 'mixed.svg');
    await writeExport(await dashboardSnapshot(session, broken, {}), out, { format: 'svg' });
    const svg = await readFile(out, 'utf8');
    expect(svg).toContain('>42</text>');
    expect(svg).toMatch(/nosuch/);
  });

  it.runIf(findChromium(process.env))('print a PDF with Chromium, on one page', async () => {
    const out = join(dir, 'sales.pdf');
    await writeExport(sales, out, { format: 'pdf' });
    const pdf = await readFile(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });

  it('print a PDF with the host\'s printer when it has one (the desktop app\'s Electron), sized to the dashboard', async () => {
    const printed: { html: string; page: { width: number; height: number } }[] = [];
    const printer = {
      printPdf: async (html: string, out: string, page: { width: number; height: number }) => {
        printed.push({ html, page });
        await writeFile(out, '%PDF-1.7 printed by the host');
      },
    };
    const out = join(dir, 'host.pdf');
    const { bytes } = await writeExport(sales, out, { format: 'pdf', printer, env: { BIZOPS_CHROMIUM: join(dir, 'no-chromium') } });
    expect(await readFile(out, 'utf8')).toBe('%PDF-1.7 printed by the host');
    expect(bytes).toBe(28);
    expect(printed).toHaveLength(1);
    expect(printed[0].page.width).toBe(EXPORT_WIDTH);
    expect(printed[0].html).toContain(`@page{size:${EXPORT_WIDTH}px ${printed[0].page.height}px;margin:0}`);
    expect(readdirSync(dir).filter((file) => file.includes('.partial'))).toEqual([]);
  });

  it('say clearly when there is no Chromium to print a PDF with', async () => {
    await expect(writeExport(sales, join(dir, 'none.pdf'), { format: 'pdf', env: { BIZOPS_CHROMIUM: join(dir, 'no-chromium') } })).rejects.toMatchObject({
      code: 'chromium_missing',
      hint: expect.stringContaining('apt-get install chromium'),
    });
  });
});
