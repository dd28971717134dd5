import type { HandlersOf } from '../api/method.ts';
import type { resultMethods } from '../api/results.ts';
import type { WorkbenchContext } from '../context.ts';
import { readChartData } from './chartData.ts';
import { exportResult, exportsDir } from './export.ts';
import { refineResult } from './refine.ts';

export function resultHandlers({ engine, workspace }: WorkbenchContext): HandlersOf<typeof resultMethods> {
  return {
    async refineResult({ queryId, sort, filters, pageSize }) {
      const refined = await engine.withResultTable(queryId, async (result) => ({
        ...(await refineResult(result, { sort, filters })),
        unrefinedRowCount: result.rowCount,
      }));
      return { ...refined, firstPage: await engine.fetchPage(queryId, 0, pageSize) };
    },
    async exportResult({ queryId, format, name }) {
      return engine.withResultTable(queryId, (result) =>
        exportResult(result, { exportsDir: exportsDir(workspace.stateDir), format, name: name ?? 'result' }),
      );
    },
    async chartData({ queryId, ...request }) {
      return engine.withResultTable(queryId, (result) => readChartData(result, request));
    },
  };
}
