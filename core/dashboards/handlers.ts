import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import type { dashboardMethods } from '../api/dashboards.ts';
import type { HandlersOf } from '../api/method.ts';
import type { WorkbenchContext } from '../context.ts';
import { toErrorInfo, WorkbenchError } from '../errors.ts';
import { loadPack } from '../packs/load.ts';
import { writeFileAtomic } from '../workspace/workspace.ts';
import { parseDashboard, serializeDashboard, type Dashboard } from './format.ts';
import { parameterOptions, runDashboard } from './run.ts';

type Source = { file: string } | { pack: string };

export function dashboardHandlers(context: WorkbenchContext): HandlersOf<typeof dashboardMethods> {
  const open = async (source: Source): Promise<{ file: string; dashboard: Dashboard; text: string }> => {
    if ('pack' in source) {
      const pack = await loadPack(context.workspace, source.pack);
      if (!pack.dashboard) throw new WorkbenchError({ code: 'not_found', message: `Pack ${source.pack} has no dashboard.` });
      return { ...pack.dashboard, text: serializeDashboard(pack.dashboard.dashboard) };
    }
    const path = workspaceFile(context, source.file);
    if (!existsSync(path)) throw new WorkbenchError({ code: 'not_found', message: `${source.file} does not exist.`, where: source.file });
    const text = await readFile(path, 'utf8');
    return { file: source.file, dashboard: parseDashboard(text, source.file), text };
  };

  return {
    async listDashboards() {
      const files = await context.workspace.listFiles('dashboards', '.dashboard.yml');
      return Promise.all(
        files.map(async (file) => {
          try {
            const { dashboard } = await open({ file });
            return { file, title: dashboard.title, ...(dashboard.description && { description: dashboard.description }) };
          } catch (error) {
            return { file, title: file.replace(/^dashboards\//, '').replace(/\.dashboard\.yml$/, ''), error: toErrorInfo(error) };
          }
        }),
      );
    },
    async readDashboard({ source }) {
      return open(source);
    },
    async runDashboard({ source, values }) {
      return runDashboard(context, (await open(source)).dashboard, values ?? {});
    },
    async parameterOptions({ source, parameter }) {
      const { dashboard } = await open(source);
      const found = dashboard.parameters.find((candidate) => candidate.name === parameter);
      if (!found) throw new WorkbenchError({ code: 'not_found', message: `The dashboard has no parameter "${parameter}".` });
      return parameterOptions(context, found);
    },
    async saveDashboard({ file, dashboard }) {
      const path = workspaceFile(context, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, serializeDashboard(dashboard));
      return { file };
    },
    async copyPackDashboard({ pack, name }) {
      const { dashboard } = await open({ pack });
      const file = `dashboards/${name ?? pack}.dashboard.yml`;
      if (existsSync(workspaceFile(context, file))) {
        throw new WorkbenchError({
          code: 'already_exists',
          message: `${file} already exists.`,
          where: file,
          hint: 'Choose another name for the copy, or open the existing dashboard.',
        });
      }
      const path = workspaceFile(context, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, serializeDashboard(dashboard));
      return { file };
    },
  };
}

/** A dashboard path inside the workspace's dashboards/ folder, never outside it. */
function workspaceFile(context: WorkbenchContext, file: string): string {
  const path = normalize(join(context.workspace.root, file));
  if (!path.startsWith(join(context.workspace.root, 'dashboards'))) {
    throw new WorkbenchError({ code: 'invalid_argument', message: `${file} is not in the workspace's dashboards/ folder.` });
  }
  return path;
}
