/**
 * Compares a pack's answer with the expected one and lists every disagreement in words: currency to the cent
 * (|Δ| < 0.005), counts exactly, ratios and days within 1e-9 relative, NULL exactly where NULL is expected.
 */
import type { PackResult } from '../../core/api/packs.ts';

type Kind = 'currency' | 'count' | 'ratio';

/** How each metric of docs/metrics.md is compared; anything not listed is a ratio or a number of days. */
const KINDS: Record<string, Kind> = {
  bookings: 'currency', avg_deal_size: 'currency', pipeline_created: 'currency', arr: 'currency', mrr: 'currency',
  marketing_spend: 'currency', cost_per_lead: 'currency', cac: 'currency', ltv: 'currency', mrr_at_risk: 'currency',
  won_deals: 'count', customers: 'count', leads: 'count', mqls: 'count', sqls: 'count', new_customers: 'count',
  active_users: 'count', accounts_usage_down: 'count', accounts_ending_soon: 'count', accounts_at_risk: 'count',
  active_users_last_30: 'count', active_users_prior_30: 'count',
};

const kindOf = (name: string): Kind => KINDS[name] ?? 'ratio';

function agrees(kind: Kind, actual: number, expected: number): boolean {
  const difference = Math.abs(actual - expected);
  switch (kind) {
    case 'currency': return difference < 0.005;
    case 'count': return actual === expected;
    case 'ratio': return difference <= 1e-9 * Math.abs(expected) || difference < 1e-12;
  }
}

const show = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

/** The disagreement of one value, or null when it agrees. */
export function valueDisagreement(where: string, kind: Kind, actual: unknown, expected: number | null): string | null {
  const ok = expected === null ? actual === null : typeof actual === 'number' && agrees(kind, actual, expected);
  return ok ? null : `${where}: runPack ${show(actual)}, expected ${show(expected)}`;
}

function compareValues(where: string, actual: Record<string, unknown> | undefined, expected: Record<string, number | null>, kind?: Kind): string[] {
  return Object.entries(expected)
    .map(([name, value]) => valueDisagreement(`${where}.${name}`, kind ?? kindOf(name), actual?.[name], value))
    .filter((line): line is string => line !== null);
}

function compareKeys(where: string, actual: object | undefined, expected: object): string[] {
  const have = Object.keys(actual ?? {}).sort();
  const want = Object.keys(expected).sort();
  return JSON.stringify(have) === JSON.stringify(want) ? [] : [`${where} keys: runPack ${JSON.stringify(have)}, expected ${JSON.stringify(want)}`];
}

/**
 * Every way `actual` disagrees with `expected`. Only the parts `expected` has are compared (metrics by name),
 * but a breakdown it has must match whole: the same channels, campaigns, months and accounts.
 */
export function disagreements(actual: PackResult, expected: PackResult): string[] {
  const label = `${expected.pack} [${expected.from}, ${expected.to})`;
  const found: string[] = [];
  if (actual.as_of !== expected.as_of) found.push(`${label} as_of: runPack ${show(actual.as_of)}, expected ${expected.as_of}`);
  found.push(...compareValues(`${label} metrics`, actual.metrics, expected.metrics));

  if (expected.by_channel) {
    found.push(...compareKeys(`${label} by_channel`, actual.by_channel, expected.by_channel));
    for (const [channel, values] of Object.entries(expected.by_channel)) {
      found.push(...compareValues(`${label} by_channel[${channel}]`, actual.by_channel?.[channel], values));
    }
  }

  if (expected.attribution) {
    found.push(...compareKeys(`${label} attribution`, actual.attribution, expected.attribution));
    for (const [model, credits] of Object.entries(expected.attribution)) {
      for (const part of ['by_campaign', 'by_channel'] as const) {
        const where = `${label} attribution.${model}.${part}`;
        found.push(...compareKeys(where, actual.attribution?.[model]?.[part], credits[part]));
        found.push(...compareValues(where, actual.attribution?.[model]?.[part], credits[part], 'currency'));
      }
    }
  }

  if (expected.mrr_movements) {
    const months = (result: PackResult) => JSON.stringify((result.mrr_movements ?? []).map((row) => row.month));
    if (months(actual) !== months(expected)) found.push(`${label} mrr_movements months: runPack ${months(actual)}, expected ${months(expected)}`);
    for (const row of expected.mrr_movements) {
      const { month, ...amounts } = row;
      const theirs = actual.mrr_movements?.find((candidate) => candidate.month === month);
      if (theirs) found.push(...compareValues(`${label} mrr_movements[${month}]`, theirs, amounts, 'currency'));
    }
  }

  if (expected.accounts_at_risk) {
    const ids = (rows: Record<string, unknown>[] | undefined) => JSON.stringify((rows ?? []).map((row) => row.account_id));
    if (ids(actual.accounts_at_risk) !== ids(expected.accounts_at_risk)) {
      found.push(`${label} accounts_at_risk (in order): runPack ${ids(actual.accounts_at_risk)}, expected ${ids(expected.accounts_at_risk)}`);
    }
    for (const row of expected.accounts_at_risk) {
      const theirs = actual.accounts_at_risk?.find((candidate) => candidate.account_id === row.account_id);
      if (!theirs) continue;
      const where = `${label} accounts_at_risk[${String(row.account_id)}]`;
      for (const column of ['account_name', 'segment', 'ends_on', 'reasons']) {
        if (JSON.stringify(theirs[column]) !== JSON.stringify(row[column])) found.push(`${where}.${column}: runPack ${show(theirs[column])}, expected ${show(row[column])}`);
      }
      const numbers = { mrr: row.mrr, active_users_last_30: row.active_users_last_30, active_users_prior_30: row.active_users_prior_30, usage_change: row.usage_change } as Record<string, number | null>;
      found.push(...compareValues(where, theirs, numbers));
    }
  }
  return found;
}
