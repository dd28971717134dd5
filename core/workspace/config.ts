import { z } from 'zod';
import { WorkbenchError } from '../errors.ts';
import { describeIssues, parseYamlFile, type YamlFile } from '../yamlFile.ts';
import { sourceScheduleSchema } from './schedule.ts';

export const CONFIG_FILE = 'bizops.yml';

/** Names that become schema names (`raw_<source>`) and environment variable parts (`BIZOPS_<SOURCE>_…`). */
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_", starting with a letter');

export const sourceConfigSchema = z
  .object({
    type: z.string().min(1),
    /** The connector's own options; secrets are not allowed here, only `${env:VAR}` references. */
    options: z.record(z.string(), z.unknown()).default({}),
    /** Which tables to sync (their raw names or the source's names for them); all by default. */
    tables: z.array(z.string().min(1)).min(1).optional(),
    /** Refresh while the app runs: `{ every_hours: 6 }` or `{ cron: "0 7 * * 1-5" }` (see schedule.ts). */
    schedule: sourceScheduleSchema.optional(),
  })
  .strict();

export const warehouseConfigSchema = z
  .object({
    type: z.literal('postgres'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    schema: z.string().min(1).default('public'),
    sslmode: z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']).default('prefer'),
  })
  .strict();

export const workspaceConfigSchema = z
  .object({
    name: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as USD or EUR').default('USD'),
    sources: z.record(identifier, sourceConfigSchema).default({}),
    warehouses: z.record(identifier, warehouseConfigSchema).default({}),
    /** Variables for models (`{{ var('x') }}`), e.g. mappings that differ between companies. */
    vars: z.record(z.string(), z.unknown()).default({}),
    /** Settings of the workspace's DuckDB, e.g. to bound its memory on a small laptop. */
    engine: z
      .object({
        memory_limit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)$/i, 'write an amount such as 2GB, 512MB or 50%').optional(),
        threads: z.number().int().min(1).max(256).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type WorkspaceConfig = z.output<typeof workspaceConfigSchema>;
export type SourceConfig = WorkspaceConfig['sources'][string];
export type WarehouseConfig = WorkspaceConfig['warehouses'][string];

/** A validated bizops.yml that can still say which line any of its values came from. */
export interface LoadedConfig {
  config: WorkspaceConfig;
  /** `bizops.yml:12` for the value at `path`, or the nearest enclosing value that exists. */
  locate(path: readonly PropertyKey[]): string;
  /** `bizops.yml:12` for the key `key` of the map at `path`. */
  locateKey(path: readonly PropertyKey[], key: string): string;
  /** The file's lines, for describing problems found later in parts of it (a connector's options). */
  file: Pick<YamlFile, 'line' | 'keyLine'>;
  label: string;
}

export function parseWorkspaceConfig(text: string, fileLabel = CONFIG_FILE): LoadedConfig {
  const file = parseYamlFile(text);
  if (file.syntaxError) {
    const where = `${fileLabel}:${file.syntaxError.line}`;
    throw configError([`${where}: ${file.syntaxError.message}`], where, 'Fix the YAML syntax at that line.');
  }
  const loaded = {
    file,
    label: fileLabel,
    locate: (path: readonly PropertyKey[]) => `${fileLabel}:${file.line(path)}`,
    locateKey: (path: readonly PropertyKey[], key: string) => `${fileLabel}:${file.keyLine(path, key)}`,
  };
  const parsed = workspaceConfigSchema.safeParse(file.value);
  if (!parsed.success) throw configProblems(parsed.error.issues, workspaceConfigSchema, [], loaded);
  return { config: parsed.data, ...loaded };
}

/** One error for every problem a schema found in (part of) bizops.yml, each with its line. */
export function configProblems(
  issues: z.core.$ZodIssue[],
  schema: z.core.$ZodType,
  prefix: readonly PropertyKey[],
  loaded: Pick<LoadedConfig, 'file' | 'label'>,
  hint = 'Fix or remove the key; README.md ("The workspace") lists what bizops.yml may contain.',
): WorkbenchError {
  const problems = describeIssues(issues, schema, loaded.file, prefix);
  const where = `${loaded.label}:${problems[0].line}`;
  return configError(problems.map((problem) => `${loaded.label}:${problem.line}: ${problem.text}`), where, hint);
}

function configError(problems: string[], where: string, hint: string): WorkbenchError {
  const message =
    problems.length === 1 ? `Invalid ${CONFIG_FILE}: ${problems[0]}` : `Invalid ${CONFIG_FILE}:\n  ${problems.join('\n  ')}`;
  return new WorkbenchError({ code: 'config_invalid', message, where, hint, details: { problems } });
}
