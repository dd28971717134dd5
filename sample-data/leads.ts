import {
  CHANNEL_PROFILES, CHANNELS, growthFactor, leadSeasonFactor, LEADS_AT_SCALE_1, SQL_CONVERSION_RATE, type Channel,
} from './assumptions.ts';
import { alwaysOnOn } from './campaigns.ts';
import { at, isWeekend, LAST_DAY, WINDOW_END, WINDOW_START, type Day, type Moment } from './calendar.ts';
import type { CampaignRecord, LeadRecord } from './model.ts';
import { CONTACT_TITLES, randomPerson } from './names.ts';
import type { Random } from './random.ts';

/** Share of Content leads that register for a webinar; the rest download a guide. */
const WEBINAR_SHARE = 0.4;

/**
 * Every lead of the window with its channel, campaign and planned path through the funnel, in creation order.
 * Which company a lead belongs to is decided later, when the simulation reaches its creation.
 */
export function planLeads(scale: number, campaigns: readonly CampaignRecord[], random: Random): LeadRecord[] {
  const total = Math.round(LEADS_AT_SCALE_1 * scale);
  const leadDays = new DaySampler((day) => growthFactor(day) * leadSeasonFactor(day) * (isWeekend(day) ? 0.3 : 1));
  const leads: LeadRecord[] = [];
  let assigned = 0;
  CHANNELS.forEach((channel, i) => {
    const count = i === CHANNELS.length - 1 ? total - assigned : Math.round(total * CHANNEL_PROFILES[channel].leadShare);
    assigned += count;
    for (let n = 0; n < count; n++) {
      const { day, campaign } = placeLead(channel, campaigns, leadDays, random);
      campaign.leadCount++;
      leads.push(newLead(channel, campaign, at(day, businessHours(random)), random));
    }
  });
  return leads.sort((a, b) => a.createdAt - b.createdAt);
}

/** A time of day in hours, mostly during office hours. */
export function businessHours(random: Random): number {
  return 7.5 + 10.5 * ((random.next() + random.next()) / 2);
}

function placeLead(channel: Channel, campaigns: readonly CampaignRecord[], leadDays: DaySampler, random: Random): { day: Day; campaign: CampaignRecord } {
  if (channel === 'Events') {
    const event = pickByGrowth(campaigns.filter((c) => c.kind === 'event' && !c.planned), random);
    // Badge scans arrive on the event days and the day after.
    return { day: Math.min(LAST_DAY, event.startDay + random.int(0, event.endDay - event.startDay + 1)), campaign: event };
  }
  if (channel === 'Content' && random.chance(WEBINAR_SHARE)) {
    const webinar = pickByGrowth(campaigns.filter((c) => c.kind === 'webinar' && !c.planned), random);
    return { day: Math.max(WINDOW_START, webinar.startDay - random.int(0, 20)), campaign: webinar };
  }
  const day = leadDays.sample(random);
  const running = alwaysOnOn(campaigns, channel, day);
  return { day, campaign: random.weighted(running.map((c) => [c, c.weight] as const)) };
}

function pickByGrowth(campaigns: CampaignRecord[], random: Random): CampaignRecord {
  return random.weighted(campaigns.map((c) => [c, c.weight * growthFactor(c.startDay)] as const));
}

function newLead(channel: Channel, campaign: CampaignRecord, createdAt: Moment, random: Random): LeadRecord {
  const profile = CHANNEL_PROFILES[channel];
  const mqlAt = random.chance(profile.mqlRate) ? createdAt + days(random.logNormal(2, 1), 0, 30) : null;
  const sqlAt = mqlAt !== null && random.chance(profile.sqlRate) ? mqlAt + days(random.logNormal(6, 0.7), 1, 60) : null;
  const convertAt = sqlAt !== null && random.chance(SQL_CONVERSION_RATE) ? sqlAt + days(random.logNormal(2, 0.8), 0.2, 20) : null;
  return {
    id: '', person: randomPerson(random), email: '', title: random.weighted(CONTACT_TITLES), channel, campaign, createdAt,
    mqlAt, sqlAt, convertAt, company: null, account: null, owner: null, converted: null, deletedAt: null,
  };
}

/** A duration in whole seconds, clamped to [min, max] days. */
function days(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)) * 86_400) * 1000;
}

/** Draws days of the window with probability proportional to a weight. */
export class DaySampler {
  private readonly cumulative: number[] = [];

  constructor(weight: (day: Day) => number) {
    let total = 0;
    for (let day = WINDOW_START; day < WINDOW_END; day++) {
      total += weight(day);
      this.cumulative.push(total);
    }
  }

  sample(random: Random): Day {
    const target = random.next() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return WINDOW_START + low;
  }
}
