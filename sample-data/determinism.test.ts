import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleCompany } from './generate.ts';
import { hashFiles } from './testing.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bizops-sample-runs-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generateSampleCompany', () => {
  it('writes byte-identical files for the same scale and seed, and different ones for another seed', async () => {
    const run = async (name: string, seed: number) => {
      await generateSampleCompany({ dir: join(root, name), scale: 0.05, seed });
      return hashFiles(join(root, name, 'data'));
    };
    const first = await run('first', 42);
    const second = await run('second', 42);
    const otherSeed = await run('other-seed', 7);
    expect(Object.keys(first)).toContain('product/events/part-0000.parquet');
    expect(Object.keys(first)).toContain('salesforce/OpportunityHistory.csv');
    expect(second).toEqual(first);
    for (const file of ['salesforce/Lead.csv', 'billing/subscriptions.csv', 'product/events/part-0010.parquet']) {
      expect(otherSeed[file], file).not.toBe(first[file]);
    }
  });

  it('grows every volume with the scale, fractional scales included', async () => {
    const small = await generateSampleCompany({ dir: join(root, 'small'), scale: 0.04 });
    const larger = await generateSampleCompany({ dir: join(root, 'larger'), scale: 0.12 });
    for (const key of ['accounts', 'contacts', 'leads', 'opportunities', 'opportunityHistory', 'subscriptions', 'productEvents'] as const) {
      expect(larger[key] / small[key], key).toBeGreaterThan(2.4);
      expect(larger[key] / small[key], key).toBeLessThan(3.6);
    }
  });

  it('can make far more product events than the rest of the company', async () => {
    const counts = await generateSampleCompany({ dir: join(root, 'events'), scale: 0.02, eventScale: 0.3 });
    expect(counts.leads).toBeLessThan(1_500);
    expect(Math.abs(counts.productEvents - 300_000)).toBeLessThan(3_000);
  });

  it('never writes into an existing data/ folder, and leaves nothing behind when it refuses', async () => {
    const dir = join(root, 'existing');
    await mkdir(join(dir, 'data'), { recursive: true });
    await writeFile(join(dir, 'data', 'mine.csv'), 'a,b\n1,2\n');
    await expect(generateSampleCompany({ dir, scale: 0.02 })).rejects.toThrow(/data already exists/);
    expect(await readdir(join(dir, 'data'))).toEqual(['mine.csv']);
    await expect(generateSampleCompany({ dir: join(root, 'bad-scale'), scale: -1 })).rejects.toThrow(/positive number/);
    await expect(generateSampleCompany({ dir: join(root, 'bad-seed'), scale: 0.02, seed: 1.5 })).rejects.toThrow(/whole number/);
    expect(existsSync(join(root, 'bad-scale'))).toBe(false);
    expect(await readdir(dir)).toEqual(['data']);
  });
});
