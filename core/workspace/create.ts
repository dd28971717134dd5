import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateSampleCompany, type SampleCounts } from '../../sample-data/generate.ts';
import { withSampleSources } from '../../sample-data/sampleSources.ts';
import { WorkbenchError } from '../errors.ts';
import { CONFIG_FILE } from './config.ts';
import { Workspace, writeFileAtomic } from './workspace.ts';

export interface SampleOptions {
  /** 1 ≈ 5,000 accounts, 50,000 leads and 1,000,000 product events. */
  scale?: number;
  seed?: number;
}

/**
 * A new workspace from the template, optionally holding the generated sample company (its files in data/ and
 * their sources in bizops.yml): what `bizops init [--sample]` and the app's "New workspace" both do.
 */
export async function createWorkspace(
  dir: string,
  options: { name?: string; sample?: SampleOptions; onProgress?: (line: string) => void },
): Promise<{ workspace: Workspace; sample?: SampleCounts }> {
  const root = resolve(dir);
  // Generate before creating the workspace, so that a failed generation leaves no half-made workspace behind.
  const sample = options.sample && !existsSync(join(root, CONFIG_FILE)) ? await generateInto(root, options.sample, options.onProgress) : undefined;
  const workspace = await Workspace.init(root, { name: options.name });
  if (sample) {
    await writeFileAtomic(workspace.configFile, withSampleSources(await readFile(workspace.configFile, 'utf8')));
    await workspace.reload();
  }
  return { workspace, sample };
}

async function generateInto(root: string, options: SampleOptions, onProgress?: (line: string) => void): Promise<SampleCounts> {
  const dataDir = join(root, 'data');
  if (existsSync(dataDir)) {
    throw new WorkbenchError({
      code: 'already_exists',
      message: `${dataDir} already exists; the sample company would be written there.`,
      where: dataDir,
      hint: 'Choose an empty folder for the sample workspace, or move data/ out of the way.',
    });
  }
  onProgress?.(`Generating the sample company (scale ${options.scale ?? 1}, seed ${options.seed ?? 42})…`);
  return generateSampleCompany({ dir: root, scale: options.scale, seed: options.seed });
}
