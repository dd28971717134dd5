import { randomBytes } from 'node:crypto';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { DOWNLOADS_PATH } from '../api/httpTransport.ts';
import type { dashboardMethods } from '../api/dashboards.ts';
import type { HandlersOf } from '../api/method.ts';
import type { WorkbenchContext } from '../context.ts';
import { exportsDir } from '../engine/export.ts';
import { toErrorInfo, WorkbenchError } from '../errors.ts';
import { writeFileAtomic } from '../workspace/workspace.ts';
import { dashboardSnapshot, writeExport } from './export/export.ts';
import { dashboardPath, openDashboard, type DashboardSource } from './files.ts';
import { dashboardName, serializeDashboard, type Dashboard } from './format.ts';
import { parameterOptions, runDashboard } from './run.ts';
import { ensureSchemaBeside } from './schemaFile.ts';

export function dashboardHandlers(context: WorkbenchContext): HandlersOf<typeof dashboardMethods> {
  const open = (source: DashboardSource) => openDashboard(context, source);
  const watcher = new DashboardWatcher(context);
  const definition = async (source: DashboardSource, draft: Dashboard | undefined) => draft ?? (await open(source)).dashboard;

  return {
    async listDashboards() {
      watcher.start();
      const files = await context.workspace.listFiles('dashboards', '.dashboard.yml');
      return Promise.all(
        files.map(async (file) => {
          try {
            const { dashboard } = await open({ file });
            return { file, title: dashboard.title, ...(dashboard.description && { description: dashboard.description }) };
          } catch (error) {
            return { file, title: dashboardName(file), error: toErrorInfo(error) };
          }
        }),
      );
    },
    async readDashboard({ source }) {
      watcher.start();
      return open(source);
    },
    async runDashboard({ source, dashboard, values, tiles }) {
      return runDashboard(context, await definition(source, dashboard), values ?? {}, { tiles });
    },
    async parameterOptions({ source, dashboard, parameter }) {
      const found = (await definition(source, dashboard)).parameters.find((candidate) => candidate.name === parameter);
      if (!found) throw new WorkbenchError({ code: 'not_found', message: `The dashboard has no parameter "${parameter}".` });
      return parameterOptions(context, found);
    },
    async saveDashboard({ file, dashboard, baseText }) {
      const path = dashboardPath(context, file);
      if (baseText !== undefined) {
        const current = existsSync(path) ? await readFile(path, 'utf8') : null;
        if (current !== baseText) {
          throw new WorkbenchError({
            code: baseText === null ? 'already_exists' : 'changed_on_disk',
            message: baseText === null ? `${file} already exists.` : `${file} changed on disk since it was opened.`,
            where: file,
            hint: baseText === null ? 'Choose another name, or open the existing dashboard.' : 'Reload it to see the other change, or save again to replace it with yours.',
          });
        }
      }
      const text = serializeDashboard(dashboard, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, text);
      await ensureSchemaBeside(context.workspace.root);
      return { file, text };
    },
    async copyPackDashboard({ pack, name }) {
      const { dashboard } = await open({ pack });
      const file = `dashboards/${name ?? pack}.dashboard.yml`;
      const path = dashboardPath(context, file);
      if (existsSync(path)) {
        throw new WorkbenchError({
          code: 'already_exists',
          message: `${file} already exists.`,
          where: file,
          hint: 'Choose another name for the copy, or open the existing dashboard.',
        });
      }
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, serializeDashboard(dashboard, file));
      await ensureSchemaBeside(context.workspace.root);
      return { file };
    },
    async exportDashboard({ source, dashboard, values, format, tile, dark }) {
      const started = performance.now();
      const shown = await definition(source, dashboard);
      const snapshot = await dashboardSnapshot(context, shown, values ?? {});
      const id = randomBytes(9).toString('base64url');
      const base = 'pack' in source ? source.pack : dashboardName(source.file);
      const fileName = `${tile ? `${base}-${tile}` : base}.${format}`;
      const path = join(exportsDir(context.workspace.stateDir), id, fileName);
      const { bytes } = await writeExport(snapshot, path, { format, tile, dark, printer: context.printer });
      return {
        fileName,
        path,
        downloadPath: `${DOWNLOADS_PATH}${id}/${encodeURIComponent(fileName)}`,
        bytes,
        seconds: (performance.now() - started) / 1000,
      };
    },
  };
}

/**
 * Tells the UI when a dashboard file in dashboards/ changes on disk (an editor, a git pull), so an open dashboard
 * can reload. Started by the first call that shows dashboards; it never keeps the process alive.
 */
class DashboardWatcher {
  private watcher: FSWatcher | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly context: WorkbenchContext) {}

  start(): void {
    const dir = join(this.context.workspace.root, 'dashboards');
    if (this.watcher || !existsSync(dir)) return;
    try {
      // Not recursive: Node's recursive watching on Linux keeps the process alive whatever unref() says.
      this.watcher = watch(dir, (_event, name) => name && this.changed(join(dir, name.toString())));
    } catch {
      return;
    }
    this.watcher.unref();
    this.watcher.on('error', () => {
      this.watcher?.close();
      this.watcher = undefined;
    });
  }

  private changed(path: string): void {
    if (!path.endsWith('.dashboard.yml')) return;
    const file = relative(this.context.workspace.root, path).split(sep).join('/');
    // An editor's save or a checkout is several writes: tell once when they have settled.
    clearTimeout(this.pending.get(file));
    const timer = setTimeout(() => {
      this.pending.delete(file);
      this.context.events.emit({ type: 'dashboard.changed', file });
    }, 150);
    timer.unref();
    this.pending.set(file, timer);
  }
}
