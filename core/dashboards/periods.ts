import type { RELATIVE_PERIODS } from './format.ts';

export interface Period {
  /** First day, included (YYYY-MM-DD). */
  from: string;
  /** Day after the last, excluded (YYYY-MM-DD). */
  to: string;
}

type Relative = (typeof RELATIVE_PERIODS)[number];

/** A relative period as dates, against `today` (UTC): complete periods end before today's month, quarter or year. */
export function resolvePeriod(period: Relative | Period, today: Date): Period {
  if (typeof period === 'object') return period;
  const day = utcDay(today);
  const monthStart = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  const quarterStart = new Date(Date.UTC(day.getUTCFullYear(), Math.floor(day.getUTCMonth() / 3) * 3, 1));
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  switch (period) {
    case 'last_7_days':
      return span(addDays(day, -7), day);
    case 'last_30_days':
      return span(addDays(day, -30), day);
    case 'last_90_days':
      return span(addDays(day, -90), day);
    case 'last_12_months':
      return span(addMonths(monthStart, -12), monthStart);
    case 'this_month':
      return span(monthStart, addMonths(monthStart, 1));
    case 'last_month':
      return span(addMonths(monthStart, -1), monthStart);
    case 'this_quarter':
      return span(quarterStart, addMonths(quarterStart, 3));
    case 'last_quarter':
      return span(addMonths(quarterStart, -3), quarterStart);
    case 'this_year':
      return span(yearStart, addMonths(yearStart, 12));
    case 'last_year':
      return span(addMonths(yearStart, -12), yearStart);
    case 'year_to_date':
      return span(yearStart, addDays(day, 1));
  }
}

/** The period of the same length just before: what a KPI's change compares against. */
export function previousPeriod(period: Period): Period {
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  // Whole months and years compare with the months or years before them, not with a day count.
  if (from.getUTCDate() === 1 && to.getUTCDate() === 1) {
    const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
    return span(addMonths(from, -months), from);
  }
  return span(addDays(from, -days), from);
}

/** The months a period covers, each clipped to the period: what a sparkline draws. */
export function monthsOf(period: Period): Period[] {
  const months: Period[] = [];
  const end = new Date(`${period.to}T00:00:00Z`);
  let start = new Date(`${period.from}T00:00:00Z`);
  while (start < end) {
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    months.push(span(start, next < end ? next : end));
    start = next;
  }
  return months;
}

function span(from: Date, to: Date): Period {
  return { from: iso(from), to: iso(to) };
}

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
