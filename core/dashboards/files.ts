import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { loadPack, loadPacks } from '../packs/load.ts';
import { dashboardName, parseDashboard, serializeDashboard, type Dashboard } from './format.ts';

/** A workspace dashboard by its file, or a metric pack's dashboard by the pack's name. */
export type DashboardSource = { file: string } | { pack: string };

export interface OpenedDashboard {
  file: string;
  dashboard: Dashboard;
  text: string;
}

export async function openDashboard(context: WorkbenchContext, source: DashboardSource): Promise<OpenedDashboard> {
  if ('pack' in source) {
    const pack = await loadPack(context.workspace, source.pack);
    if (!pack.dashboard) throw new WorkbenchError({ code: 'not_found', message: `Pack ${source.pack} has no dashboard.` });
    return { ...pack.dashboard, text: serializeDashboard(pack.dashboard.dashboard) };
  }
  const path = dashboardPath(context, source.file);
  if (!existsSync(path)) throw new WorkbenchError({ code: 'not_found', message: `${source.file} does not exist.`, where: source.file });
  const text = await readFile(path, 'utf8');
  return { file: source.file, dashboard: parseDashboard(text, source.file), text };
}

/** A dashboard path inside the workspace's dashboards/ folder, never outside it. */
export function dashboardPath(context: WorkbenchContext, file: string): string {
  const path = normalize(join(context.workspace.root, file));
  if (!path.startsWith(join(context.workspace.root, 'dashboards') + sep)) {
    throw new WorkbenchError({ code: 'invalid_argument', message: `${file} is not in the workspace's dashboards/ folder.` });
  }
  return path;
}

/**
 * What a user means by a dashboard on the command line: a file (`dashboards/revenue.dashboard.yml`), a name
 * (`revenue`), or a metric pack whose dashboard it is (`sales`), in that order.
 */
export async function findDashboard(context: WorkbenchContext, given: string): Promise<DashboardSource> {
  const files = await context.workspace.listFiles('dashboards', '.dashboard.yml');
  const relativeFile = given.replace(/^\.\//, '');
  const byFile = files.find((file) => file === relativeFile || join(context.workspace.root, file) === normalize(given));
  if (byFile) return { file: byFile };
  const byName = files.find((file) => dashboardName(file) === given);
  if (byName) return { file: byName };
  const packs = await loadPacks(context.workspace);
  if (packs.get(given)?.dashboard) return { pack: given };
  throw new WorkbenchError({
    code: 'not_found',
    message: `There is no dashboard "${given}".`,
    where: join(context.workspace.root, 'dashboards'),
    hint: `Dashboards: ${[...files.map(dashboardName), ...[...packs.values()].filter((pack) => pack.dashboard).map((pack) => `${pack.info.name} (pack)`)].join(', ') || 'none'}.`,
  });
}
