import { z } from 'zod';
import { WorkbenchError } from '../errors.ts';
import { describeIssues, parseYamlFile } from '../yamlFile.ts';

/**
 * dbt's properties files (`models/**\/*.yml`, usually schema.yml): descriptions of models, columns and sources,
 * and data tests. Unknown dbt keys that do not change what gets built (meta, tags, docs, …) are accepted.
 */
const testConfig = z.object({ severity: z.enum(['error', 'warn', 'ERROR', 'WARN']).optional(), where: z.string().optional() }).loose();

const dataTest = z.union([
  z.string(),
  z.record(
    z.string(),
    z
      .object({
        values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
        to: z.string().optional(),
        field: z.string().optional(),
        config: testConfig.optional(),
        severity: z.string().optional(),
      })
      .loose(),
  ),
]);

const column = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    data_type: z.string().optional(),
    tests: z.array(dataTest).optional(),
    data_tests: z.array(dataTest).optional(),
  })
  .loose();

const modelProperties = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    config: z.object({ materialized: z.string().optional(), schema: z.string().optional() }).loose().optional(),
    columns: z.array(column).optional(),
    tests: z.array(dataTest).optional(),
    data_tests: z.array(dataTest).optional(),
  })
  .loose();

const sourceProperties = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    schema: z.string().optional(),
    tables: z
      .array(
        z
          .object({
            name: z.string(),
            identifier: z.string().optional(),
            description: z.string().optional(),
            columns: z.array(column).optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

const propertiesFile = z
  .object({
    version: z.number().optional(),
    models: z.array(modelProperties).optional(),
    seeds: z.array(modelProperties).optional(),
    sources: z.array(sourceProperties).optional(),
  })
  .loose();

export type ModelProperties = z.output<typeof modelProperties>;
export type SourceProperties = z.output<typeof sourceProperties>;
export type DataTestSpec = z.output<typeof dataTest>;

export interface PropertiesFile {
  file: string;
  /** Each entry with where it is in the file: its YAML path and line. */
  models: (ModelProperties & { path: (string | number)[]; line: number })[];
  sources: (SourceProperties & { path: (string | number)[]; line: number })[];
  /** Where each column's tests are written, by `model.column`, for error messages. */
  lineOf(path: readonly (string | number)[]): number;
}

export function parsePropertiesFile(text: string, file: string): PropertiesFile {
  const yaml = parseYamlFile(text);
  if (yaml.syntaxError) {
    throw new WorkbenchError({
      code: 'model_invalid',
      message: `${file} is not valid YAML: ${yaml.syntaxError.message}`,
      where: `${file}:${yaml.syntaxError.line}`,
      hint: 'Fix the YAML at that line.',
    });
  }
  const parsed = propertiesFile.safeParse(yaml.value);
  if (!parsed.success) {
    const [problem] = describeIssues(parsed.error.issues, propertiesFile, yaml);
    throw new WorkbenchError({
      code: 'model_invalid',
      message: `${file}:${problem.line}: ${problem.text}`,
      where: `${file}:${problem.line}`,
      hint: 'Properties files follow dbt\'s format: models, columns, tests and sources.',
    });
  }
  const withLines = <T>(items: T[] | undefined, key: string) =>
    (items ?? []).map((item, i) => ({ ...item, path: [key, i], line: yaml.line([key, i]) }));
  return {
    file,
    models: [...withLines(parsed.data.models, 'models'), ...withLines(parsed.data.seeds, 'seeds')],
    sources: withLines(parsed.data.sources, 'sources'),
    lineOf: yaml.line,
  };
}
