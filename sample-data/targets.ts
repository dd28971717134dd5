import { opportunityAtExport } from './atExport.ts';
import { quarterOf, startOfQuarter, yearOf } from './calendar.ts';
import type { OpportunityRecord, TargetRow } from './model.ts';
import type { Random } from './random.ts';

const YEARS = [2023, 2024, 2025];
/** The plan for the year after the window grows bookings by this much. */
const NEXT_YEAR_GROWTH = 1.3;
const ROUND_TO_CENTS = 5000_00;

/**
 * Quarterly bookings targets (new-business and expansion ARR). Sales mostly beats its number: in about seven
 * quarters out of ten the target sits a little below what was booked, otherwise above it.
 */
export function buildTargets(opportunities: readonly OpportunityRecord[], random: Random): TargetRow[] {
  const booked = new Map<string, number>();
  for (const opportunity of opportunities) {
    if (opportunity.deletedAt !== null || opportunity.kind === 'renewal' || !opportunityAtExport(opportunity).isWon) continue;
    const key = `${yearOf(opportunity.closeDay)}-${quarterOf(opportunity.closeDay)}`;
    booked.set(key, (booked.get(key) ?? 0) + opportunity.amountCents);
  }
  const targets: TargetRow[] = [];
  for (const year of YEARS) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      const factor = random.chance(0.7) ? random.between(0.86, 0.98) : random.between(1.04, 1.18);
      targets.push(quarterTarget(year, quarter, (booked.get(`${year}-${quarter}`) ?? 0) * factor));
    }
  }
  const lastYear = targets.slice(-4);
  for (let quarter = 1; quarter <= 4; quarter++) {
    targets.push(quarterTarget(YEARS[YEARS.length - 1] + 1, quarter, lastYear[quarter - 1].cents * NEXT_YEAR_GROWTH));
  }
  return targets;
}

function quarterTarget(year: number, quarter: number, cents: number): TargetRow {
  return {
    startDay: startOfQuarter(year, quarter),
    endDay: quarter === 4 ? startOfQuarter(year + 1, 1) : startOfQuarter(year, quarter + 1),
    cents: Math.max(1, Math.round(cents / ROUND_TO_CENTS)) * ROUND_TO_CENTS,
  };
}
