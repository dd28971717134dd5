import { extname, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DASHBOARD_EXPORT_FORMATS, type DashboardExportFormat } from '../../api/dashboards.ts';
import { dashboardSnapshot, failedTiles, writeExport } from '../../dashboards/export/export.ts';
import { findDashboard, openDashboard } from '../../dashboards/files.ts';
import { dashboardName } from '../../dashboards/format.ts';
import { parameterValuesFromText } from '../../dashboards/parameterText.ts';
import { WorkbenchError } from '../../errors.ts';
import { openSession } from '../../service.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

interface ExportOptions {
  workspace?: string;
  format?: DashboardExportFormat;
  out?: string;
  param?: string[];
  tile?: string;
  dark?: boolean;
}

export function registerExport(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('export')
      .description('Export a dashboard with fresh numbers: one self-contained HTML file, SVG, PNG or PDF (PDF needs Chromium).')
      .argument('<dashboard>', 'a dashboard file, its name (revenue for dashboards/revenue.dashboard.yml), or a metric pack')
      .addOption(new Option('--format <format>', 'what to write (default: from --out, else html)').choices(DASHBOARD_EXPORT_FORMATS))
      .option('--out <path>', 'the file to write (default: <name>.<format> in the current folder)')
      .option('--param <name=value>', 'a parameter value, e.g. period=2025-01-01..2026-01-01, period=last_year, segment=SMB; repeatable', collect)
      .option('--tile <id>', 'one tile only, as SVG or PNG')
      .option('--dark', 'the dark theme'),
  ).action(async (given: string, options: ExportOptions) => {
    const format = options.format ?? formatOf(options.out) ?? 'html';
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const started = performance.now();
      const source = await findDashboard(session, given);
      const { dashboard } = await openDashboard(session, source);
      const values = parameterValuesFromText(dashboard, options.param ?? []);
      const name = 'pack' in source ? source.pack : dashboardName(source.file);
      const out = resolve(io.cwd, options.out ?? `${options.tile ? `${name}-${options.tile}` : name}.${format}`);
      const snapshot = await dashboardSnapshot(session, dashboard, values);
      const { bytes } = await writeExport(snapshot, out, { format, tile: options.tile, dark: options.dark, env: io.env });
      await io.stdout.write(`✓ ${shownPath(io.cwd, out)} (${format.toUpperCase()}, ${formatSize(bytes)}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      const failed = failedTiles(snapshot).filter((line) => options.tile === undefined || line.startsWith(`${options.tile}:`));
      if (failed.length > 0) {
        for (const line of failed) await io.stderr.write(`✗ tile ${line}\n`);
        throw new WorkbenchError({
          code: 'tiles_failed',
          message: `${failed.length} tile${failed.length === 1 ? '' : 's'} of ${name} failed; the export shows ${failed.length === 1 ? 'its error' : 'their errors'} in place.`,
          where: 'pack' in source ? `pack ${source.pack}` : source.file,
          hint: 'Fix the tile SQL (the errors above say where), then export again.',
        });
      }
    } finally {
      await session.close();
    }
  });
}

function formatOf(out: string | undefined): DashboardExportFormat | undefined {
  const extension = out ? extname(out).slice(1).toLowerCase() : '';
  return (DASHBOARD_EXPORT_FORMATS as readonly string[]).includes(extension) ? (extension as DashboardExportFormat) : undefined;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A path as the user can use it from where they are: relative below the current folder, absolute elsewhere. */
export function shownPath(cwd: string, path: string): string {
  const nearby = relative(cwd, path);
  return nearby.startsWith('..') ? path : nearby;
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
