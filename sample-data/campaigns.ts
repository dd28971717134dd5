import type { Channel } from './assumptions.ts';
import { at, LAST_DAY, startOfMonth, startOfQuarter, WINDOW_START, weekday, type Day } from './calendar.ts';
import type { CampaignKind, CampaignRecord, Company } from './model.ts';
import { EVENT_CITIES, EVENT_NAMES, GUIDE_TITLES, WEBINAR_TITLES } from './names.ts';
import type { Random } from './random.ts';

const YEARS = [2023, 2024, 2025];
/** Months (0-based) of the sponsored events each year: spring and the autumn conference season. */
const EVENT_MONTHS = [2, 4, 5, 8, 9, 10];

/** The marketing calendar: ads by quarter, guides and webinars, sponsored events, partner programs, outbound sequences. */
export function buildCampaigns(random: Random, partners: readonly Company[]): CampaignRecord[] {
  const campaigns: CampaignRecord[] = [];
  const add = (channel: Channel, kind: CampaignKind, name: string, startDay: Day, endDay: Day, weight = 1) => {
    const planned = startDay > LAST_DAY;
    const createdOn = planned ? LAST_DAY - random.int(10, 50) : Math.max(WINDOW_START, startDay - random.int(14, 45));
    campaigns.push({
      id: '', name, channel, kind, startDay, endDay, weight, planned, createdAt: at(createdOn, random.between(9, 17)),
      budgetedCents: null, actualCents: null, leadCount: 0, deletedAt: null,
    });
  };
  YEARS.forEach((year, yearIndex) => {
    for (let quarter = 1; quarter <= 4; quarter++) {
      const start = startOfQuarter(year, quarter);
      const end = (quarter === 4 ? startOfQuarter(year + 1, 1) : startOfQuarter(year, quarter + 1)) - 1;
      const label = `Q${quarter} ${year}`;
      const index = yearIndex * 4 + quarter - 1;
      add('Paid Search', 'always-on', `Paid Search - Brand - ${label}`, start, end, 0.4);
      add('Paid Search', 'always-on', `Paid Search - Category - ${label}`, start, end, 0.6);
      add('Paid Social', 'always-on', `LinkedIn Ads - ${label}`, start, end);
      add('Content', 'always-on', `Guide: ${GUIDE_TITLES[index % GUIDE_TITLES.length]}`, start, end);
      const webinarDay = nthWeekday(year, (quarter - 1) * 3 + 1, 4, 2);
      add('Content', 'webinar', `Webinar: "${WEBINAR_TITLES[index % WEBINAR_TITLES.length]}"`, webinarDay, webinarDay);
      add('Outbound', 'always-on', `Outbound sequence - ${label}`, start, end);
    }
    add('Website', 'always-on', `Website demo requests ${year}`, startOfMonth(year, 0), startOfMonth(year + 1, 0) - 1);
    EVENT_MONTHS.forEach((month, i) => {
      const start = nthWeekday(year, month, 2, random.int(2, 3));
      const name = `${EVENT_NAMES[(i + yearIndex * 2) % EVENT_NAMES.length]} ${year} (${EVENT_CITIES[(i * 3 + yearIndex) % EVENT_CITIES.length]})`;
      add('Events', 'event', name, start, start + random.int(1, 2), random.between(0.6, 1.6));
    });
    for (const partner of partners) {
      add('Partner', 'partner', `Partner referrals - ${partner.name} ${year}`, startOfMonth(year, 0), startOfMonth(year + 1, 0) - 1);
    }
  });
  // Next year's plan is already in the CRM when the export is taken.
  const nextYear = YEARS[YEARS.length - 1] + 1;
  add('Paid Search', 'always-on', `Paid Search - Brand - Q1 ${nextYear}`, startOfQuarter(nextYear, 1), startOfQuarter(nextYear, 2) - 1, 0.4);
  add('Content', 'webinar', `Webinar: "${WEBINAR_TITLES[0]}" (encore)`, nthWeekday(nextYear, 1, 4, 2), nthWeekday(nextYear, 1, 4, 2));
  add('Events', 'event', `${EVENT_NAMES[0]} ${nextYear} (${EVENT_CITIES[0]})`, nthWeekday(nextYear, 2, 2, 3), nthWeekday(nextYear, 2, 2, 3) + 2);
  for (const campaign of campaigns.filter((c) => c.planned)) {
    campaign.budgetedCents = Math.round(random.between(20, 80)) * 1000_00;
  }
  return campaigns;
}

/** The campaigns of `channel` that collect leads every day they run (not webinars or events). */
export function alwaysOnOn(campaigns: readonly CampaignRecord[], channel: Channel, day: Day): CampaignRecord[] {
  return campaigns.filter(
    (c) => c.channel === channel && (c.kind === 'always-on' || c.kind === 'partner') && !c.planned && c.startDay <= day && day <= c.endDay,
  );
}

export type CampaignStatus = 'Planned' | 'In Progress' | 'Completed';

/** Campaign status at export time. */
export function campaignStatus(campaign: CampaignRecord): CampaignStatus {
  return campaign.planned ? 'Planned' : campaign.endDay < LAST_DAY ? 'Completed' : 'In Progress';
}

/** The `n`-th given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, day: number, n: number): Day {
  const first = startOfMonth(year, month);
  const offset = (day - weekday(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}
