import { CHANNEL_PROFILES, growthFactor, leadSeasonFactor, PAID_CHANNELS } from './assumptions.ts';
import { dayOfMoment, isWeekend, LAST_DAY, monthOf, startOfMonth, startOfQuarter, WINDOW_START, yearOf, type Day } from './calendar.ts';
import type { CampaignRecord, LeadRecord, SpendRow } from './model.ts';
import type { Random } from './random.ts';

/** The partner program's platform fee per quarter at scale 1, in dollars; it belongs to no campaign. */
const PARTNER_PROGRAM_FEE = 4000;

/**
 * Daily spend by channel and campaign, from what each campaign brought in: ads and guides spend every day they
 * run, webinars are promoted for three weeks, events are a sponsorship fee plus costs on the days, partners are
 * paid a referral fee a month later. Campaign costs (ActualCost, BudgetedCost) are set from the same rows.
 */
export function buildSpend(campaigns: CampaignRecord[], leads: readonly LeadRecord[], scale: number, random: Random): SpendRow[] {
  const rows = new Map<string, SpendRow>();
  const add = (row: SpendRow) => {
    if (row.cents <= 0) return;
    const key = `${row.day}|${row.channel}|${row.campaign ? campaigns.indexOf(row.campaign) : ''}`;
    const existing = rows.get(key);
    if (existing) existing.cents += row.cents;
    else rows.set(key, { ...row });
  };
  const leadsByCampaign = new Map<CampaignRecord, LeadRecord[]>();
  for (const lead of leads) {
    const ofCampaign = leadsByCampaign.get(lead.campaign);
    if (ofCampaign) ofCampaign.push(lead);
    else leadsByCampaign.set(lead.campaign, [lead]);
  }

  for (const campaign of campaigns) {
    if (campaign.planned || !PAID_CHANNELS.includes(campaign.channel)) continue;
    const costPerLead = CHANNEL_PROFILES[campaign.channel].costPerLead;
    const totalCents = Math.round((campaign.leadCount + 0.5) * costPerLead * random.between(0.85, 1.15) * 100);
    const spread = (days: Day[], cents: number) => {
      const weights = days.map((day) => growthFactor(day) * leadSeasonFactor(day) * (isWeekend(day) ? 0.55 : 1) * random.between(0.8, 1.2));
      splitCents(cents, weights).forEach((share, i) => add({ day: days[i], channel: campaign.channel, campaign, cents: share }));
    };
    switch (campaign.kind) {
      case 'always-on':
        spread(range(campaign.startDay, Math.min(campaign.endDay, LAST_DAY)), totalCents);
        break;
      case 'webinar':
        spread(range(Math.max(WINDOW_START, campaign.startDay - 21), campaign.startDay), totalCents);
        break;
      case 'event': {
        const sponsorship = Math.round(totalCents * 0.6);
        add({ day: Math.max(WINDOW_START, campaign.startDay - random.int(45, 90)), channel: campaign.channel, campaign, cents: sponsorship });
        spread(range(campaign.startDay, campaign.endDay), totalCents - sponsorship);
        break;
      }
      case 'partner':
        for (const [month, count] of leadsPerMonth(leadsByCampaign.get(campaign) ?? [])) {
          const payday = nextMonthStart(month);
          if (payday <= LAST_DAY) add({ day: payday, channel: campaign.channel, campaign, cents: Math.round(count * costPerLead * random.between(0.9, 1.1) * 100) });
        }
        break;
    }
  }
  for (let quarterStart = WINDOW_START; quarterStart <= LAST_DAY; quarterStart = nextQuarterStart(quarterStart)) {
    add({ day: quarterStart, channel: 'Partner', campaign: null, cents: Math.round(PARTNER_PROGRAM_FEE * scale * random.between(0.95, 1.05) * 100) });
  }

  const spend = [...rows.values()];
  for (const campaign of campaigns) {
    if (campaign.planned || !PAID_CHANNELS.includes(campaign.channel)) continue;
    campaign.actualCents = spend.reduce((sum, row) => (row.campaign === campaign ? sum + row.cents : sum), 0);
    campaign.budgetedCents = Math.max(1, Math.round((campaign.actualCents * random.between(0.9, 1.25)) / 1000_00)) * 1000_00;
  }
  return spend;
}

/** Whole cents in proportion to `weights`, adding up exactly to `cents`. */
function splitCents(cents: number, weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  let given = 0;
  return weights.map((weight) => {
    running += weight;
    const upTo = Math.round((cents * running) / total);
    const share = upTo - given;
    given = upTo;
    return share;
  });
}

function leadsPerMonth(leads: readonly LeadRecord[]): Map<Day, number> {
  const counts = new Map<Day, number>();
  for (const lead of leads) {
    const day = dayOfMoment(lead.createdAt);
    const month = startOfMonth(yearOf(day), monthOf(day));
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  return counts;
}

function nextMonthStart(monthStart: Day): Day {
  return startOfMonth(yearOf(monthStart), monthOf(monthStart) + 1);
}

function nextQuarterStart(quarterStart: Day): Day {
  return startOfQuarter(yearOf(quarterStart), Math.floor(monthOf(quarterStart) / 3) + 2);
}

function range(first: Day, last: Day): Day[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
