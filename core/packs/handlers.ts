import type { HandlersOf } from '../api/method.ts';
import type { packMethods } from '../api/packs.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { loadPack, loadPacks } from './load.ts';
import { packQuery, runPack } from './run.ts';

export function packHandlers(context: WorkbenchContext): HandlersOf<typeof packMethods> {
  return {
    async listPacks() {
      return [...(await loadPacks(context.workspace)).values()].map((pack) => pack.info);
    },
    async runPack(request) {
      return runPack(context, request);
    },
    async packQuery(request) {
      return packQuery(context, request);
    },
    async packDashboard({ pack }) {
      const loaded = await loadPack(context.workspace, pack);
      if (!loaded.dashboard) {
        throw new WorkbenchError({ code: 'not_found', message: `Pack ${pack} has no dashboard.yml.`, where: loaded.info.folder });
      }
      return loaded.dashboard;
    },
  };
}
