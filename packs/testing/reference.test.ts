import { describe, expect, it } from 'vitest';
import { disagreements } from './compare.ts';
import { dataset } from './dataset.ts';
import {
  EMPTY_METRICS, EMPTY_PERIOD, HAND_CHECKED_2024, MARKETING_FEBRUARY_2024_LTV, SAAS_FEBRUARY_2024,
} from './handChecked.ts';
import { coreTableContract } from './loadDataset.ts';
import { ATTRIBUTION_MODELS, PACK_NAMES, referencePack, totalMrr } from './reference.ts';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('the reference metrics on the hand-made company', () => {
  it('give the hand-checked answers for 2024, for every pack', () => {
    for (const expected of HAND_CHECKED_2024) {
      expect(disagreements(referencePack(dataset, expected), expected)).toEqual([]);
    }
  });

  it('measure a year back from 29 February 2024 on 28 February 2023, where the churn rate is 0 and ltv NULL', () => {
    expect(disagreements(referencePack(dataset, SAAS_FEBRUARY_2024), SAAS_FEBRUARY_2024)).toEqual([]);
    const marketing = referencePack(dataset, { pack: 'marketing', from: '2024-02-01', to: '2024-03-01' });
    expect(marketing.metrics).toMatchObject(MARKETING_FEBRUARY_2024_LTV);
  });

  it('give 0 for sums and counts and NULL for ratios, means and medians in a period without data', () => {
    for (const pack of PACK_NAMES) {
      const result = referencePack(dataset, { pack, ...EMPTY_PERIOD });
      expect(result.metrics, pack).toEqual(EMPTY_METRICS[pack]);
    }
    const marketing = referencePack(dataset, { pack: 'marketing', ...EMPTY_PERIOD });
    expect(marketing.by_channel).toEqual({});
    for (const model of ATTRIBUTION_MODELS) expect(marketing.attribution?.[model]).toEqual({ by_campaign: {}, by_channel: {} });
    expect(referencePack(dataset, { pack: 'saas', ...EMPTY_PERIOD }).mrr_movements).toEqual([
      { month: '2019-01-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    ]);
    expect(referencePack(dataset, { pack: 'customer_health', ...EMPTY_PERIOD }).accounts_at_risk).toEqual([]);
  });

  it('scale ltv with the gross_margin parameter', () => {
    const result = referencePack(dataset, { pack: 'marketing', from: '2024-01-01', to: '2025-01-01', params: { gross_margin: 0.7 } });
    expect(result.metrics.ltv).toBeCloseTo(8280 * 0.7 * 3, 9);
  });

  it('credit each month\'s won new-business arr in full under every attribution model', () => {
    for (let month = 1; month <= 12; month++) {
      const from = `2024-${String(month).padStart(2, '0')}-01`;
      const to = month === 12 ? '2025-01-01' : `2024-${String(month + 1).padStart(2, '0')}-01`;
      const arr = sum(dataset.opportunities
        .filter((deal) => deal.opportunity_type === 'new_business' && deal.is_won && deal.close_date >= from && deal.close_date < to)
        .map((deal) => deal.arr ?? 0));
      const { attribution } = referencePack(dataset, { pack: 'marketing', from, to });
      for (const model of ATTRIBUTION_MODELS) {
        expect(sum(Object.values(attribution?.[model].by_campaign ?? {})), `${from} ${model}`).toBeCloseTo(arr, 6);
        expect(sum(Object.values(attribution?.[model].by_channel ?? {})), `${from} ${model}`).toBeCloseTo(arr, 6);
      }
    }
  });

  it('move MRR month by month by exactly the change of total MRR', () => {
    const { mrr_movements: movements } = referencePack(dataset, { pack: 'saas', from: '2023-01-01', to: '2025-01-01' });
    expect(movements).toHaveLength(24);
    for (const row of movements ?? []) {
      const next = new Date(`${row.month}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const change = totalMrr(dataset, next.toISOString().slice(0, 10)) - totalMrr(dataset, row.month);
      expect(row.new + row.expansion + row.contraction + row.churn + row.reactivation, row.month).toBeCloseTo(change, 6);
    }
  });

  it('hold rows with exactly the columns of docs/data-model.md', async () => {
    const contract = await coreTableContract();
    expect([...contract.keys()].sort()).toEqual(Object.keys(dataset).sort());
    for (const [table, columns] of contract) {
      for (const row of dataset[table as keyof typeof dataset]) {
        expect(Object.keys(row).sort(), `core.${table}`).toEqual(columns.map((column) => column.name).sort());
      }
    }
  });
});
