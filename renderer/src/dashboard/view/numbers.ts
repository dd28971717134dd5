import type { DashboardSnapshot, DashboardTile } from '../../../../core/api/dashboards.ts';
import { formatRate } from '../../../../core/api/format.ts';

export type KpiFormat = NonNullable<DashboardTile['kpi']>['format'];

/** A KPI's value as a headline: short (1.2M), with its currency or unit; a dash when there is none. */
export function formatKpi(value: number | null, format: KpiFormat, currency: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (format) {
    case 'currency':
      return new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        notation: Math.abs(value) >= 100_000 ? 'compact' : 'standard',
        maximumFractionDigits: Math.abs(value) >= 100_000 ? 2 : 0,
      }).format(value);
    case 'percent':
    case 'days':
    case 'ratio':
      return formatRate(value, format);
    case 'number':
      return new Intl.NumberFormat('en-US', {
        notation: Math.abs(value) >= 1_000_000 ? 'compact' : 'standard',
        maximumFractionDigits: Math.abs(value) >= 1_000_000 ? 2 : Math.abs(value) < 10 ? 2 : 0,
      }).format(value);
  }
}

/** A change against the period before: `▲ 12.4%`, `▼ 3.0%`, or nothing to compare with. */
export function formatChange(change: number | null): { text: string; direction: 'up' | 'down' | 'flat' } | null {
  if (change === null || !Number.isFinite(change)) return null;
  const percent = Math.abs(change * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (percent === '0.0') return { text: '0.0%', direction: 'flat' };
  return change > 0 ? { text: `▲ ${percent}%`, direction: 'up' } : { text: `▼ ${percent}%`, direction: 'down' };
}

/** A table cell: numbers grouped, nothing shown as an empty cell. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The period a dashboard shows, in words: `2025-01-01 – 2025-12-31` (its `to` is the day after the last). */
export function formatPeriod(period: { from: string; to: string }): string {
  const last = new Date(`${period.to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${period.from} – ${last.toISOString().slice(0, 10)}`;
}

/** `Period 2025-01-01 – 2025-12-31 · segment: SMB · computed 2026-11-22 10:00 UTC`. */
export function describeRun(snapshot: Pick<DashboardSnapshot, 'run' | 'generatedAt' | 'dashboard'>): string {
  const parts: string[] = [];
  for (const parameter of snapshot.dashboard.parameters) {
    const value = snapshot.run.parameters[parameter.name];
    const label = parameter.label ?? parameter.name;
    if (parameter.type === 'date_range') parts.push(`${label}: ${formatPeriod(value as { from: string; to: string })}`);
    else if (value !== null && value !== undefined && value !== '') parts.push(`${label}: ${String(value)}`);
  }
  parts.push(`computed ${snapshot.generatedAt.slice(0, 16).replace('T', ' ')} UTC`);
  return parts.join(' · ');
}
