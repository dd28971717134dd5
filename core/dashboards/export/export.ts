import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DashboardExportFormat, DashboardSnapshot } from '../../api/dashboards.ts';
import type { WorkbenchContext } from '../../context.ts';
import { WorkbenchError } from '../../errors.ts';
import { writeFileAtomic } from '../../workspace/workspace.ts';
import type { Dashboard } from '../format.ts';
import { runDashboard, type ParameterValues } from '../run.ts';
import { dashboardHtml } from './html.ts';
import { chromiumPrinter, sizedForPrint, type PdfPrinter } from './pdf.ts';
import { loadPictures, svgToPng } from './pictures.ts';

/** The width exports are laid out at: a laptop screen's worth of dashboard. */
export const EXPORT_WIDTH = 1280;

/** Run every tile now and keep what the view needs to draw them: the snapshot an export shows. */
export async function dashboardSnapshot(context: WorkbenchContext, dashboard: Dashboard, values: ParameterValues, options: { today?: Date } = {}): Promise<DashboardSnapshot> {
  const run = await runDashboard(context, dashboard, values, options);
  return {
    dashboard,
    run,
    currency: context.workspace.config.currency,
    workspace: context.workspace.config.name,
    generatedAt: new Date().toISOString(),
  };
}

export interface ExportOptions {
  format: DashboardExportFormat;
  /** One tile instead of the whole dashboard (SVG and PNG). */
  tile?: string;
  dark?: boolean;
  /** What prints PDFs: the host's (the desktop app's Electron), else Chromium found through `env`. */
  printer?: PdfPrinter;
  env?: NodeJS.ProcessEnv;
}

/** Write a snapshot as HTML, SVG, PNG or PDF to `out`, whole or not at all. */
export async function writeExport(snapshot: DashboardSnapshot, out: string, options: ExportOptions): Promise<{ bytes: number }> {
  const dark = options.dark ?? false;
  if (options.tile !== undefined && (options.format === 'html' || options.format === 'pdf')) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `A single tile exports as SVG or PNG, not ${options.format.toUpperCase()}.`,
      hint: 'Use --format svg or --format png with --tile, or leave out --tile to export the whole dashboard.',
    });
  }
  if (options.tile !== undefined && !snapshot.dashboard.tiles.some((tile) => tile.id === options.tile)) {
    throw new WorkbenchError({
      code: 'not_found',
      message: `The dashboard has no tile "${options.tile}".`,
      hint: `Its tiles: ${snapshot.dashboard.tiles.map((tile) => tile.id).join(', ')}.`,
    });
  }
  await mkdir(dirname(out), { recursive: true });
  switch (options.format) {
    case 'html':
      await writeFileAtomic(out, await dashboardHtml(snapshot, { dark }));
      break;
    case 'svg':
      await writeFileAtomic(out, await pictureSvg(snapshot, options.tile, dark));
      break;
    case 'png':
      await writeFileAtomic(out, svgToPng(await pictureSvg(snapshot, options.tile, dark)));
      break;
    case 'pdf': {
      const pictures = await loadPictures();
      const page = { width: EXPORT_WIDTH, height: pictures.dashboardHeight(snapshot, EXPORT_WIDTH) + 48 };
      const partial = `${out}.${process.pid}.partial`;
      const printer = options.printer ?? chromiumPrinter(options.env ?? process.env);
      await printer.printPdf(sizedForPrint(await dashboardHtml(snapshot, { dark }), page), partial, page);
      await rename(partial, out);
      break;
    }
  }
  return { bytes: (await stat(out)).size };
}

async function pictureSvg(snapshot: DashboardSnapshot, tile: string | undefined, dark: boolean): Promise<string> {
  const pictures = await loadPictures();
  return tile === undefined
    ? pictures.dashboardSvg(snapshot, { dark, width: EXPORT_WIDTH })
    : pictures.tileSvg(snapshot, tile, { dark, width: EXPORT_WIDTH });
}

/** Tiles of a snapshot that failed, `id: message`, for a summary that says what is wrong. */
export function failedTiles(snapshot: DashboardSnapshot): string[] {
  return snapshot.run.tiles.filter((tile) => tile.status === 'error').map((tile) => `${tile.id}: ${tile.error?.message ?? 'failed'}`);
}
