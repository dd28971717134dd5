import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { generateSampleCompany, type SampleCounts } from '../../../sample-data/generate.ts';
import { withSampleSources } from '../../../sample-data/sampleSources.ts';
import { WorkbenchError } from '../../errors.ts';
import { CONFIG_FILE } from '../../workspace/config.ts';
import { Workspace, writeFileAtomic } from '../../workspace/workspace.ts';
import type { CliIO } from '../io.ts';

interface InitOptions {
  name?: string;
  sample?: boolean;
  scale?: number;
  seed?: number;
}

export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('Create a workspace: bizops.yml, models/, dashboards/, packs/, queries/ and a .gitignore for .bizops/.')
    .argument('<dir>', 'the folder to create; it may exist but must not be a workspace already')
    .option('--name <name>', 'the workspace name (default: the folder name)')
    .option('--sample', 'fill the workspace with a generated sample company: its files in data/ and their sources in bizops.yml')
    .option('--scale <n>', 'with --sample: the size of the company; 1 ≈ 5,000 accounts, 50,000 leads and 1,000,000 product events (default: 1)', positiveNumber)
    .option('--seed <n>', 'with --sample: the random seed; the same scale and seed give the same files (default: 42)', wholeNumber)
    .action(async (dir: string, options: InitOptions) => {
      const root = resolve(io.cwd, dir);
      if (!options.sample && (options.scale !== undefined || options.seed !== undefined)) {
        throw new WorkbenchError({
          code: 'invalid_arguments',
          message: '--scale and --seed only apply to a sample workspace.',
          where: 'bizops init',
          hint: 'Add --sample, or leave out --scale and --seed.',
        });
      }
      // Generate before creating the workspace, so that a failed generation leaves no half-made workspace behind.
      const counts = options.sample && !existsSync(join(root, CONFIG_FILE)) ? await generateInto(root, options, io) : undefined;
      const workspace = await Workspace.init(root, { name: options.name });
      if (counts) await writeFileAtomic(workspace.configFile, withSampleSources(await readFile(workspace.configFile, 'utf8')));
      const nearby = relative(io.cwd, workspace.root);
      const shown = nearby.startsWith('..') ? workspace.root : nearby || '.';
      await io.stdout.write(
        `Created workspace "${workspace.config.name}" in ${workspace.root}\n` +
          (counts
            ? `${describeSample(counts, options)}\nNext: cd ${shown} && bizops sync\n`
            : `Next: cd ${shown} && bizops query "select 42 as answer"\n`),
      );
    });
}

async function generateInto(root: string, options: InitOptions, io: CliIO): Promise<SampleCounts> {
  const dataDir = join(root, 'data');
  if (existsSync(dataDir)) {
    throw new WorkbenchError({
      code: 'already_exists',
      message: `${dataDir} already exists; the sample company would be written there.`,
      where: dataDir,
      hint: 'Choose an empty folder for the sample workspace, or move data/ out of the way.',
    });
  }
  await io.stderr.write(`Generating the sample company (scale ${options.scale ?? 1}, seed ${options.seed ?? 42})…\n`);
  return generateSampleCompany({ dir: root, scale: options.scale, seed: options.seed });
}

function describeSample(counts: SampleCounts, options: InitOptions): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `Generated a sample company in data/ (scale ${options.scale ?? 1}, seed ${options.seed ?? 42}): ${n(counts.accounts)} accounts, ` +
    `${n(counts.leads)} leads, ${n(counts.opportunities)} opportunities, ${n(counts.subscriptions)} subscriptions, ` +
    `${n(counts.productEvents)} product events.`
  );
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('use a positive number, e.g. 1 for about 5,000 accounts or 0.1 for a tenth of that.');
  }
  return number;
}

function wholeNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(number)) throw new InvalidArgumentError('use a whole number, e.g. 42.');
  return number;
}
