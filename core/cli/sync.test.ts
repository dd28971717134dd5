import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

let dir: string;
let ws: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-cli-sync-'));
  ws = join(dir, 'ws');
  expect((await runCli(['init', ws])).code).toBe(0);
  await mkdir(join(ws, 'data', 'billing'), { recursive: true });
  await writeFile(join(ws, 'data', 'billing', 'subscriptions.csv'), 'subscription_id,account_id,mrr\ns1,001A,100.00\ns2,001B,250.50\n');
  await writeFile(
    join(ws, 'bizops.yml'),
    'name: CLI sync\nsources:\n  billing:\n    type: files\n    options:\n      path: data/billing\n      primary_key: subscription_id\n' +
      '  crm:\n    type: files\n    options:\n      path: data/crm\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bizops sync', () => {
  it('syncs named sources, shows progress per table and a summary', async () => {
    const run = await runCli(['sync', 'billing'], { cwd: ws });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ billing: 1 table, 2 rows in [\d.]+ s \(subscriptions 2\)\n$/);
    expect(run.stderr).toMatch(/billing › subscriptions \[1\/1\] █{20} 100% {2}2 rows/);
    const count = await runCli(['query', 'select count(*) as n from raw_billing.subscriptions', '--format', 'json'], { cwd: ws });
    expect(count.stdout).toBe('[{"n":2}]\n');
  });

  it('syncs every source by default and exits 1 when one fails, keeping the others', async () => {
    const run = await runCli(['sync'], { cwd: ws });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✓ billing: 1 table, 2 rows');
    expect(run.stderr).toContain('✗ crm: data/crm does not exist.');
    expect(run.stderr).toContain('error: 1 of 2 sources did not sync: crm.');
  });

  it('refuses an unknown source by name', async () => {
    const run = await runCli(['sync', 'nosuch'], { cwd: ws });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no source named "nosuch".');
    expect(run.stderr).toContain('Sources in this workspace: billing, crm.');
  });
});

describe('bizops sources', () => {
  it('lists sources with tables, rows and the last sync', async () => {
    const run = await runCli(['sources'], { cwd: ws });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^source\s+type\s+tables\s+rows\s+last sync\s+status$/);
    expect(lines[2]).toMatch(/^billing\s+files\s+1\s+2\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+success$/);
    expect(lines[3]).toMatch(/^crm\s+files\s+0\s+0\s+\d{4}-.* UTC\s+failed$/);
  });

  it('tests a source and says what is wrong', async () => {
    const good = await runCli(['sources', 'test', 'billing'], { cwd: ws });
    expect(good).toMatchObject({ code: 0, stdout: '✓ Source "billing" is reachable.\n' });
    const bad = await runCli(['sources', 'test', 'crm'], { cwd: ws });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Source "crm" failed its test: data/crm does not exist.');
  });
});
