import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resourcePath } from '../paths.ts';
import { writeFileAtomic } from '../workspace/workspace.ts';
import { DASHBOARD_SCHEMA_FILE, dashboardJsonSchema } from './format.ts';

/** The committed copy the workspace template (and so `bizops init`) puts beside the dashboards. */
export const templateSchemaPath = () => resourcePath('core', 'workspace', 'template', 'dashboards', DASHBOARD_SCHEMA_FILE);

export function dashboardSchemaText(): string {
  return `${JSON.stringify(dashboardJsonSchema(), null, 2)}\n`;
}

/**
 * Put the current schema in the workspace's dashboards/ when it is missing or from another version, so that the
 * `$schema` line of every saved dashboard points at a file that exists and matches.
 */
export async function ensureSchemaBeside(workspaceRoot: string): Promise<void> {
  const dir = join(workspaceRoot, 'dashboards');
  const path = join(dir, DASHBOARD_SCHEMA_FILE);
  const text = dashboardSchemaText();
  if (existsSync(path) && (await readFile(path, 'utf8')) === text) return;
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path, text);
}

/** Rewrite the committed copy after the format changed (`npm run dashboard-schema`). */
export async function writeTemplateSchema(): Promise<void> {
  await writeFile(templateSchemaPath(), dashboardSchemaText());
}
