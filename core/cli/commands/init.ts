import { relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { SampleCounts } from '../../../sample-data/generate.ts';
import { WorkbenchError } from '../../errors.ts';
import { createWorkspace } from '../../workspace/create.ts';
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
      const { workspace, sample: counts } = await createWorkspace(root, {
        name: options.name,
        sample: options.sample ? { scale: options.scale, seed: options.seed } : undefined,
        onProgress: (line) => void io.stderr.write(`${line}\n`),
      });
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
