import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, session } from 'electron';
import { CHARTS_SETTLED_SCRIPT } from '../core/dashboards/export/pdf.ts';

/** Vega draws after the page has loaded: charts get this long before the page is printed as it is. */
const DRAW_TIMEOUT_MS = 15_000;
const POLL_MS = 100;


/**
 * Print a dashboard export with Electron's own Chromium, so that the desktop app exports PDF with no browser
 * installed. The HTML asks for its page size (`@page`); it loads in a hidden, sandboxed window whose session
 * refuses every request but the file itself, as the export needs no network.
 */
export async function printPdfInWindow(html: string, out: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bizops-pdf-'));
  const printing = session.fromPartition('bizops-print');
  printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('file:') }));
  const window = new BrowserWindow({
    show: false,
    width: 1280,
    height: 900,
    webPreferences: { session: printing, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    const file = join(dir, 'dashboard.html');
    await writeFile(file, html);
    await window.loadFile(file);
    await chartsSettled(() => window.webContents.executeJavaScript(CHARTS_SETTLED_SCRIPT) as Promise<boolean>);
    const pdf = await window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    await writeFile(out, pdf);
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Wait until `settled` says so, or the time is up (a chart still drawing then prints as far as it got). */
export async function chartsSettled(settled: () => Promise<boolean>, timeoutMs = DRAW_TIMEOUT_MS): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await settled()) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}
