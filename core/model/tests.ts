import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdentifier as quote, sqlString } from '../../connectors/sql.ts';
import type { TestResult, TestSummary } from '../api/model.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { parseDuckDBError } from '../engine/sqlError.ts';
import { compileWorkspace } from './build.ts';
import { selectModels, type CompiledProject } from './dag.ts';
import { recordTests } from './runs.ts';
import type { DataTestSpec } from './schemaYml.ts';

const SAMPLE_ROWS = 5;
const KINDS = ['unique', 'not_null', 'accepted_values', 'relationships'] as const;

interface PlannedTest {
  result: Omit<TestResult, 'status' | 'failures' | 'sample'>;
  severity: 'error' | 'warn';
}

/** Run schema.yml's data tests against the built models: each finds the offending rows; none found is a pass. */
export async function testModels(context: WorkbenchContext, select?: string[]): Promise<TestSummary> {
  const compiled = await compileWorkspace(context);
  const selected = new Set(selectModels(compiled, select));
  if (!select?.length) for (const seed of compiled.project.seeds.keys()) selected.add(seed);
  const planned = planTests(compiled).filter((test) => selected.has(test.result.model));
  const results: TestResult[] = [];
  await context.engine.withConnection(async (connection) => {
    for (const test of planned) results.push(await runTest(connection, test));
    await recordTests(connection, results);
  });
  return {
    results,
    passed: results.filter((result) => result.status === 'pass').length,
    failed: results.filter((result) => result.status === 'fail').length,
    warned: results.filter((result) => result.status === 'warn').length,
  };
}

async function runTest(connection: DuckDBConnection, test: PlannedTest): Promise<TestResult> {
  try {
    const count = Number((await connection.runAndReadAll(`SELECT count(*) FROM (${test.result.sql})`)).getRows()[0][0]);
    const sample =
      count === 0 ? [] : ((await connection.runAndReadAll(`${test.result.sql} LIMIT ${SAMPLE_ROWS}`)).getRowObjectsJson() as Record<string, unknown>[]);
    const status = count === 0 ? 'pass' : test.severity === 'warn' ? 'warn' : 'fail';
    return { ...test.result, status, failures: count, sample };
  } catch (error) {
    const parts = parseDuckDBError(error);
    throw new WorkbenchError(
      {
        code: 'test_failed_to_run',
        message: `Test ${test.result.name} could not run: ${parts.type} Error: ${parts.message.split('\n')[0]}`,
        where: test.result.where,
        hint: 'Build the model first (`bizops build`), and check the column names the test uses.',
      },
      { cause: error },
    );
  }
}

/** Every data test schema.yml declares, as SQL selecting the rows that break it. */
export function planTests(compiled: CompiledProject): PlannedTest[] {
  const planned: PlannedTest[] = [];
  for (const propertiesFile of compiled.project.properties) {
    for (const model of propertiesFile.models) {
      const relation = compiled.relationOf(model.name);
      if (!relation) {
        throw new WorkbenchError({
          code: 'model_missing',
          message: `${propertiesFile.file} describes "${model.name}", which is not a model or seed.`,
          where: `${propertiesFile.file}:${model.line}`,
          hint: 'Fix the name, or remove the entry.',
        });
      }
      const table = `${quote(relation.schema)}.${quote(relation.name)}`;
      (model.columns ?? []).forEach((column, columnIndex) => {
        [...(column.tests ?? []), ...(column.data_tests ?? [])].forEach((spec, testIndex) => {
          const list = testIndex < (column.tests?.length ?? 0) ? 'tests' : 'data_tests';
          const index = list === 'tests' ? testIndex : testIndex - (column.tests?.length ?? 0);
          const where = `${propertiesFile.file}:${propertiesFile.lineOf([...model.path, 'columns', columnIndex, list, index])}`;
          planned.push(planColumnTest(compiled, spec, { model: model.name, column: column.name, table, where }));
        });
      });
    }
  }
  return planned;
}

function planColumnTest(
  compiled: CompiledProject,
  spec: DataTestSpec,
  at: { model: string; column: string; table: string; where: string },
): PlannedTest {
  const [kind, options] = typeof spec === 'string' ? [spec, {}] : (Object.entries(spec)[0] as [string, Record<string, unknown>]);
  const column = quote(at.column);
  const severityText = String((options.config as { severity?: string } | undefined)?.severity ?? options.severity ?? 'error');
  const severity = severityText.toLowerCase() === 'warn' ? 'warn' : 'error';
  const base = { model: at.model, column: at.column, where: at.where };
  switch (kind) {
    case 'unique':
      return {
        severity,
        result: { ...base, kind, name: `unique_${at.model}_${at.column}`, sql: `SELECT ${column}, count(*) AS occurrences FROM ${at.table} WHERE ${column} IS NOT NULL GROUP BY ${column} HAVING count(*) > 1` },
      };
    case 'not_null':
      return { severity, result: { ...base, kind, name: `not_null_${at.model}_${at.column}`, sql: `SELECT * FROM ${at.table} WHERE ${column} IS NULL` } };
    case 'accepted_values': {
      const values = options.values;
      if (!Array.isArray(values) || values.length === 0) throw testSpecError(at.where, 'accepted_values needs `values:`, a list.');
      const list = values.map((value) => (typeof value === 'string' ? sqlString(value) : String(value))).join(', ');
      return {
        severity,
        result: { ...base, kind, name: `accepted_values_${at.model}_${at.column}`, sql: `SELECT ${column} AS value, count(*) AS occurrences FROM ${at.table} WHERE ${column} NOT IN (${list}) GROUP BY ${column}` },
      };
    }
    case 'relationships': {
      const to = typeof options.to === 'string' ? resolveRelation(compiled, options.to, at.where) : undefined;
      const field = typeof options.field === 'string' ? options.field : undefined;
      if (!to || !field) throw testSpecError(at.where, "relationships needs `to: ref('model')` and `field:`.");
      return {
        severity,
        result: {
          ...base,
          kind,
          name: `relationships_${at.model}_${at.column}__${field}`,
          sql: `SELECT child.${column} FROM ${at.table} AS child LEFT JOIN ${to} AS parent ON child.${column} = parent.${quote(field)} WHERE child.${column} IS NOT NULL AND parent.${quote(field)} IS NULL`,
        },
      };
    }
    default:
      throw testSpecError(at.where, `"${kind}" is not a data test here; supported: ${KINDS.join(', ')}.`);
  }
}

/** `ref('name')` or `source('src', 'table')` as written in a relationships test, resolved like a model's. */
function resolveRelation(compiled: CompiledProject, text: string, where: string): string {
  const ref = /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(text);
  if (ref) {
    const relation = compiled.relationOf(ref[1]);
    if (!relation) throw testSpecError(where, `ref('${ref[1]}') is not a model or seed.`);
    return `${quote(relation.schema)}.${quote(relation.name)}`;
  }
  const source = /^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(text);
  if (source) {
    for (const model of compiled.models.values()) {
      const found = model.dependencies.find((dependency) => dependency.kind === 'source' && dependency.source === source[1] && dependency.table === source[2]);
      if (found && found.kind === 'source') return `${quote(found.schema)}.${quote(found.identifier)}`;
    }
  }
  throw testSpecError(where, `${text} is not a ref() or source() that the project reads.`);
}

function testSpecError(where: string, message: string): WorkbenchError {
  return new WorkbenchError({ code: 'model_invalid', message: `${where}: ${message}`, where, hint: 'Tests follow dbt\'s schema.yml format.' });
}
