import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkbenchError } from '../../errors.ts';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
const PRINT_TIMEOUT_MS = 60_000;

/** Chromium to print with: BIZOPS_CHROMIUM when set, else a usual install path. */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = env.BIZOPS_CHROMIUM ? [env.BIZOPS_CHROMIUM] : CHROMIUM_CANDIDATES;
  return candidates.find((candidate) => existsSync(candidate));
}

export interface PdfPage {
  /** CSS pixels. */
  width: number;
  height: number;
}

/**
 * What prints an HTML export to a PDF file: Chromium on the command line, or in the desktop app Electron's own
 * (see electron/printPdf.ts), so that no browser needs to be installed there. The HTML already asks for its page size.
 */
export interface PdfPrinter {
  printPdf(html: string, out: string, page: PdfPage): Promise<void>;
}

/**
 * JavaScript that answers, in an exported dashboard's page, whether every chart is drawn or has said why it could
 * not be: a printer that can run script waits for it before printing.
 */
export const CHARTS_SETTLED_SCRIPT =
  "[...document.querySelectorAll('[data-testid=\"tile-chart\"]')].every((chart) => chart.dataset.drawn === 'true' || chart.querySelector('.dash-error') !== null)";

/** The export's HTML asking for one page as large as the dashboard, without margins. */
export function sizedForPrint(html: string, page: PdfPage): string {
  return html.replace('</style>', `@page{size:${page.width}px ${page.height}px;margin:0}</style>`);
}

/** Headless Chromium as the printer: BIZOPS_CHROMIUM or a usual install path. */
export function chromiumPrinter(env: NodeJS.ProcessEnv): PdfPrinter {
  return { printPdf: (html, out, page) => printWithChromium(html, out, page, env) };
}

/** Print with headless Chromium; the page loads from a temporary file with the network off, as the export needs none. */
async function printWithChromium(html: string, out: string, page: PdfPage, env: NodeJS.ProcessEnv): Promise<void> {
  const chromium = findChromium(env);
  if (!chromium) {
    throw new WorkbenchError({
      code: 'chromium_missing',
      message: env.BIZOPS_CHROMIUM ? `Chromium was not found at ${env.BIZOPS_CHROMIUM} (BIZOPS_CHROMIUM).` : 'A PDF export needs Chromium, and none was found.',
      where: env.BIZOPS_CHROMIUM ?? CHROMIUM_CANDIDATES.join(', '),
      hint: 'Install Chromium (e.g. `apt-get install chromium`) or set BIZOPS_CHROMIUM to its path; HTML, SVG and PNG exports need no browser.',
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'bizops-pdf-'));
  try {
    const file = join(dir, 'dashboard.html');
    await writeFile(file, html);
    await run(chromium, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--proxy-server=127.0.0.1:9',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--window-size=${page.width},${page.height}`,
      // Vega draws after the page loaded: give it time before printing.
      '--virtual-time-budget=15000',
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(file).href,
    ]);
    if (!existsSync(out) || (await stat(out)).size === 0) throw new Error('Chromium wrote no PDF.');
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError(
      { code: 'export_failed', message: `Chromium could not print the dashboard: ${(error as Error).message}`, where: chromium, hint: 'Run with BIZOPS_DEBUG=1 for details, or export HTML and print it from a browser.' },
      { cause: error },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(signal ? `it was stopped (${signal}) after ${PRINT_TIMEOUT_MS / 1000} s` : `exit code ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}
