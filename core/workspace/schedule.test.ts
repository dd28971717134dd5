import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../errors.ts';
import { parseWorkspaceConfig } from './config.ts';
import { describeSchedule, nextCronTime, nextRunAfter, parseCron } from './schedule.ts';

/** Local wall-clock times, as cron reads them. */
const local = (year: number, month: number, day: number, hour = 0, minute = 0) => new Date(year, month - 1, day, hour, minute);
const next = (cron: string, after: Date) => nextCronTime(parseCron(cron), after);

function configProblem(schedule: string): string {
  try {
    parseWorkspaceConfig(`name: Acme\nsources:\n  crm:\n    type: files\n    schedule: ${schedule}\n`, 'bizops.yml');
  } catch (error) {
    if (error instanceof WorkbenchError) return `${error.where}: ${error.message}`;
    throw error;
  }
  throw new Error('expected the schedule to be rejected');
}

describe('a source schedule in bizops.yml', () => {
  it('is read with its default of building the models afterwards', () => {
    const { config } = parseWorkspaceConfig('name: Acme\nsources:\n  crm:\n    type: files\n    schedule: { every_hours: 6 }\n');
    expect(config.sources.crm.schedule).toEqual({ every_hours: 6, build: true });
    expect(describeSchedule(config.sources.crm.schedule!)).toBe('every 6 hours');
    const cron = parseWorkspaceConfig('name: Acme\nsources:\n  crm:\n    type: files\n    schedule: { cron: "0 7 * * 1-5", build: false }\n');
    expect(cron.config.sources.crm.schedule).toEqual({ cron: '0 7 * * 1-5', build: false });
    expect(describeSchedule(cron.config.sources.crm.schedule!)).toBe('cron 0 7 * * 1-5');
  });

  it('names the line and the field of a bad cron expression', () => {
    expect(configProblem('{ cron: "0 25 * * *" }')).toMatch(/^bizops\.yml:5: .*the hour field "25" needs values from 0 to 23/);
    expect(configProblem('{ cron: "0 7 * *" }')).toContain('has five fields');
    expect(configProblem('{ cron: "0 0 31 2 *" }')).toContain('matches no date');
  });

  it('asks for exactly one of every_hours and cron', () => {
    expect(configProblem('{ build: true }')).toContain('give either every_hours');
    expect(configProblem('{ every_hours: 2, cron: "0 * * * *" }')).toContain('give either every_hours');
    expect(configProblem('{ every_hours: 0 }')).toContain('every_hours');
    expect(configProblem('{ every_day: 1 }')).toContain('every_day');
  });
});

describe('when a source is due', () => {
  it('every N hours: one interval after its last sync began, or at once when it never ran', () => {
    const now = local(2025, 3, 10, 12);
    expect(nextRunAfter({ every_hours: 6, build: true }, local(2025, 3, 10, 9), now)).toEqual(local(2025, 3, 10, 15));
    expect(nextRunAfter({ every_hours: 6, build: true }, null, now)).toEqual(now);
    // Missed while the app was closed: due in the past, so it runs as soon as the app starts.
    expect(nextRunAfter({ every_hours: 6, build: true }, local(2025, 3, 9, 9), now).getTime()).toBeLessThan(now.getTime());
  });

  it('cron: the next matching minute after its last sync began', () => {
    expect(nextRunAfter({ cron: '0 7 * * *', build: true }, local(2025, 3, 10, 7, 0), local(2025, 3, 10, 12))).toEqual(local(2025, 3, 11, 7));
    expect(nextRunAfter({ cron: '0 7 * * *', build: true }, null, local(2025, 3, 10, 12))).toEqual(local(2025, 3, 11, 7));
  });

  it('reads steps, ranges, lists and names the way cron does', () => {
    expect(next('*/15 * * * *', local(2025, 3, 10, 12, 7))).toEqual(local(2025, 3, 10, 12, 15));
    expect(next('30 9-17/4 * * *', local(2025, 3, 10, 14))).toEqual(local(2025, 3, 10, 17, 30));
    // 1-5 is Monday to Friday: after 07:00 on Friday 14 March 2025 comes Monday the 17th.
    expect(next('0 7 * * 1-5', local(2025, 3, 14, 8))).toEqual(local(2025, 3, 17, 7));
    expect(next('0 7 * * sat,sun', local(2025, 3, 10))).toEqual(local(2025, 3, 15, 7));
    expect(next('0 0 1 jan *', local(2025, 3, 10))).toEqual(local(2026, 1, 1));
    expect(next('0 12 * * 7', local(2025, 3, 10))).toEqual(local(2025, 3, 16, 12));
    // Both day fields restricted: either one matches (the 1st, or any Monday).
    expect(next('0 6 1 * mon', local(2025, 3, 4))).toEqual(local(2025, 3, 10, 6));
    expect(next('0 0 29 2 *', local(2025, 3, 1))).toEqual(local(2028, 2, 29));
  });
});
