import { describe, expect, it } from 'vitest';
import { describeRun, formatChange, formatKpi, formatPeriod } from './numbers.ts';

describe('how a dashboard writes numbers', () => {
  it('writes KPI values short, with their currency or unit', () => {
    expect(formatKpi(1_284_500, 'currency', 'USD')).toBe('$1.28M');
    expect(formatKpi(17_598.4, 'currency', 'EUR')).toBe('€17,598');
    expect(formatKpi(0.2654, 'percent', 'USD')).toBe('26.5%');
    expect(formatKpi(41.96, 'days', 'USD')).toBe('42 days');
    expect(formatKpi(3.1, 'ratio', 'USD')).toBe('3.10×');
    expect(formatKpi(53, 'number', 'USD')).toBe('53');
    expect(formatKpi(2_500_000, 'number', 'USD')).toBe('2.5M');
    expect(formatKpi(null, 'currency', 'USD')).toBe('—');
  });

  it('writes a change with its direction, and nothing when there is nothing to compare', () => {
    expect(formatChange(0.5567)).toEqual({ text: '▲ 55.7%', direction: 'up' });
    expect(formatChange(-0.034)).toEqual({ text: '▼ 3.4%', direction: 'down' });
    expect(formatChange(0.00001)).toEqual({ text: '0.0%', direction: 'flat' });
    expect(formatChange(null)).toBeNull();
  });

  it('writes the period with its last day, and what the numbers are for', () => {
    expect(formatPeriod({ from: '2025-01-01', to: '2026-01-01' })).toBe('2025-01-01 – 2025-12-31');
    const dashboard = {
      title: 'T',
      parameters: [
        { name: 'period', type: 'date_range' as const, label: 'Period', default: 'last_year' as const },
        { name: 'segment', type: 'select' as const, options: ['SMB'], default: null },
      ],
      tiles: [],
      layout: [],
    };
    const run = { parameters: { period: { from: '2025-01-01', to: '2026-01-01' }, segment: 'SMB' }, period: null, tiles: [] };
    expect(describeRun({ dashboard, run, generatedAt: '2026-11-22T10:05:00.000Z' })).toBe('Period: 2025-01-01 – 2025-12-31 · segment: SMB · computed 2026-11-22 10:05 UTC');
  });
});
