import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { METRIC_UNITS, type PackInfo } from '../api/packs.ts';
import { parseDashboard, type Dashboard } from '../dashboards/format.ts';
import { WorkbenchError } from '../errors.ts';
import { resourcePath } from '../paths.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { describeIssues, parseYamlFile } from '../yamlFile.ts';

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_", starting with a letter');

const packFile = z
  .object({
    name: identifier,
    title: z.string().min(1),
    description: z.string().min(1),
    parameters: z.array(z.object({ name: identifier, default: z.number(), description: z.string().min(1) }).strict()).default([]),
    metrics: z
      .array(
        z
          .object({
            name: identifier,
            title: z.string().min(1),
            unit: z.enum(METRIC_UNITS),
            description: z.string().min(1),
            /** The named query (metrics/<query>.sql) whose single row has a column named like the metric. */
            query: identifier,
          })
          .strict(),
      )
      .min(1),
    /** Queries whose rows make the structured parts of the result. */
    outputs: z
      .object({ by_channel: identifier, attribution: identifier, mrr_movements: identifier, accounts_at_risk: identifier })
      .partial()
      .strict()
      .default({}),
  })
  .strict();

export type PackDefinition = z.output<typeof packFile>;

export interface PackQuery {
  name: string;
  /** Relative to the workspace for the workspace's packs, to the packs folder for built-in ones. */
  file: string;
  sql: string;
}

export interface LoadedPack {
  definition: PackDefinition;
  info: PackInfo;
  queries: Map<string, PackQuery>;
  charts: Map<string, { file: string; spec: Record<string, unknown> }>;
  dashboard?: { file: string; dashboard: Dashboard };
}

const builtInPacksDir = () => resourcePath('packs');

/** Every pack: the built-in ones, with the workspace's own packs replacing any of the same name. */
export async function loadPacks(workspace: Workspace): Promise<Map<string, LoadedPack>> {
  const packs = new Map<string, LoadedPack>();
  for (const [origin, dir] of [['built-in', builtInPacksDir()], ['workspace', join(workspace.root, 'packs')]] as const) {
    if (!existsSync(dir)) continue;
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && existsSync(join(dir, entry.name, 'pack.yml'))) {
        const pack = await loadPackFolder(join(dir, entry.name), origin, origin === 'workspace' ? workspace.root : dir);
        packs.set(pack.info.name, pack);
      }
    }
  }
  return packs;
}

/** One pack by name: the workspace's packs/<name>/ if it has one, else the built-in pack. */
export async function loadPack(workspace: Workspace, name: string): Promise<LoadedPack> {
  if (/^[a-z][a-z0-9_]*$/.test(name)) {
    const own = join(workspace.root, 'packs', name);
    if (existsSync(join(own, 'pack.yml'))) return loadPackFolder(own, 'workspace', workspace.root);
    const builtIn = join(builtInPacksDir(), name);
    if (existsSync(join(builtIn, 'pack.yml'))) return loadPackFolder(builtIn, 'built-in', builtInPacksDir());
  }
  const packs = await loadPacks(workspace);
  throw new WorkbenchError({
    code: 'not_found',
    message: `There is no metric pack named "${name}".`,
    hint: `Packs: ${[...packs.keys()].join(', ') || 'none'}. A workspace's own packs are folders under packs/ with a pack.yml.`,
  });
}

async function loadPackFolder(dir: string, origin: PackInfo['origin'], base: string): Promise<LoadedPack> {
  const shown = (file: string) => relative(base, file).split('\\').join('/');
  const packYml = join(dir, 'pack.yml');
  const label = origin === 'built-in' ? `packs/${shown(packYml)}` : shown(packYml);
  const yaml = parseYamlFile(await readFile(packYml, 'utf8'));
  if (yaml.syntaxError) throw packError(`${label}:${yaml.syntaxError.line}`, yaml.syntaxError.message);
  const parsed = packFile.safeParse(yaml.value);
  if (!parsed.success) {
    const [problem] = describeIssues(parsed.error.issues, packFile, yaml);
    throw packError(`${label}:${problem.line}`, problem.text);
  }
  const definition = parsed.data;
  if (definition.name !== basename(dir)) {
    throw packError(`${label}:${yaml.line(['name'])}`, `the pack is named "${definition.name}" but its folder is "${basename(dir)}": they must be the same`);
  }
  const labelOf = (file: string) => (origin === 'built-in' ? `packs/${shown(file)}` : shown(file));

  const queries = new Map<string, PackQuery>();
  const metricsDir = join(dir, 'metrics');
  for (const file of existsSync(metricsDir) ? (await readdir(metricsDir)).sort() : []) {
    if (!file.endsWith('.sql')) continue;
    const name = file.slice(0, -'.sql'.length);
    queries.set(name, { name, file: labelOf(join(metricsDir, file)), sql: await readFile(join(metricsDir, file), 'utf8') });
  }
  definition.metrics.forEach((metric, index) => {
    if (!queries.has(metric.query)) {
      throw packError(`${label}:${yaml.line(['metrics', index, 'query'])}`, `metric ${metric.name} reads query "${metric.query}", but there is no metrics/${metric.query}.sql`);
    }
  });
  for (const [output, query] of Object.entries(definition.outputs)) {
    if (!queries.has(query)) throw packError(`${label}:${yaml.line(['outputs', output])}`, `output ${output} reads query "${query}", but there is no metrics/${query}.sql`);
  }

  const charts = new Map<string, { file: string; spec: Record<string, unknown> }>();
  const chartsDir = join(dir, 'charts');
  for (const file of existsSync(chartsDir) ? (await readdir(chartsDir)).sort() : []) {
    if (!file.endsWith('.vl.json')) continue;
    const chartFile = labelOf(join(chartsDir, file));
    let spec: Record<string, unknown>;
    try {
      spec = JSON.parse(await readFile(join(chartsDir, file), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw packError(chartFile, `not valid JSON: ${(error as Error).message}`);
    }
    const query = (spec.data as { name?: string } | undefined)?.name;
    if (!query || !queries.has(query)) {
      throw packError(chartFile, `its data must name one of the pack's queries ({"data": {"name": "…"}}), not ${JSON.stringify(query ?? null)}`);
    }
    charts.set(file.slice(0, -'.vl.json'.length), { file: chartFile, spec });
  }

  const dashboardPath = join(dir, 'dashboard.yml');
  const dashboard = existsSync(dashboardPath)
    ? { file: labelOf(dashboardPath), dashboard: parseDashboard(await readFile(dashboardPath, 'utf8'), labelOf(dashboardPath)) }
    : undefined;
  for (const tile of dashboard?.dashboard.tiles ?? []) {
    // The pack's own dashboard may only point at what the pack has.
    const missing =
      (tile.metric?.pack === definition.name && !definition.metrics.some((metric) => metric.name === tile.metric!.metric) && `metric ${tile.metric.metric}`) ||
      (tile.query?.pack === definition.name && !queries.has(tile.query.query) && `query ${tile.query.query}`) ||
      (tile.pack_chart?.pack === definition.name && !charts.has(tile.pack_chart.chart) && `chart ${tile.pack_chart.chart}`);
    if (missing) throw packError(dashboard!.file, `tile ${tile.id} shows ${missing}, which the pack does not have`);
  }

  return {
    definition,
    queries,
    charts,
    dashboard,
    info: {
      name: definition.name,
      title: definition.title,
      description: definition.description,
      origin,
      folder: origin === 'built-in' ? `packs/${definition.name}` : shown(dir),
      parameters: definition.parameters,
      metrics: definition.metrics.map(({ name, title, unit, description }) => ({ name, title, unit, description })),
      queries: [...queries.keys()],
      charts: [...charts.entries()].map(([name, chart]) => ({
        name,
        title: String(chart.spec.title ?? name),
        query: String((chart.spec.data as { name: string }).name),
      })),
    },
  };
}

function packError(where: string, what: string): WorkbenchError {
  return new WorkbenchError({
    code: 'pack_invalid',
    message: `${where}: ${what}`,
    where,
    hint: 'Fix the pack; README.md ("Metric packs") describes the format.',
  });
}
