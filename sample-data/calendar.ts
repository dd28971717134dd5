/**
 * Time in the sample company: a `Day` is a whole UTC day counted from 1970-01-01, a `Moment` is milliseconds
 * since the epoch (always a whole second, as Salesforce exports them). Nothing here reads the clock.
 */
export type Day = number;
export type Moment = number;

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function dayOf(isoDate: string): Day {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

/** The simulated years: the data covers [WINDOW_START, WINDOW_END), whatever today's date is. */
export const WINDOW_START: Day = dayOf('2023-01-01');
export const WINDOW_END: Day = dayOf('2026-01-01');
/** When the export was taken: the latest moment any record may have been created or modified. */
export const EXPORTED_AT: Moment = (WINDOW_END - 1) * DAY_MS + 23 * HOUR_MS;
export const LAST_DAY: Day = WINDOW_END - 1;

/** Formatted dates, kept: the files repeat the same few thousand days hundreds of thousands of times. */
const isoDates = new Map<Day, string>();

export function isoDate(day: Day): string {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

/** `YYYY-MM-DDTHH:MM:SS.000Z`, the way Salesforce exports datetimes. */
export function isoDateTime(moment: Moment): string {
  const day = Math.floor(moment / DAY_MS);
  const ms = moment - day * DAY_MS;
  return `${isoDate(day)}T${pad(Math.floor(ms / HOUR_MS))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function dayOfMoment(moment: Moment): Day {
  return Math.floor(moment / DAY_MS);
}

/** A moment on `day` at `hours` (fractional) past midnight UTC, rounded to the second. */
export function at(day: Day, hours: number): Moment {
  return day * DAY_MS + Math.round(hours * 3600) * 1000;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return (day + 4) % 7;
}

export function isWeekend(day: Day): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

export function monthOf(day: Day): number {
  return new Date(day * DAY_MS).getUTCMonth();
}

export function yearOf(day: Day): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 1 … 4. */
export function quarterOf(day: Day): number {
  return Math.floor(monthOf(day) / 3) + 1;
}

export function startOfMonth(year: number, month: number): Day {
  return Date.UTC(year, month, 1) / DAY_MS;
}

export function startOfQuarter(year: number, quarter: number): Day {
  return startOfMonth(year, (quarter - 1) * 3);
}

/** The same date `years` later; 29 February becomes 28 February, as DuckDB's `+ INTERVAL n YEAR` does. */
export function addYears(day: Day, years: number): Day {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / DAY_MS;
}
