import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

let dir: string;
let ws: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-cli-metrics-'));
  ws = join(dir, 'ws');
  for (const args of [['init', ws, '--sample', '--scale', '0.05'], ['sync', '--workspace', ws], ['build', '--workspace', ws]]) {
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bizops metrics', () => {
  it('prints one JSON object with the metrics and the pack\'s breakdowns', async () => {
    const run = await runCli(['metrics', '--pack', 'marketing', '--from', '2025-01-01', '--to', '2026-01-01', '--json'], { cwd: ws });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['pack', 'from', 'to', 'as_of', 'metrics', 'by_channel', 'attribution']);
    expect(result).toMatchObject({ pack: 'marketing', from: '2025-01-01', to: '2026-01-01', as_of: '2025-12-31' });
    expect(Object.keys(result.metrics as object)).toEqual([
      'leads', 'mqls', 'sqls', 'marketing_spend', 'cost_per_lead', 'new_customers', 'cac', 'lead_to_customer_rate',
      'median_conversion_days', 'ltv', 'ltv_to_cac',
    ]);
    expect(Object.keys(result.attribution as object)).toEqual(['first_touch', 'last_touch', 'linear', 'u_shaped']);
    const saas = JSON.parse((await runCli(['metrics', '--pack', 'saas', '--from', '2025-01-01', '--to', '2025-04-01', '--json'], { cwd: ws })).stdout);
    expect(saas.mrr_movements.map((row: { month: string }) => row.month)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
  });

  it('prints an aligned table with units, and takes pack parameters', async () => {
    const run = await runCli(['metrics', '--pack', 'marketing', '--from', '2025-01-01', '--to', '2026-01-01', '--param', 'gross_margin=0.5'], { cwd: ws });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Marketing, 2025-01-01 to 2026-01-01 \(as of 2025-12-31\)\n/);
    expect(run.stdout).toMatch(/\nMarketing spend +[\d,]+\.\d\d USD\n/);
    expect(run.stdout).toMatch(/\nLead-to-customer rate +\d+\.\d%\n/);
    expect(run.stdout).toMatch(/\nLead-to-close time +[\d.]+ days\n/);
    expect(run.stdout).toMatch(/\nLTV \/ CAC +[\d.]+×\n/);
    expect(run.stdout).toContain('\nBy channel\n');
    const half = JSON.parse((await runCli(['metrics', '--pack', 'marketing', '--from', '2025-01-01', '--to', '2026-01-01', '--param', 'gross_margin=0.5', '--json'], { cwd: ws })).stdout);
    const full = JSON.parse((await runCli(['metrics', '--pack', 'marketing', '--from', '2025-01-01', '--to', '2026-01-01', '--json'], { cwd: ws })).stdout);
    expect(half.metrics.ltv).toBeCloseTo(full.metrics.ltv * (0.5 / 0.8), 6);
  });

  it('says what is wrong with its arguments', async () => {
    const missing = await runCli(['metrics', '--pack', 'sales', '--from', '2025-01-01'], { cwd: ws });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--to <date>' not specified");
    const badParam = await runCli(['metrics', '--pack', 'sales', '--from', '2025-01-01', '--to', '2026-01-01', '--param', 'margin'], { cwd: ws });
    expect(badParam.stderr).toContain('write a parameter as name=number');
    const unknown = await runCli(['metrics', '--pack', 'finance', '--from', '2025-01-01', '--to', '2026-01-01'], { cwd: ws });
    expect(unknown.stderr).toContain('There is no metric pack named "finance".');
  });
});
