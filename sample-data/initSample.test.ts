import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/cli.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { sampleSources } from './sampleSources.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-init-sample-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bizops init --sample', () => {
  it('creates a workspace holding the sample company, with its sources in bizops.yml', async () => {
    const run = await runCli(['init', 'acme', '--sample', '--scale', '0.02', '--seed', '7'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Created workspace "acme" in .+\nGenerated a sample company in data\/ \(scale 0\.02, seed 7\): [\d,]+ accounts, 1,00\d leads, [\d,]+ opportunities, [\d,]+ subscriptions, [\d,]+ product events\.\nNext: cd acme && bizops sync\n$/,
    );
    const root = join(dir, 'acme');
    for (const file of ['salesforce/Account.csv', 'salesforce/OpportunityHistory.csv', 'billing/subscriptions.csv', 'ads/marketing_spend.csv', 'plan/sales_targets.csv']) {
      expect(existsSync(join(root, 'data', file)), file).toBe(true);
    }
    expect((await readdir(join(root, 'data', 'product', 'events'))).length).toBeGreaterThan(10);
    const workspace = await Workspace.load(root);
    expect(workspace.config.sources).toEqual(sampleSources);
    const yaml = await readFile(workspace.configFile, 'utf8');
    expect(yaml).toContain('# Where data comes from.');
    expect(yaml).toContain('  billing:\n    type: files\n    options:\n      path: data/billing\n      primary_key: subscription_id\n');
    expect((await readdir(root)).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects a scale that is not a positive number, and --scale without --sample, writing nothing', async () => {
    for (const scale of ['0', 'lots', '-0.5']) {
      const run = await runCli(['init', 'bad', '--sample', `--scale=${scale}`], { cwd: dir });
      expect(run.code, scale).toBe(1);
      expect(run.stderr, scale).toContain(`argument '${scale}' is invalid. use a positive number`);
    }
    const withoutSample = await runCli(['init', 'bad', '--scale', '2'], { cwd: dir });
    expect(withoutSample.code).toBe(1);
    expect(withoutSample.stderr).toContain('--scale and --seed only apply to a sample workspace.');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('leaves a folder that already has data/ untouched', async () => {
    await mkdir(join(dir, 'taken', 'data'), { recursive: true });
    const run = await runCli(['init', 'taken', '--sample', '--scale', '0.02'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'taken', 'data')} already exists`);
    expect(await readdir(join(dir, 'taken'))).toEqual(['data']);
  });
});
