import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { WorkbenchError } from '../errors.ts';
import { parsePropertiesFile, type ModelProperties, type PropertiesFile, type SourceProperties } from './schemaYml.ts';

/** A model: one SQL file; its name is the file name, unique in the project, as in dbt. */
export interface ModelFile {
  name: string;
  /** Relative to the workspace, with forward slashes: `models/core/accounts.sql`. */
  file: string;
  path: string;
  /** The schema its folder gives it (`models/core/*` → core); `config(schema=…)` may override. */
  folderSchema: string;
  text: string;
}

/** A seed: a CSV under seeds/ loaded as a table, referable with ref() like a model. */
export interface SeedFile {
  name: string;
  file: string;
  path: string;
}

export interface Project {
  root: string;
  models: Map<string, ModelFile>;
  seeds: Map<string, SeedFile>;
  properties: PropertiesFile[];
  /** schema.yml entries by model or seed name, with the file that describes them. */
  describedModels: Map<string, { properties: ModelProperties; file: string; line: number }>;
  /** dbt `sources:` declarations by source name. */
  declaredSources: Map<string, { properties: SourceProperties; file: string; line: number }>;
}

/** The schema of models at the top of models/. */
export const DEFAULT_SCHEMA = 'main';
export const SEED_SCHEMA = 'seeds';

export async function loadProject(root: string): Promise<Project> {
  const models = new Map<string, ModelFile>();
  const seeds = new Map<string, SeedFile>();
  const properties: PropertiesFile[] = [];
  for (const file of await filesUnder(root, 'models')) {
    const path = join(root, file);
    if (file.endsWith('.sql')) {
      const name = basename(file, '.sql');
      const clash = models.get(name);
      if (clash) throw duplicate('model', name, clash.file, file);
      const folders = file.split('/').slice(1, -1);
      models.set(name, { name, file, path, folderSchema: folders[0] ?? DEFAULT_SCHEMA, text: await readFile(path, 'utf8') });
    } else if (file.endsWith('.yml') || file.endsWith('.yaml')) {
      properties.push(parsePropertiesFile(await readFile(path, 'utf8'), file));
    }
  }
  for (const file of await filesUnder(root, 'seeds')) {
    if (!file.endsWith('.csv')) continue;
    const name = basename(file, '.csv');
    const clash = seeds.get(name) ?? models.get(name);
    if (clash) throw duplicate('seed', name, clash.file, file);
    seeds.set(name, { name, file, path: join(root, file) });
  }
  const describedModels = new Map<string, { properties: ModelProperties; file: string; line: number }>();
  const declaredSources = new Map<string, { properties: SourceProperties; file: string; line: number }>();
  for (const propertiesFile of properties) {
    for (const model of propertiesFile.models) {
      describedModels.set(model.name, { properties: model, file: propertiesFile.file, line: model.line });
    }
    for (const source of propertiesFile.sources) {
      declaredSources.set(source.name, { properties: source, file: propertiesFile.file, line: source.line });
    }
  }
  return { root, models, seeds, properties, describedModels, declaredSources };
}

async function filesUnder(root: string, folder: string): Promise<string[]> {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function duplicate(kind: string, name: string, first: string, second: string): WorkbenchError {
  return new WorkbenchError({
    code: 'model_invalid',
    message: `Two ${kind}s are named "${name}": ${first} and ${second}.`,
    where: second,
    hint: 'Model and seed names are unique in a project (ref() finds them by name): rename one of the files.',
  });
}
