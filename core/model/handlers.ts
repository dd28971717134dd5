import type { HandlersOf } from '../api/method.ts';
import type { modelMethods } from '../api/model.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { closest } from '../suggest.ts';
import { buildModels, compileWorkspace } from './build.ts';
import { modelDocs } from './docs.ts';
import { testModels } from './tests.ts';

export function modelHandlers(context: WorkbenchContext): HandlersOf<typeof modelMethods> {
  return {
    async buildModels({ select }) {
      return buildModels(context, { select, emit: (event) => context.events.emit(event) });
    },
    async testModels({ select }) {
      return testModels(context, select);
    },
    async modelDocs() {
      return modelDocs(context);
    },
    async compileModel({ name }) {
      const compiled = await compileWorkspace(context);
      const model = compiled.models.get(name);
      if (!model) {
        const suggestion = closest(name, [...compiled.models.keys()]);
        throw new WorkbenchError({
          code: 'not_found',
          message: `There is no model named "${name}".`,
          hint: suggestion ? `Did you mean "${suggestion}"?` : 'Models are the .sql files under models/.',
        });
      }
      return { name, file: model.model.file, sql: model.sql };
    },
  };
}
