import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackResult } from '../core/api/packs.ts';
import { runPack } from '../core/packs/run.ts';
import { openSession, type Session } from '../core/service.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { disagreements } from './testing/compare.ts';
import { dataset } from './testing/dataset.ts';
import {
  EMPTY_METRICS, EMPTY_PERIOD, HAND_CHECKED_2024, MARKETING_FEBRUARY_2024_LTV, SAAS_FEBRUARY_2024,
} from './testing/handChecked.ts';
import { loadCoreDataset } from './testing/loadDataset.ts';
import { ATTRIBUTION_MODELS, PACK_NAMES, referencePack, totalMrr, type PackRequest } from './testing/reference.ts';

/** Periods that each stress something different in the definitions. */
const PERIODS = [
  { name: 'the year 2024', from: '2024-01-01', to: '2025-01-01' },
  { name: 'Q2 2024 (only a NULL-amount open deal against a target)', from: '2024-04-01', to: '2024-07-01' },
  { name: 'Q3 2024 (a reactivation on a month boundary)', from: '2024-07-01', to: '2024-10-01' },
  { name: 'Q4 2024 (new customers, ending subscriptions)', from: '2024-10-01', to: '2025-01-01' },
  { name: 'February 2024 (as_of on a leap day, churn rate 0)', from: '2024-02-01', to: '2024-03-01' },
  { name: 'November 2024 (two won deals on one day)', from: '2024-11-01', to: '2024-12-01' },
  { name: 'the second half of 2024 (an even number of sales cycles)', from: '2024-07-01', to: '2025-01-01' },
  { name: 'Q1 2023 (no spend, no leads, no cohort a year back)', from: '2023-01-01', to: '2023-04-01' },
  { name: '2023 and 2024', from: '2023-01-01', to: '2025-01-01' },
  { name: 'mid-January to early March 2024 (not on month boundaries)', from: '2024-01-15', to: '2024-03-10' },
  { name: '10 August to 10 September 2024 (MRR changes on from: ARR(from − 1 day) differs from ARR(from))', from: '2024-08-10', to: '2024-09-10' },
  { name: 'January 2019 (before any data)', ...EMPTY_PERIOD },
];

let dir: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-packs-'));
  await Workspace.init(join(dir, 'workspace'));
  session = await openSession(join(dir, 'workspace'), { secrets: new EnvSecretStore({}) });
  await session.engine.withConnection((connection) => loadCoreDataset(connection, dataset));
});

afterAll(async () => {
  await session?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const run = (request: PackRequest): Promise<PackResult> => runPack(session, request);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe.each(PACK_NAMES)('the %s pack on the hand-made company', (pack) => {
  it.each(PERIODS)('agrees with the reference for $name', async ({ from, to }) => {
    const theirs = await run({ pack, from, to });
    expect(theirs.pack).toBe(pack);
    expect(Object.keys(theirs.metrics)).toEqual(expect.arrayContaining(Object.keys(EMPTY_METRICS[pack])));
    expect(disagreements(theirs, referencePack(dataset, { pack, from, to }))).toEqual([]);
  });

  it('gives the hand-checked answers for 2024', async () => {
    const expected = HAND_CHECKED_2024.find((result) => result.pack === pack)!;
    expect(disagreements(await run(expected), expected)).toEqual([]);
  });

  it('gives 0 for sums and counts and NULL for ratios, means and medians in a period without data', async () => {
    const theirs = await run({ pack, ...EMPTY_PERIOD });
    expect(disagreements(theirs, { pack, ...EMPTY_PERIOD, as_of: '2019-01-31', metrics: EMPTY_METRICS[pack] })).toEqual([]);
  });
});

describe('the packs where the definitions are easy to get subtly wrong', () => {
  it('measure a year back from 29 February 2024 on 28 February 2023, and give no ltv when no customer churned', async () => {
    expect(disagreements(await run(SAAS_FEBRUARY_2024), SAAS_FEBRUARY_2024)).toEqual([]);
    const marketing = await run({ pack: 'marketing', from: '2024-02-01', to: '2024-03-01' });
    expect(marketing.metrics).toMatchObject(MARKETING_FEBRUARY_2024_LTV);
  });

  it('scale ltv with the gross_margin parameter', async () => {
    const request = { pack: 'marketing', from: '2024-01-01', to: '2025-01-01', params: { gross_margin: 0.7 } };
    const theirs = await run(request);
    expect(theirs.metrics.ltv).toBeCloseTo(8280 * 0.7 * 3, 2);
    expect(disagreements(theirs, referencePack(dataset, request))).toEqual([]);
  });

  it('credit each deal\'s arr in full under every attribution model (one month at a time)', async () => {
    for (let month = 1; month <= 12; month++) {
      const from = `2024-${String(month).padStart(2, '0')}-01`;
      const to = month === 12 ? '2025-01-01' : `2024-${String(month + 1).padStart(2, '0')}-01`;
      const arr = sum(dataset.opportunities
        .filter((deal) => deal.opportunity_type === 'new_business' && deal.is_won && deal.close_date >= from && deal.close_date < to)
        .map((deal) => deal.arr ?? 0));
      const { attribution } = await run({ pack: 'marketing', from, to });
      for (const model of ATTRIBUTION_MODELS) {
        expect(sum(Object.values(attribution?.[model]?.by_campaign ?? {})), `${from} ${model} by campaign`).toBeCloseTo(arr, 2);
        expect(sum(Object.values(attribution?.[model]?.by_channel ?? {})), `${from} ${model} by channel`).toBeCloseTo(arr, 2);
      }
    }
  });

  it('move MRR in each month by exactly the change of total MRR from its first day to the next month\'s', async () => {
    const { mrr_movements: movements } = await run({ pack: 'saas', from: '2023-01-01', to: '2025-01-01' });
    expect(movements?.map((row) => row.month)).toHaveLength(24);
    for (const row of movements ?? []) {
      const next = new Date(`${row.month}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const change = totalMrr(dataset, next.toISOString().slice(0, 10)) - totalMrr(dataset, row.month);
      expect(row.new + row.expansion + row.contraction + row.churn + row.reactivation, row.month).toBeCloseTo(change, 2);
    }
  });
});
