import { monthOf, quarterOf, WINDOW_END, WINDOW_START, type Day } from './calendar.ts';

/**
 * The business the sample company runs: how its channels, segments and customers behave. Every rate that
 * shapes the story the metric packs tell is here, in one place.
 */

export const CHANNELS = ['Paid Search', 'Paid Social', 'Events', 'Content', 'Partner', 'Outbound', 'Website'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels that cost money (`marketing_spend.csv`); Outbound and Website have none. */
export const PAID_CHANNELS: readonly Channel[] = ['Paid Search', 'Paid Social', 'Events', 'Content', 'Partner'];

export const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface ChannelProfile {
  /** Share of all leads. */
  leadShare: number;
  /** Cost per lead in dollars (0 for channels without spend): with the funnel, a CAC of a fraction of first-year ACV. */
  costPerLead: number;
  /** Probability that a lead becomes marketing-qualified. */
  mqlRate: number;
  /** Probability that a marketing-qualified lead becomes sales-qualified. */
  sqlRate: number;
  /** Multiplies the segment's win rate for deals from this channel. */
  winRateFactor: number;
  /** The size of the companies this channel brings: [SMB, Mid-Market, Enterprise] weights. */
  segmentMix: readonly [number, number, number];
}

/**
 * Paid Search brings many leads at a high cost that convert middlingly; Events few, expensive leads that
 * convert well; Partner deals win most often; Website and Content leads are cheap.
 */
export const CHANNEL_PROFILES: Record<Channel, ChannelProfile> = {
  'Paid Search': { leadShare: 0.27, costPerLead: 960, mqlRate: 0.4, sqlRate: 0.38, winRateFactor: 0.95, segmentMix: [0.6, 0.3, 0.1] },
  'Paid Social': { leadShare: 0.18, costPerLead: 600, mqlRate: 0.28, sqlRate: 0.3, winRateFactor: 0.8, segmentMix: [0.7, 0.25, 0.05] },
  Events: { leadShare: 0.06, costPerLead: 3400, mqlRate: 0.62, sqlRate: 0.6, winRateFactor: 1.35, segmentMix: [0.3, 0.45, 0.25] },
  Content: { leadShare: 0.2, costPerLead: 220, mqlRate: 0.32, sqlRate: 0.34, winRateFactor: 1.0, segmentMix: [0.55, 0.33, 0.12] },
  Partner: { leadShare: 0.06, costPerLead: 760, mqlRate: 0.66, sqlRate: 0.64, winRateFactor: 1.65, segmentMix: [0.35, 0.45, 0.2] },
  Outbound: { leadShare: 0.09, costPerLead: 0, mqlRate: 0.3, sqlRate: 0.45, winRateFactor: 0.75, segmentMix: [0.3, 0.45, 0.25] },
  Website: { leadShare: 0.14, costPerLead: 0, mqlRate: 0.5, sqlRate: 0.45, winRateFactor: 1.15, segmentMix: [0.6, 0.3, 0.1] },
};

/** Share of sales-qualified leads that sales converts into an account, contact and opportunity. */
export const SQL_CONVERSION_RATE = 0.92;
/** Share of converting leads that belong to a company already in the CRM as a prospect. */
export const EXISTING_ACCOUNT_SHARE = 0.45;

export interface SegmentProfile {
  employees: readonly [number, number];
  /** Median days from opportunity created to closed (won). */
  salesCycleDays: number;
  winRate: number;
  /** Median monthly recurring revenue of a new customer, in dollars. */
  medianMrr: number;
  /** Probability of not renewing at an annual anniversary. */
  churnRate: number;
  /** Expansion opportunities per customer per year, and their median days from created to closed. */
  expansionsPerYear: number;
  expansionCycleDays: number;
  /** Probability that a churned customer is approached to come back. */
  winBackRate: number;
  /** Contacts at a new customer beyond the buyer. */
  onboardingContacts: number;
}

export const SEGMENT_PROFILES: Record<Segment, SegmentProfile> = {
  SMB: { employees: [8, 99], salesCycleDays: 30, winRate: 0.3, medianMrr: 400, churnRate: 0.27, expansionsPerYear: 0.5, expansionCycleDays: 21, winBackRate: 0.22, onboardingContacts: 1 },
  'Mid-Market': { employees: [100, 999], salesCycleDays: 60, winRate: 0.23, medianMrr: 1400, churnRate: 0.14, expansionsPerYear: 0.95, expansionCycleDays: 35, winBackRate: 0.3, onboardingContacts: 2 },
  Enterprise: { employees: [1000, 40000], salesCycleDays: 120, winRate: 0.16, medianMrr: 5000, churnRate: 0.07, expansionsPerYear: 1.3, expansionCycleDays: 50, winBackRate: 0.4, onboardingContacts: 3 },
};

export function segmentOf(employees: number): Segment {
  return employees < 100 ? 'SMB' : employees < 1000 ? 'Mid-Market' : 'Enterprise';
}

export const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation'] as const;
export type OpenStage = (typeof STAGES)[number];
export type Stage = OpenStage | 'Closed Won' | 'Closed Lost';

export const STAGE_PROBABILITY: Record<Stage, number> = {
  Prospecting: 10, Qualification: 20, 'Needs Analysis': 40, Proposal: 60, Negotiation: 80, 'Closed Won': 100, 'Closed Lost': 0,
};

export const FORECAST_CATEGORY: Record<Stage, string> = {
  Prospecting: 'Pipeline', Qualification: 'Pipeline', 'Needs Analysis': 'Pipeline', Proposal: 'Best Case', Negotiation: 'Commit',
  'Closed Won': 'Closed', 'Closed Lost': 'Omitted',
};

/** When each open stage is entered, as a fraction of the sales cycle. */
export const STAGE_TIMING = [0, 0.12, 0.3, 0.55, 0.8] as const;
/** Where lost deals drop out: weights per open stage. */
export const LOSS_STAGE_WEIGHTS = [0.22, 0.3, 0.22, 0.16, 0.1] as const;

export const OPPORTUNITY_TYPES = {
  newBusiness: 'New Customer',
  expansion: 'Existing Customer - Upgrade',
  renewal: 'Existing Customer - Renewal',
} as const;

export const EXPANSION_WIN_RATE = 0.62;
export const WIN_BACK_WIN_RATE = 0.45;

/** Fourth-quarter budget flush: deals closing in Q4 win more often and a little bigger. */
export function closingSeasonFactor(day: Day): { winRate: number; amount: number } {
  return quarterOf(day) === 4 ? { winRate: 1.25, amount: 1.1 } : { winRate: 1, amount: 1 };
}

/** Lead volume by month: a summer dip and a quiet December. */
const MONTH_LEAD_FACTOR = [1.0, 1.05, 1.1, 1.05, 1.0, 0.92, 0.72, 0.68, 1.08, 1.12, 1.05, 0.8];

/** The company grows: lead volume at the end of the window is about 2.2 times that at the start. */
export function growthFactor(day: Day): number {
  return Math.exp(0.8 * ((day - WINDOW_START) / (WINDOW_END - WINDOW_START)));
}

export function leadSeasonFactor(day: Day): number {
  return MONTH_LEAD_FACTOR[monthOf(day)];
}

/** Plans by monthly price; expansions are sold as add-on seats. */
export function planFor(mrrCents: number): string {
  return mrrCents < 1000_00 ? 'Starter' : mrrCents < 5000_00 ? 'Growth' : 'Enterprise';
}
export const ADD_ON_PLAN = 'Add-on seats';

/** The people the sales team is made of at scale 1; every role has at least one person at any scale. */
export const TEAM_ROLES = {
  vp: { title: 'VP Sales', seats: 1 },
  manager: { title: 'Sales Manager', seats: 3 },
  smbRep: { title: 'Account Executive, SMB', seats: 9 },
  midMarketRep: { title: 'Account Executive, Mid-Market', seats: 7 },
  enterpriseRep: { title: 'Account Executive, Enterprise', seats: 5 },
  sdr: { title: 'Sales Development Representative', seats: 10 },
  csm: { title: 'Customer Success Manager', seats: 6 },
} as const;
export type TeamRole = keyof typeof TEAM_ROLES;

export const REP_ROLE: Record<Segment, TeamRole> = { SMB: 'smbRep', 'Mid-Market': 'midMarketRep', Enterprise: 'enterpriseRep' };

/** At scale 1: the volumes the brief of the sample company asks for. */
export const LEADS_AT_SCALE_1 = 50_000;
/** Accounts sales prospects directly (outbound), besides those created when leads convert. */
export const PROSPECTED_ACCOUNTS_AT_SCALE_1 = 1_000;
export const EVENTS_AT_SCALE_1 = 1_000_000;
