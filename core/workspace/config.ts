import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { WorkbenchError } from '../errors.ts';

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
}

export function parseWorkspaceConfig(text: string, fileLabel = CONFIG_FILE): LoadedConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locateOffset = (offset: number) => `${fileLabel}:${lineCounter.linePos(offset).line}`;
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => `${locateOffset(error.pos[0])}: ${firstLine(error.message)}`);
    throw configError(problems, locateOffset(document.errors[0].pos[0]), 'Fix the YAML syntax at that line.');
  }
  const locate = (path: readonly PropertyKey[]) => {
    const range = nodeRange(document, path);
    return range ? locateOffset(range[0]) : fileLabel;
  };
  const parsed = workspaceConfigSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const problems: string[] = [];
    let firstWhere = fileLabel;
    for (const issue of parsed.error.issues) {
      const described = describeIssue(document, issue, locateOffset, locate);
      if (problems.length === 0) firstWhere = described.where;
      problems.push(`${described.where}: ${described.text}`);
    }
    throw configError(
      problems,
      firstWhere,
      'Fix or remove the key; README.md ("The workspace") lists what bizops.yml may contain.',
    );
  }
  return { config: parsed.data, locate };
}

function configError(problems: string[], where: string, hint: string): WorkbenchError {
  const message =
    problems.length === 1 ? `Invalid ${CONFIG_FILE}: ${problems[0]}` : `Invalid ${CONFIG_FILE}:\n  ${problems.join('\n  ')}`;
  return new WorkbenchError({ code: 'config_invalid', message, where, hint, details: { problems } });
}

function describeIssue(
  document: Document,
  issue: z.core.$ZodIssue,
  locateOffset: (offset: number) => string,
  locate: (path: readonly PropertyKey[]) => string,
): { where: string; text: string } {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const keyRange = keyNodeRange(document, issue.path, key);
    const allowed = allowedKeys(issue.path);
    const suggestion = allowed ? closest(key, allowed) : undefined;
    const text =
      `unknown key "${[...path, key].join('.')}"` +
      (suggestion ? ` (did you mean "${suggestion}"?)` : allowed ? ` (allowed: ${allowed.join(', ')})` : '');
    return { where: keyRange ? locateOffset(keyRange[0]) : locate(issue.path), text };
  }
  const key = path.length > 0 ? `"${path.join('.')}"` : 'the file';
  if (issue.code === 'invalid_key') {
    const reasons = issue.issues.map((inner) => inner.message).join('; ');
    return { where: locate(issue.path), text: `${key} is not a valid name: ${reasons}` };
  }
  return { where: locate(issue.path), text: `${key}: ${issue.message}` };
}

function nodeRange(document: Document, path: readonly PropertyKey[]): [number, number, number] | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range as [number, number, number];
  }
  return undefined;
}

function keyNodeRange(document: Document, path: readonly PropertyKey[], key: string) {
  const parent = path.length === 0 ? document.contents : document.getIn(path, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair && isScalar(pair.key) ? pair.key.range ?? undefined : undefined;
}

/** The keys the schema allows at `path`, found by walking the schema the same way as the data. */
function allowedKeys(path: readonly PropertyKey[]): string[] | undefined {
  let schema: z.core.$ZodType = workspaceConfigSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = schema._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType };
    if (def.type === 'object' && def.shape) schema = def.shape[String(segment)];
    else if (def.type === 'record' && def.valueType) schema = def.valueType;
    else return undefined;
    if (!schema) return undefined;
  }
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable') && def.innerType) {
      current = def.innerType;
    } else {
      return current;
    }
  }
}

/** The allowed key within two edits of a mistyped one, if any. */
function closest(key: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
