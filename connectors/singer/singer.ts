import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { tableNameFor } from '../naming.ts';
import { ConnectorError, type Connector, type ConnectorContext, type ExtractItem, type TableSpec } from '../types.ts';
import { columnsForSchema, type JsonSchema } from './jsonSchema.ts';
import { TapProcess } from './tap.ts';

export const singerOptions = z
  .object({
    command: z.string().min(1).meta({
      title: 'Tap command',
      description: 'The tap executable, e.g. tap-github (on PATH) or a path relative to the workspace folder',
    }),
    args: z.array(z.string()).default([]).meta({ title: 'Arguments', description: 'Given before --config, e.g. a script for an interpreter' }),
    config: z.record(z.string(), z.unknown()).default({}).meta({ title: 'Tap config', description: 'The tap\'s config.json, without secrets' }),
    secret_config: z.string().min(1).optional().meta({
      title: 'Secret config',
      description: 'A JSON object merged into the config, e.g. {"api_token": "…"}: kept in the keychain or environment',
      secret: true,
    }),
    catalog: z.string().min(1).optional().meta({
      title: 'Catalog file',
      description: 'A catalog JSON file to use instead of running the tap with --discover',
    }),
    batch_records: z.number().int().min(1).default(50_000).meta({ title: 'Records per batch', description: 'Records written to each file DuckDB loads' }),
  })
  .strict();

export type SingerOptions = z.output<typeof singerOptions>;

interface CatalogStream {
  tap_stream_id: string;
  stream?: string;
  schema: JsonSchema;
  key_properties?: string[];
  metadata?: { breadcrumb: string[]; metadata: Record<string, unknown> }[];
}

interface Catalog {
  streams: CatalogStream[];
}

type SingerMessage =
  | { type: 'SCHEMA'; stream: string; schema: JsonSchema; key_properties?: string[] }
  | { type: 'RECORD'; stream: string; record: Record<string, unknown> }
  | { type: 'STATE'; value: unknown }
  | { type: 'ACTIVATE_VERSION'; stream: string; version: number };

/** One discovery per sync: core hands discover and every extract of a sync the same options object. */
const catalogs = new WeakMap<SingerOptions, Promise<Catalog>>();

/** Any Singer tap: run with its config and catalog, its messages read in batches, its STATE saved with the data. */
export const singerConnector: Connector<SingerOptions> = {
  type: 'singer',
  title: 'Singer tap',
  description: 'Any Singer tap executable (tap-github, tap-hubspot, tap-stripe, …), run with its config and catalog.',
  options: singerOptions,
  capabilities: { incremental: true, deletes: false },

  async test(options, context) {
    try {
      const catalog = await discoverCatalog(options, context);
      return catalog.streams.length > 0 ? true : `The tap ${options.command} offers no streams.`;
    } catch (error) {
      return error instanceof ConnectorError ? [error.message, error.hint].filter(Boolean).join(' ') : String(error);
    }
  },

  async discover(options, context) {
    const catalog = await catalogFor(options, context);
    return catalog.streams.map((stream): TableSpec => {
      const root = rootMetadata(stream);
      const key = (root['table-key-properties'] as string[] | undefined) ?? stream.key_properties ?? [];
      return {
        name: tableNameFor(stream.stream ?? stream.tap_stream_id),
        sourceName: stream.tap_stream_id,
        columns: columnsForSchema(stream.schema),
        ...(key.length > 0 && { primaryKey: key }),
        selectedByDefault: root.selected !== false && root['selected-by-default'] !== false,
      };
    });
  },

  async *extract(options, request, context) {
    const catalog = await catalogFor(options, context);
    const streamId = request.table.sourceName;
    const entry = catalog.streams.find((stream) => stream.tap_stream_id === streamId);
    if (!entry) {
      throw new ConnectorError(`The tap ${options.command} no longer offers the stream ${streamId}.`, options.command, 'Remove it from the source\'s tables.');
    }
    const previousState = request.fullRefresh ? undefined : request.state;
    const files = await writeRunFiles(options, context, {
      streams: catalog.streams.map((stream) => selectStream(stream, stream.tap_stream_id === streamId)),
    }, previousState);
    const tap = TapProcess.start(options.command, [...options.args, ...files], context.workspaceDir, context.signal);

    let types = typesOf(entry.schema);
    let state = previousState;
    let fullTable = rootMetadata(entry)['forced-replication-method'] === 'FULL_TABLE' || rootMetadata(entry)['replication-method'] === 'FULL_TABLE';
    let batch: string[] = [];
    let batches = 0;
    let records = 0;
    let lineNumber = 0;
    const flush = async (): Promise<ExtractItem> => {
      const path = join(context.tempDir, `${tableNameFor(streamId)}-${batches++}.ndjson`);
      await writeFile(path, batch.length > 0 ? `${batch.join('\n')}\n` : '');
      batch = [];
      const typed = Object.keys(types).length > 0 ? { types } : {};
      return { kind: 'file', path, format: 'ndjson', ...typed, label: `${options.command} stream ${streamId}` };
    };
    for await (const line of tap.lines()) {
      lineNumber++;
      const message = parseMessage(line);
      if (!message) throw tap.junk(lineNumber, line);
      if (message.type === 'RECORD' && message.stream === streamId) {
        batch.push(JSON.stringify(message.record));
        records++;
        if (batch.length >= options.batch_records) {
          yield await flush();
          context.progress(records);
        }
      } else if (message.type === 'SCHEMA' && message.stream === streamId) {
        types = typesOf(message.schema);
      } else if (message.type === 'STATE') {
        state = message.value;
      } else if (message.type === 'ACTIVATE_VERSION' && message.stream === streamId) {
        // A tap that activates a version has sent the stream whole: it replaces the table.
        fullTable = true;
      }
    }
    if (batch.length > 0 || batches === 0) yield await flush();
    context.progress(records, records);
    const keyed = request.table.primaryKey !== undefined && request.table.primaryKey.length > 0;
    return { mode: previousState !== undefined && keyed && !fullTable ? 'changes' : 'snapshot', ...(state !== undefined && { state }) };
  },
};

function catalogFor(options: SingerOptions, context: ConnectorContext): Promise<Catalog> {
  let catalog = catalogs.get(options);
  if (!catalog) {
    catalog = options.catalog ? readCatalog(options, context) : discoverCatalog(options, context);
    catalogs.set(options, catalog);
    catalog.catch(() => catalogs.delete(options));
  }
  return catalog;
}

async function readCatalog(options: SingerOptions, context: ConnectorContext): Promise<Catalog> {
  const path = isAbsolute(options.catalog!) ? options.catalog! : resolve(context.workspaceDir, options.catalog!);
  try {
    return checkCatalog(JSON.parse(await readFile(path, 'utf8')), path);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new ConnectorError(`The catalog ${options.catalog} could not be read: ${(error as Error).message}`, path, 'Fix the file, or remove `catalog` to let the tap discover its streams.');
  }
}

async function discoverCatalog(options: SingerOptions, context: ConnectorContext): Promise<Catalog> {
  const [configFlag, configPath] = await writeRunFiles(options, context);
  const tap = TapProcess.start(options.command, [...options.args, configFlag, configPath, '--discover'], context.workspaceDir, context.signal);
  const lines: string[] = [];
  for await (const line of tap.lines()) lines.push(line);
  try {
    return checkCatalog(JSON.parse(lines.join('\n')), options.command);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new ConnectorError(`The tap ${options.command} printed no valid catalog for --discover.`, options.command, 'Check that the command is a Singer tap that supports discovery, or give a catalog file.');
  }
}

function checkCatalog(value: unknown, where: string): Catalog {
  const streams = (value as Catalog | undefined)?.streams;
  if (!Array.isArray(streams) || streams.some((stream) => typeof stream?.tap_stream_id !== 'string' || typeof stream.schema !== 'object')) {
    throw new ConnectorError('The catalog has no list of streams, each with a tap_stream_id and a schema.', where, 'Give a catalog as the Singer specification describes it.');
  }
  return value as Catalog;
}

/** The tap's config (secrets merged in, readable only by this user), catalog and state files, as arguments. */
async function writeRunFiles(options: SingerOptions, context: ConnectorContext, catalog?: Catalog, state?: unknown): Promise<string[]> {
  let secrets: Record<string, unknown> = {};
  if (options.secret_config) {
    try {
      secrets = JSON.parse(options.secret_config) as Record<string, unknown>;
    } catch {
      throw new ConnectorError('The secret config is not a JSON object.', options.command, 'Store it as JSON, e.g. {"api_token": "…"}.');
    }
  }
  const run = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const configPath = join(context.tempDir, `tap-config-${run}.json`);
  await writeFile(configPath, JSON.stringify({ ...options.config, ...secrets }), { mode: 0o600 });
  const args = ['--config', configPath];
  if (catalog) {
    const catalogPath = join(context.tempDir, `tap-catalog-${run}.json`);
    await writeFile(catalogPath, JSON.stringify(catalog));
    args.push('--catalog', catalogPath);
  }
  if (state !== undefined) {
    const statePath = join(context.tempDir, `tap-state-${run}.json`);
    await writeFile(statePath, JSON.stringify(state));
    args.push('--state', statePath);
  }
  return args;
}

function selectStream(stream: CatalogStream, selected: boolean): CatalogStream {
  const metadata = stream.metadata ?? [];
  const hasRoot = metadata.some((entry) => entry.breadcrumb.length === 0);
  return {
    ...stream,
    schema: { ...stream.schema, selected } as JsonSchema,
    metadata: hasRoot
      ? metadata.map((entry) => (entry.breadcrumb.length === 0 ? { ...entry, metadata: { ...entry.metadata, selected } } : entry))
      : [{ breadcrumb: [], metadata: { selected } }, ...metadata],
  };
}

function rootMetadata(stream: CatalogStream): Record<string, unknown> {
  return stream.metadata?.find((entry) => entry.breadcrumb.length === 0)?.metadata ?? {};
}

function typesOf(schema: JsonSchema): Record<string, string> {
  return Object.fromEntries(columnsForSchema(schema).map((column) => [column.name, column.type]));
}

function parseMessage(line: string): SingerMessage | undefined {
  try {
    const message = JSON.parse(line) as SingerMessage;
    return message && typeof message === 'object' && typeof message.type === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
