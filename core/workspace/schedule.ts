import { z } from 'zod';

/**
 * A source's `schedule:` in bizops.yml: refresh it while the app (or `bizops serve`) runs, either every N hours
 * or at the times of a five-field cron expression in local time; after a successful sync the models are built
 * unless `build: false`.
 *
 *   schedule: { every_hours: 6 }
 *   schedule: { cron: "0 7 * * 1-5", build: false }
 */
export const sourceScheduleSchema = z
  .object({
    every_hours: z.number().positive().max(24 * 31).optional(),
    cron: z
      .string()
      .superRefine((text, check) => {
        const problem = cronProblem(text);
        if (problem) check.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    build: z.boolean().default(true),
  })
  .strict()
  .refine((schedule) => (schedule.every_hours === undefined) !== (schedule.cron === undefined), {
    message: 'give either every_hours (e.g. every_hours: 6) or cron (e.g. cron: "0 7 * * 1-5"), not both',
  });

export type SourceSchedule = z.output<typeof sourceScheduleSchema>;

/** "every 6 hours", "cron 0 7 * * 1-5": how a schedule is shown to a person. */
export function describeSchedule(schedule: SourceSchedule): string {
  if (schedule.cron !== undefined) return `cron ${schedule.cron}`;
  const hours = schedule.every_hours!;
  return hours === 1 ? 'every hour' : `every ${hours} hours`;
}

/** When a source is next due: one interval (or the next cron time) after its last sync began; now when it never ran. */
export function nextRunAfter(schedule: SourceSchedule, lastStart: Date | null, now: Date): Date {
  if (schedule.cron !== undefined) return nextCronTime(parseCron(schedule.cron), lastStart ?? now);
  if (!lastStart) return now;
  return new Date(lastStart.getTime() + schedule.every_hours! * 3_600_000);
}

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // 7 is Sunday too, as in every cron.
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Cron's rule: when both day fields are restricted, a day matching either one is a match. */
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

/** Why a cron expression cannot be read, or undefined when it can. */
export function cronProblem(text: string): string | undefined {
  try {
    nextCronTime(parseCron(text), new Date());
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** minute hour day-of-month month day-of-week, each `*`, a number or name, a range `a-b`, a step `/n`, or a list. */
export function parseCron(text: string): CronSchedule {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(`a cron expression has five fields (minute hour day-of-month month day-of-week), "${text}" has ${parts.length}`);
  }
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => parseField(part, FIELDS[i]));
  if (weekdays.has(7)) weekdays.add(0);
  return { minutes, hours, days, months, weekdays, daysRestricted: parts[2] !== '*', weekdaysRestricted: parts[4] !== '*' };
}

function parseField(text: string, field: CronField): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (extra !== undefined || !Number.isInteger(step) || step < 1) {
      throw new Error(`the ${field.name} field "${text}" has a bad step: write e.g. */15`);
    }
    let low = field.min;
    let high = field.max;
    if (range !== '*') {
      const [from, to, more] = range.split('-');
      if (more !== undefined) throw new Error(`the ${field.name} field "${text}" has a bad range: write e.g. 1-5`);
      low = fieldValue(from, field, text);
      high = to === undefined ? (stepText === undefined ? low : field.max) : fieldValue(to, field, text);
      if (high < low) throw new Error(`the ${field.name} field "${text}" has a range that runs backwards`);
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

function fieldValue(text: string, field: CronField, whole: string): number {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  const value = named >= 0 ? named + (field.name === 'month' ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < field.min || value > field.max) {
    throw new Error(`the ${field.name} field "${whole}" needs values from ${field.min} to ${field.max}${field.names ? ` or names (${field.names.slice(0, 3).join(', ')}, …)` : ''}`);
  }
  return value;
}

/** The first minute strictly after `after` that the schedule matches, in local time. */
export function nextCronTime(cron: CronSchedule, after: Date): Date {
  const time = new Date(after.getTime());
  time.setSeconds(0, 0);
  time.setMinutes(time.getMinutes() + 1);
  // Five years covers every valid expression (29 February on a Monday included); past that nothing matches.
  const limit = after.getTime() + 5 * 366 * 86_400_000;
  while (time.getTime() <= limit) {
    if (!cron.months.has(time.getMonth() + 1)) {
      time.setMonth(time.getMonth() + 1, 1);
      time.setHours(0, 0);
    } else if (!dayMatches(cron, time)) {
      time.setDate(time.getDate() + 1);
      time.setHours(0, 0);
    } else if (!cron.hours.has(time.getHours())) {
      time.setHours(time.getHours() + 1, 0);
    } else if (!cron.minutes.has(time.getMinutes())) {
      time.setMinutes(time.getMinutes() + 1);
    } else {
      return time;
    }
  }
  throw new Error('the cron expression matches no date (e.g. 31 February)');
}

function dayMatches(cron: CronSchedule, time: Date): boolean {
  const day = cron.days.has(time.getDate());
  const weekday = cron.weekdays.has(time.getDay());
  if (cron.daysRestricted && cron.weekdaysRestricted) return day || weekday;
  return day && weekday;
}
