import { WorkbenchError } from '../errors.ts';
import { RELATIVE_PERIODS, type Dashboard } from './format.ts';
import type { ParameterValues } from './run.ts';

/**
 * Parameter values as written on a command line, `name=value`, read by the parameter's type: a date range as
 * `2025-01-01..2026-01-01` (the second date excluded) or a relative period (`last_year`), a number as a number.
 */
export function parameterValuesFromText(dashboard: Dashboard, assignments: string[]): ParameterValues {
  const values: ParameterValues = {};
  for (const assignment of assignments) {
    const match = /^([a-z][a-z0-9_]*)=(.*)$/s.exec(assignment);
    if (!match) {
      throw new WorkbenchError({ code: 'invalid_argument', message: `"${assignment}" is not name=value.`, hint: 'Write a parameter as --param period=2025-01-01..2026-01-01 or --param segment=SMB.' });
    }
    const [, name, text] = match;
    const parameter = dashboard.parameters.find((candidate) => candidate.name === name);
    if (!parameter) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The dashboard has no parameter "${name}".`,
        hint: `Its parameters: ${dashboard.parameters.map((candidate) => `${candidate.name} (${candidate.type})`).join(', ') || 'none'}.`,
      });
    }
    if (parameter.type === 'date_range') {
      const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
      if (range) values[name] = { from: range[1], to: range[2] };
      else if ((RELATIVE_PERIODS as readonly string[]).includes(text)) values[name] = text;
      else {
        throw new WorkbenchError({
          code: 'invalid_argument',
          message: `--param ${name}=${text}: a date range is FROM..TO or a relative period.`,
          hint: `e.g. ${name}=2025-01-01..2026-01-01 (TO excluded) or ${name}=last_year; relative periods: ${RELATIVE_PERIODS.join(', ')}.`,
        });
      }
    } else if (parameter.type === 'number' || (parameter.type === 'select' && parameter.options?.every((option) => typeof option === 'number'))) {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) {
        throw new WorkbenchError({ code: 'invalid_argument', message: `--param ${name}=${text}: "${name}" takes a number.`, hint: `e.g. ${name}=10.` });
      }
      values[name] = number;
    } else {
      values[name] = text;
    }
  }
  return values;
}
