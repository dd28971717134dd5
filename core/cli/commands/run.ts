import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DASHBOARD_EXPORT_FORMATS, type DashboardExportFormat } from '../../api/dashboards.ts';
import type { ErrorInfo } from '../../api/envelope.ts';
import { dashboardSnapshot, failedTiles, writeExport } from '../../dashboards/export/export.ts';
import { openDashboard } from '../../dashboards/files.ts';
import { dashboardName } from '../../dashboards/format.ts';
import { parameterValuesFromText } from '../../dashboards/parameterText.ts';
import { formatErrorInfo, toErrorInfo, WorkbenchError } from '../../errors.ts';
import { buildModels } from '../../model/build.ts';
import { testModels } from '../../model/tests.ts';
import { openSession, type Session } from '../../service.ts';
import { syncSources } from '../../sync/sync.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';
import { formatSize, shownPath } from './export.ts';

const STEPS = ['sync', 'build', 'test', 'export', 'push'] as const;
type StepName = (typeof STEPS)[number];
const DEFAULT_FORMATS: DashboardExportFormat[] = ['html'];

interface RunOptions {
  workspace?: string;
  out: string;
  format: DashboardExportFormat[];
  param?: string[];
  push?: string;
  skip?: StepName[];
  dark?: boolean;
  json?: boolean;
}

/** One step of a run as the summary and `--json` report it. */
interface StepReport {
  step: StepName;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  /** One line of what it did, or why it was skipped. */
  summary: string;
  error?: ErrorInfo;
}

interface ExportReport {
  dashboard: string;
  title: string;
  status: 'ok' | 'failed';
  files: { format: DashboardExportFormat; path: string; bytes: number; seconds: number }[];
  /** Tiles that failed, `id: message`, or why the dashboard could not be exported. */
  errors: string[];
}

export interface RunReport {
  status: 'ok' | 'failed';
  workspace: string;
  out: string;
  seconds: number;
  steps: StepReport[];
  exports: ExportReport[];
}

export function registerRun(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('run')
      .description('The scheduled job: sync, build, test, export every dashboard to a folder, and push if asked; fails if any step fails.')
      .option('--out <dir>', 'where the exports go, with an index.html linking them', 'exports')
      .addOption(new Option('--format <formats...>', `export formats: ${DASHBOARD_EXPORT_FORMATS.join(', ')}`).argParser(parseFormats).default(DEFAULT_FORMATS, 'html'))
      .option('--param <name=value>', 'a parameter value for every dashboard that has that parameter, e.g. period=last_month; repeatable', collect)
      .option('--push <warehouse>', 'then push every table of the core schema to this warehouse of bizops.yml')
      .option('--skip <steps...>', 'steps to leave out: sync, build, test', parseSteps)
      .option('--dark', 'export in the dark theme')
      .option('--json', 'print the report as one JSON object on standard output (progress goes to standard error)'),
  ).action(async (options: RunOptions) => {
    const started = performance.now();
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    const out = resolve(io.cwd, options.out);
    const report: RunReport = { status: 'ok', workspace: session.workspace.root, out, seconds: 0, steps: [], exports: [] };
    const say = (line: string) => io.stderr.write(`${line}\n`);
    try {
      let failed = false;
      for (const step of STEPS) {
        const skipped = skipReason(step, options, session, failed);
        if (skipped) {
          report.steps.push({ step, status: 'skipped', seconds: 0, summary: skipped });
          continue;
        }
        await say(`› ${step}`);
        const stepStarted = performance.now();
        let result: Omit<StepReport, 'step' | 'seconds'>;
        try {
          result = await STEP_RUNNERS[step]({ session, options, out, report, say });
        } catch (error) {
          const info = toErrorInfo(error);
          result = { status: 'failed', summary: info.message, error: info };
        }
        report.steps.push({ step, seconds: (performance.now() - stepStarted) / 1000, ...result });
        if (result.status === 'failed') failed = true;
      }
      report.status = failed ? 'failed' : 'ok';
    } finally {
      await session.close();
    }
    report.seconds = (performance.now() - started) / 1000;
    if (options.json) await io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else await io.stdout.write(summaryText(report, io.cwd));
    if (report.status === 'failed') {
      const failedSteps = report.steps.filter((step) => step.status === 'failed').map((step) => step.step);
      throw new WorkbenchError({
        code: 'run_failed',
        message: `The run failed at: ${failedSteps.join(', ')}.`,
        where: report.workspace,
        hint: 'Each failure is listed above with what to fix; steps after a failed one were skipped, and the previous data is unchanged.',
      });
    }
  });
}

function skipReason(step: StepName, options: RunOptions, session: Session, failed: boolean): string | undefined {
  if (options.skip?.includes(step)) return 'skipped (--skip)';
  if (failed) return 'skipped: an earlier step failed';
  if (step === 'sync' && Object.keys(session.workspace.config.sources).length === 0) return 'skipped: bizops.yml declares no sources';
  if (step === 'push' && !options.push) return 'skipped: no --push warehouse';
  return undefined;
}

interface StepContext {
  session: Session;
  options: RunOptions;
  out: string;
  report: RunReport;
  say(line: string): void | Promise<void>;
}

const STEP_RUNNERS: Record<StepName, (context: StepContext) => Promise<Omit<StepReport, 'step' | 'seconds'>>> = {
  async sync({ session }) {
    const summaries = await syncSources(session, undefined, {});
    const failed = summaries.filter((summary) => summary.status !== 'success');
    const rows = summaries.reduce((sum, summary) => sum + summary.rows, 0);
    if (failed.length > 0) {
      return {
        status: 'failed',
        summary: failed.map((summary) => `${summary.source}: ${summary.error ? formatErrorInfo(summary.error) : summary.status}`).join('; '),
        error: failed[0].error,
      };
    }
    return { status: 'ok', summary: `${plural(summaries.length, 'source')}, ${rows.toLocaleString('en-US')} rows` };
  },
  async build({ session }) {
    const summary = await buildModels(session, {});
    return { status: 'ok', summary: plural(summary.models.length, 'model') };
  },
  async test({ session }) {
    const summary = await testModels(session);
    const failing = summary.results.filter((result) => result.status === 'fail').map((result) => result.name);
    return {
      status: summary.failed > 0 ? 'failed' : 'ok',
      summary: `${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned${failing.length ? ` (${failing.join(', ')})` : ''}`,
    };
  },
  async export({ session, options, out, report, say }) {
    await mkdir(out, { recursive: true });
    const files = await session.workspace.listFiles('dashboards', '.dashboard.yml');
    for (const file of files) report.exports.push(await exportOne(session, file, options, out, say));
    await writeFile(join(out, 'index.html'), indexHtml(session.workspace.config.name, report.exports, out));
    const failed = report.exports.filter((entry) => entry.status === 'failed');
    return {
      status: failed.length > 0 ? 'failed' : 'ok',
      summary: `${plural(files.length, 'dashboard')} to ${options.format.join(', ')}${failed.length > 0 ? `, ${failed.length} with errors` : ''}`,
    };
  },
  async push({ session, options }) {
    const tables = await session.engine.withConnection(async (connection) =>
      (await connection.runAndReadAll("select table_name from information_schema.tables where table_schema = 'core' order by 1")).getRows().map((row) => String(row[0])),
    );
    if (tables.length === 0) return { status: 'failed', summary: 'the core schema has no tables to push: build first' };
    let rows = 0;
    for (const table of tables) {
      const result = await session.handlers.pushToWarehouse({ warehouse: options.push!, source: { table: `core.${table}` }, mode: 'replace' });
      rows += result.rows;
    }
    return { status: 'ok', summary: `${plural(tables.length, 'table')}, ${rows.toLocaleString('en-US')} rows to ${options.push}` };
  },
};

async function exportOne(session: Session, file: string, options: RunOptions, out: string, say: StepContext['say']): Promise<ExportReport> {
  const entry: ExportReport = { dashboard: file, title: dashboardName(file), status: 'ok', files: [], errors: [] };
  try {
    const { dashboard } = await openDashboard(session, { file });
    entry.title = dashboard.title;
    const names = new Set(dashboard.parameters.map((parameter) => parameter.name));
    const values = parameterValuesFromText(dashboard, (options.param ?? []).filter((assignment) => names.has(assignment.split('=')[0])));
    const snapshot = await dashboardSnapshot(session, dashboard, values);
    entry.errors = failedTiles(snapshot);
    for (const format of options.format) {
      const started = performance.now();
      const path = join(out, `${dashboardName(file)}.${format}`);
      const { bytes } = await writeExport(snapshot, path, { format, dark: options.dark, env: process.env });
      entry.files.push({ format, path, bytes, seconds: (performance.now() - started) / 1000 });
    }
  } catch (error) {
    entry.errors.push(formatErrorInfo(toErrorInfo(error)));
  }
  if (entry.errors.length > 0) entry.status = 'failed';
  await say(`  ${entry.status === 'ok' ? '✓' : '✗'} ${file}${entry.files.length ? ` → ${entry.files.map((f) => `${f.format} ${formatSize(f.bytes)}`).join(', ')}` : ''}`);
  return entry;
}

function summaryText(report: RunReport, cwd: string): string {
  const mark = { ok: '✓', failed: '✗', skipped: '-' } as const;
  const lines = report.steps.map((step) => `${mark[step.status]} ${step.step.padEnd(7)} ${step.summary}${step.status === 'skipped' ? '' : ` (${step.seconds.toFixed(1)} s)`}`);
  for (const entry of report.exports) {
    for (const file of entry.files) lines.push(`    ${shownPath(cwd, file.path)}  ${formatSize(file.bytes)}  ${file.seconds.toFixed(1)} s`);
    for (const error of entry.errors) lines.push(`    ✗ ${entry.dashboard}: ${error}`);
  }
  lines.push(`${report.status === 'ok' ? 'Run succeeded' : 'Run failed'} in ${report.seconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}

/** A plain page linking every export: what a CI job publishes as its pages. */
function indexHtml(workspace: string, exports: ExportReport[], out: string): string {
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  const items = exports
    .map((entry) => {
      const links = entry.files.map((file) => `<a href="${escape(relative(out, file.path))}">${file.format.toUpperCase()}</a>`).join(' · ');
      return `<li><strong>${escape(entry.title)}</strong> ${links}${entry.status === 'failed' ? ' <em>(with errors)</em>' : ''}</li>`;
    })
    .join('\n');
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${escape(workspace)} dashboards</title><style>body{font-family:system-ui,sans-serif;margin:40px;color:#1d2430}li{margin:8px 0}</style></head>\n` +
    `<body><h1>${escape(workspace)}</h1><p>Exported ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC</p><ul>\n${items}\n</ul></body></html>\n`
  );
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseFormats(value: string, previous: DashboardExportFormat[] | undefined): DashboardExportFormat[] {
  const formats = value.split(',').map((format) => format.trim());
  for (const format of formats) {
    if (!(DASHBOARD_EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new InvalidArgumentError(`formats are ${DASHBOARD_EXPORT_FORMATS.join(', ')}, e.g. --format html,png.`);
    }
  }
  // The default is replaced by what is given, not added to.
  const kept = previous && previous !== DEFAULT_FORMATS ? previous : [];
  return [...new Set([...kept, ...(formats as DashboardExportFormat[])])];
}

function parseSteps(value: string, previous: StepName[] | undefined): StepName[] {
  const steps = value.split(',').map((step) => step.trim());
  for (const step of steps) {
    if (!['sync', 'build', 'test'].includes(step)) {
      throw new InvalidArgumentError('the steps that can be skipped are sync, build and test.');
    }
  }
  return [...(previous ?? []), ...(steps as StepName[])];
}

