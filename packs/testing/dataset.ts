/**
 * A small hand-made company in the `core` tables of docs/data-model.md, small enough to check every metric of
 * docs/metrics.md by hand. Dates are `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS` in UTC, money in the
 * workspace currency with cents.
 *
 * The accounts and what they exercise:
 * - acme    customer since 2023-03-01 (800, then 1000 from 2023-09), expands on 2024-06-15, its product usage
 *           falls from 3 users to 1 in Dec 2024
 * - birch   customer since 2023-01, churns on 2024-03-20 and comes back on 2024-09-01 (reactivation)
 * - cobalt  new in 2024 (first won deal 2024-02-08), contracts on 2024-08-10, subscription ends exactly
 *           as_of + 90 days for as_of 2024-12-31; usage falls by exactly half (not "more than half")
 * - delta   customer since 2023-05, churns on 2024-10-15 and stays gone (logo churn)
 * - ember   new in Nov 2024 through two won deals on the same day (one with a NULL amount); two subscriptions
 *           ending in Jan and Feb 2025; usage falls from 4 users to 1
 * - fjord   a prospect: a lost deal, open deals (one with a NULL amount), a free plan (MRR 0: never a customer)
 * - grove   a 10-day paid pilot in April 2024, then a subscription from 2024-07-15 (reactivation, not new);
 *           its first won deal is an expansion, so "first won deal of any type" matters
 * - harbor  won on 2024-12-15 (a deal whose lead source is NULL), subscription starting 2025-01-01
 */

export interface AccountRow {
  account_id: string;
  account_name: string;
  industry: string | null;
  segment: string;
  country: string | null;
  owner_name: string | null;
  created_at: string;
}

export interface ContactRow {
  contact_id: string;
  account_id: string;
  email: string;
  title: string | null;
  lead_source: string | null;
  created_at: string;
}

export interface LeadRow {
  lead_id: string;
  email: string;
  company: string;
  lead_source: string | null;
  status: string;
  created_at: string;
  mql_at: string | null;
  sql_at: string | null;
  converted_at: string | null;
  converted_account_id: string | null;
  converted_opportunity_id: string | null;
}

export interface CampaignRow {
  campaign_id: string;
  campaign_name: string;
  channel: string | null;
  start_date: string | null;
  end_date: string | null;
  budgeted_cost: number | null;
  actual_cost: number | null;
}

export interface CampaignTouchRow {
  touch_id: string;
  campaign_id: string;
  lead_id: string | null;
  contact_id: string | null;
  account_id: string | null;
  touched_at: string;
  responded: boolean;
}

export interface OpportunityRow {
  opportunity_id: string;
  account_id: string;
  opportunity_name: string;
  opportunity_type: 'new_business' | 'expansion' | 'renewal';
  stage_name: string;
  amount: number | null;
  arr: number | null;
  lead_source: string | null;
  campaign_id: string | null;
  owner_name: string | null;
  created_at: string;
  close_date: string;
  is_closed: boolean;
  is_won: boolean;
}

export interface StageHistoryRow {
  opportunity_id: string;
  stage_name: string;
  entered_at: string;
  amount: number | null;
}

export interface MarketingSpendRow {
  spend_date: string;
  channel: string;
  campaign_id: string | null;
  amount: number;
}

export interface SubscriptionRow {
  subscription_id: string;
  account_id: string;
  plan: string;
  mrr: number;
  start_date: string;
  end_date: string | null;
}

export interface SalesTargetRow {
  period_start: string;
  period_end: string;
  amount: number;
}

export interface ProductEventRow {
  occurred_at: string;
  account_id: string;
  user_id: string;
  event_name: string;
  feature: string | null;
}

/** The rows of every `core` table, keyed by table name. */
export interface CoreDataset {
  accounts: AccountRow[];
  contacts: ContactRow[];
  leads: LeadRow[];
  campaigns: CampaignRow[];
  campaign_touches: CampaignTouchRow[];
  opportunities: OpportunityRow[];
  opportunity_stage_history: StageHistoryRow[];
  marketing_spend: MarketingSpendRow[];
  subscriptions: SubscriptionRow[];
  sales_targets: SalesTargetRow[];
  product_events: ProductEventRow[];
}

const account = (account_id: string, account_name: string, industry: string | null, segment: string, country: string | null, owner_name: string | null, created_at: string): AccountRow =>
  ({ account_id, account_name, industry, segment, country, owner_name, created_at });

const lead = (
  lead_id: string, company: string, lead_source: string | null, status: string, created_at: string,
  mql_at: string | null, sql_at: string | null,
  converted?: { at: string; account: string | null; opportunity: string },
): LeadRow => ({
  lead_id, email: `${lead_id}@${company.toLowerCase().replace(/\W+/g, '')}.example`, company, lead_source, status, created_at, mql_at, sql_at,
  converted_at: converted?.at ?? null,
  converted_account_id: converted?.account ?? null,
  converted_opportunity_id: converted?.opportunity ?? null,
});

const touch = (touch_id: string, campaign_id: string, account_id: string | null, touched_at: string, via: { lead?: string; contact?: string } = {}): CampaignTouchRow =>
  ({ touch_id, campaign_id, lead_id: via.lead ?? null, contact_id: via.contact ?? null, account_id, touched_at, responded: true });

const WON = { stage_name: 'Closed Won', is_closed: true, is_won: true } as const;
const LOST = { stage_name: 'Closed Lost', is_closed: true, is_won: false } as const;
const open = (stage_name: string) => ({ stage_name, is_closed: false, is_won: false });

const deal = (
  opportunity_id: string, account_id: string, opportunity_type: OpportunityRow['opportunity_type'], status: { stage_name: string; is_closed: boolean; is_won: boolean },
  money: { amount: number | null; arr?: number | null }, lead_source: string | null, created_at: string, close_date: string,
  extra: { campaign_id?: string; owner_name?: string | null } = {},
): OpportunityRow => ({
  opportunity_id, account_id, opportunity_name: `${account_id} ${opportunity_type.replace('_', ' ')} ${opportunity_id}`, opportunity_type,
  stage_name: status.stage_name, amount: money.amount, arr: money.arr === undefined ? money.amount : money.arr,
  lead_source, campaign_id: extra.campaign_id ?? null, owner_name: extra.owner_name === undefined ? 'Dana Reyes' : extra.owner_name,
  created_at, close_date, is_closed: status.is_closed, is_won: status.is_won,
});

const subscription = (subscription_id: string, account_id: string, plan: string, mrr: number, start_date: string, end_date: string | null): SubscriptionRow =>
  ({ subscription_id, account_id, plan, mrr, start_date, end_date });

const event = (occurred_at: string, account_id: string, user_id: string, event_name = 'login', feature: string | null = null): ProductEventRow =>
  ({ occurred_at, account_id, user_id, event_name, feature });

export const dataset: CoreDataset = {
  accounts: [
    account('acme', 'Acme Analytics', 'Software', 'Enterprise', 'US', 'Dana Reyes', '2022-09-01 10:00:00'),
    account('birch', 'Birch Logistics', 'Transport', 'Mid-Market', 'DE', 'Sam Okafor', '2022-08-15 10:00:00'),
    account('cobalt', 'Cobalt Dental', 'Healthcare', 'SMB', 'US', 'Dana Reyes', '2023-11-01 10:00:00'),
    account('delta', 'Delta Freight', 'Transport', 'SMB', 'FR', null, '2023-02-01 10:00:00'),
    account('ember', 'Ember Studios', 'Media', 'Mid-Market', 'GB', 'Sam Okafor', '2024-08-20 10:00:00'),
    account('fjord', 'Fjord Energy', 'Energy', 'Enterprise', 'NO', 'Dana Reyes', '2024-01-20 10:00:00'),
    account('grove', 'Grove Farms', null, 'SMB', null, 'Sam Okafor', '2024-02-01 10:00:00'),
    account('harbor', 'Harbor Bank', 'Finance', 'Enterprise', 'US', 'Dana Reyes', '2024-10-20 10:00:00'),
  ],
  contacts: [
    { contact_id: 'contact-acme', account_id: 'acme', email: 'ops@acme.example', title: 'VP Operations', lead_source: 'webinar', created_at: '2022-09-05 10:00:00' },
    { contact_id: 'contact-birch', account_id: 'birch', email: 'it@birch.example', title: null, lead_source: 'paid_search', created_at: '2022-08-20 10:00:00' },
    { contact_id: 'contact-cobalt', account_id: 'cobalt', email: 'office@cobalt.example', title: 'Practice Manager', lead_source: null, created_at: '2023-11-02 10:00:00' },
    { contact_id: 'contact-ember', account_id: 'ember', email: 'studio@ember.example', title: 'Producer', lead_source: 'paid_social', created_at: '2024-08-21 10:00:00' },
    { contact_id: 'contact-harbor', account_id: 'harbor', email: 'cio@harbor.example', title: 'CIO', lead_source: null, created_at: '2024-10-21 10:00:00' },
  ],
  leads: [
    lead('lead-01', 'Cobalt Dental', 'paid_search', 'Converted', '2023-11-20 09:00:00', '2023-12-05 09:00:00', '2024-01-03 09:00:00', { at: '2024-01-05 09:00:00', account: 'cobalt', opportunity: 'opp-04' }),
    // A second lead converting into the same deal: both (lead, deal) pairs count for median_conversion_days.
    lead('lead-02', 'Cobalt Dental', 'paid_search', 'Converted', '2024-01-10 08:00:00', '2024-01-20 09:00:00', '2024-02-01 09:00:00', { at: '2024-02-01 10:00:00', account: 'cobalt', opportunity: 'opp-04' }),
    lead('lead-03', 'Grove Farms', 'webinar', 'Converted', '2024-02-14 12:00:00', '2024-03-01 09:00:00', null, { at: '2024-03-01 10:00:00', account: 'grove', opportunity: 'opp-07' }),
    lead('lead-04', 'Nowhere Ltd', null, 'Open', '2024-03-05 10:00:00', null, null),
    lead('lead-05', 'Fjord Energy', 'events', 'Converted', '2024-06-01 10:00:00', '2024-06-10 09:00:00', '2024-07-01 09:00:00', { at: '2024-07-01 10:00:00', account: 'fjord', opportunity: 'opp-10' }),
    lead('lead-06', 'Birch Logistics', 'paid_search', 'Converted', '2024-07-01 07:00:00', '2024-07-05 09:00:00', null, { at: '2024-07-01 12:00:00', account: 'birch', opportunity: 'opp-09' }),
    lead('lead-07', 'Ember Studios', 'paid_social', 'Converted', '2024-09-15 15:00:00', '2024-09-20 09:00:00', '2024-10-01 09:00:00', { at: '2024-09-20 10:00:00', account: 'ember', opportunity: 'opp-05' }),
    lead('lead-08', 'Acme Analytics', 'events', 'Converted', '2024-10-10 10:00:00', null, null, { at: '2024-10-12 10:00:00', account: 'acme', opportunity: 'opp-08' }),
    lead('lead-09', 'Late Night Co', 'webinar', 'Open', '2024-12-31 23:59:59', '2025-01-02 09:00:00', null),
    lead('lead-10', 'New Year Inc', 'webinar', 'Open', '2025-01-01 00:00:00', null, null),
    // Converted into a deal that is not in core.opportunities: never a won deal.
    lead('lead-11', 'Ghost Corp', null, 'Converted', '2024-11-11 11:00:00', '2024-11-12 09:00:00', null, { at: '2024-11-20 10:00:00', account: null, opportunity: 'opp-99' }),
    lead('lead-12', 'Eve Partners', 'paid_search', 'Nurture', '2023-12-31 23:59:59', '2024-01-01 00:00:00', null),
    lead('lead-13', 'Ember Studios', 'events', 'Converted', '2024-09-25 09:00:00', '2024-09-26 09:00:00', '2024-09-28 09:00:00', { at: '2024-10-01 10:00:00', account: 'ember', opportunity: 'opp-06' }),
  ],
  campaigns: [
    { campaign_id: 'cmp-webinars', campaign_name: 'Webinar series', channel: 'webinar', start_date: '2022-09-01', end_date: '2024-12-31', budgeted_cost: 5000, actual_cost: 4200 },
    { campaign_id: 'cmp-search', campaign_name: 'Always-on search', channel: 'paid_search', start_date: null, end_date: null, budgeted_cost: null, actual_cost: null },
    { campaign_id: 'cmp-summit', campaign_name: 'Customer Summit 2024', channel: 'events', start_date: '2024-01-01', end_date: '2024-09-30', budgeted_cost: 20000, actual_cost: 18000 },
    { campaign_id: 'cmp-linkedin', campaign_name: 'LinkedIn sponsored posts', channel: 'paid_social', start_date: '2024-08-01', end_date: null, budgeted_cost: 2000, actual_cost: null },
    { campaign_id: 'cmp-partners', campaign_name: 'Partner referrals', channel: null, start_date: null, end_date: null, budgeted_cost: null, actual_cost: null },
    // cmp-retired is touched but is not a campaign here: its channel is "(none)".
  ],
  campaign_touches: [
    touch('touch-01', 'cmp-webinars', 'birch', '2022-10-01 09:00:00', { contact: 'contact-birch' }),
    touch('touch-02', 'cmp-summit', 'birch', '2024-09-10 14:00:00', { contact: 'contact-birch' }), // after opp-09 closed
    touch('touch-03', 'cmp-search', 'cobalt', '2024-01-12 11:00:00', { lead: 'lead-02' }),
    touch('touch-04', 'cmp-summit', 'cobalt', '2024-02-08 18:00:00', { contact: 'contact-cobalt' }), // on opp-04's close date, after hours: counts
    touch('touch-05', 'cmp-webinars', 'ember', '2024-09-01 10:00:00', { contact: 'contact-ember' }),
    touch('touch-06', 'cmp-linkedin', 'ember', '2024-09-01 10:00:00', { lead: 'lead-07' }), // same instant as touch-05: touch_id orders them
    touch('touch-07', 'cmp-retired', 'ember', '2024-10-01 12:00:00', { contact: 'contact-ember' }),
    touch('touch-08', 'cmp-partners', 'ember', '2024-10-15 12:00:00', { contact: 'contact-ember' }),
    touch('touch-09', 'cmp-search', 'ember', '2024-10-31 16:00:00', { lead: 'lead-13' }),
    touch('touch-10', 'cmp-webinars', 'ember', '2024-11-02 09:00:00', { contact: 'contact-ember' }), // after ember's deals closed
    touch('touch-11', 'cmp-summit', 'birch', '2024-07-05 10:00:00', { lead: 'lead-06' }),
    touch('touch-12', 'cmp-search', 'birch', '2024-08-01 10:00:00', { lead: 'lead-06' }),
    touch('touch-13', 'cmp-linkedin', 'harbor', '2024-12-01 10:00:00', { contact: 'contact-harbor' }),
    touch('touch-14', 'cmp-webinars', null, '2024-06-01 10:00:00', { lead: 'lead-04' }), // no account: matches no deal
    touch('touch-15', 'cmp-webinars', 'acme', '2023-01-15 10:00:00', { contact: 'contact-acme' }),
  ],
  opportunities: [
    deal('opp-01', 'acme', 'new_business', WON, { amount: 12000 }, 'webinar', '2022-12-10 09:00:00', '2023-02-25', { campaign_id: 'cmp-webinars' }),
    deal('opp-02', 'birch', 'new_business', WON, { amount: 6000 }, 'paid_search', '2022-11-01 09:00:00', '2023-01-05', { owner_name: 'Sam Okafor' }),
    deal('opp-03', 'delta', 'new_business', WON, { amount: 4800 }, 'events', '2023-03-01 09:00:00', '2023-04-20', { owner_name: null }),
    // Created a minute before midnight on the day before 2024: not pipeline created in 2024.
    deal('opp-04', 'cobalt', 'new_business', WON, { amount: 9600 }, 'paid_search', '2023-12-31 23:30:00', '2024-02-08', { campaign_id: 'cmp-search' }),
    // opp-05 and opp-06 close the same day: ember's channel is opp-05's lead source (the smaller opportunity_id).
    deal('opp-05', 'ember', 'new_business', WON, { amount: 8400 }, 'paid_social', '2024-09-20 09:00:00', '2024-11-01', { campaign_id: 'cmp-linkedin', owner_name: 'Sam Okafor' }),
    deal('opp-06', 'ember', 'new_business', WON, { amount: null }, 'events', '2024-10-01 09:00:00', '2024-11-01', { owner_name: 'Sam Okafor' }),
    deal('opp-07', 'grove', 'new_business', WON, { amount: 3000 }, null, '2024-03-01 09:00:00', '2024-07-10', { owner_name: 'Sam Okafor' }),
    deal('opp-08', 'acme', 'expansion', WON, { amount: 6000 }, null, '2024-04-01 09:00:00', '2024-06-10'),
    // Amount includes one-off services; arr is the recurring part.
    deal('opp-09', 'birch', 'new_business', WON, { amount: 7500, arr: 7200 }, 'paid_search', '2024-07-01 09:00:00', '2024-08-28', { owner_name: 'Sam Okafor' }),
    deal('opp-10', 'fjord', 'new_business', LOST, { amount: 20000 }, 'events', '2024-02-01 09:00:00', '2024-05-15', { campaign_id: 'cmp-summit' }),
    deal('opp-11', 'fjord', 'new_business', open('Negotiation'), { amount: 15000 }, 'events', '2024-09-01 09:00:00', '2024-12-20'),
    deal('opp-12', 'fjord', 'expansion', open('Prospecting'), { amount: 5000 }, null, '2024-10-01 09:00:00', '2025-02-15'),
    deal('opp-13', 'delta', 'renewal', LOST, { amount: 4800 }, null, '2024-03-01 09:00:00', '2024-04-20', { owner_name: null }),
    deal('opp-14', 'acme', 'renewal', WON, { amount: 12000 }, null, '2024-01-15 09:00:00', '2024-02-25'),
    deal('opp-15', 'birch', 'renewal', LOST, { amount: 6000 }, null, '2023-12-01 09:00:00', '2024-01-05', { owner_name: 'Sam Okafor' }),
    // Lost on the same day opp-04 was won.
    deal('opp-16', 'cobalt', 'new_business', LOST, { amount: 2000 }, 'paid_search', '2024-01-05 09:00:00', '2024-02-08'),
    deal('opp-17', 'harbor', 'new_business', WON, { amount: 5000 }, null, '2024-11-01 09:00:00', '2024-12-15', { campaign_id: 'cmp-linkedin' }),
    deal('opp-18', 'fjord', 'new_business', open('Qualification'), { amount: null }, 'events', '2024-05-01 09:00:00', '2024-06-30'),
    deal('opp-19', 'cobalt', 'renewal', open('Proposal'), { amount: 3600 }, null, '2024-11-15 09:00:00', '2024-12-28'),
    // Grove's paid pilot, typed as an expansion by the source: grove's first won deal.
    deal('opp-20', 'grove', 'expansion', WON, { amount: 2400 }, 'events', '2024-03-15 09:00:00', '2024-04-05', { owner_name: 'Sam Okafor' }),
  ],
  opportunity_stage_history: [
    { opportunity_id: 'opp-04', stage_name: 'Prospecting', entered_at: '2023-12-31 23:30:00', amount: null },
    { opportunity_id: 'opp-04', stage_name: 'Proposal', entered_at: '2024-01-20 10:00:00', amount: 9600 },
    { opportunity_id: 'opp-04', stage_name: 'Closed Won', entered_at: '2024-02-08 17:00:00', amount: 9600 },
    { opportunity_id: 'opp-10', stage_name: 'Prospecting', entered_at: '2024-02-01 09:00:00', amount: null },
    { opportunity_id: 'opp-10', stage_name: 'Negotiation', entered_at: '2024-04-01 09:00:00', amount: 20000 },
    { opportunity_id: 'opp-10', stage_name: 'Closed Lost', entered_at: '2024-05-15 09:00:00', amount: 20000 },
    { opportunity_id: 'opp-11', stage_name: 'Prospecting', entered_at: '2024-09-01 09:00:00', amount: null },
    { opportunity_id: 'opp-11', stage_name: 'Negotiation', entered_at: '2024-11-01 09:00:00', amount: 15000 },
    { opportunity_id: 'opp-17', stage_name: 'Prospecting', entered_at: '2024-11-01 09:00:00', amount: 5000 },
    { opportunity_id: 'opp-17', stage_name: 'Closed Won', entered_at: '2024-12-15 09:00:00', amount: 5000 },
  ],
  marketing_spend: [
    { spend_date: '2022-12-31', channel: 'paid_search', campaign_id: 'cmp-search', amount: 1000 }, // inside the 366 days before 2024
    { spend_date: '2023-06-15', channel: 'events', campaign_id: null, amount: 5000 },
    { spend_date: '2024-01-15', channel: 'paid_search', campaign_id: 'cmp-search', amount: 1200.5 },
    { spend_date: '2024-02-20', channel: 'events', campaign_id: 'cmp-summit', amount: 3000 },
    { spend_date: '2024-03-03', channel: 'display', campaign_id: null, amount: 100 }, // a channel with spend and no leads
    { spend_date: '2024-05-10', channel: 'paid_search', campaign_id: 'cmp-search', amount: 799.5 },
    { spend_date: '2024-08-01', channel: 'webinar', campaign_id: 'cmp-webinars', amount: 1500.2 },
    { spend_date: '2024-11-20', channel: 'paid_social', campaign_id: 'cmp-linkedin', amount: 450 },
    { spend_date: '2025-01-10', channel: 'paid_search', campaign_id: 'cmp-search', amount: 300 },
  ],
  subscriptions: [
    subscription('sub-00', 'acme', 'Starter', 800, '2023-03-01', '2023-09-01'),
    subscription('sub-01', 'acme', 'Pro', 1000, '2023-09-01', '2024-06-15'),
    subscription('sub-02', 'acme', 'Enterprise', 1500, '2024-06-15', null),
    subscription('sub-03', 'birch', 'Team', 500, '2023-01-10', '2024-03-20'),
    subscription('sub-04', 'birch', 'Team', 600, '2024-09-01', null),
    subscription('sub-05', 'cobalt', 'Pro', 800, '2024-02-10', '2024-08-10'),
    subscription('sub-06', 'cobalt', 'Starter', 300, '2024-08-10', '2025-03-31'),
    subscription('sub-07', 'delta', 'Starter', 400, '2023-05-01', '2024-10-15'),
    subscription('sub-08', 'ember', 'Pro', 700, '2024-11-05', '2025-02-05'),
    subscription('sub-09', 'ember', 'Add-on', 100, '2024-11-20', '2025-01-20'),
    subscription('sub-10', 'fjord', 'Free', 0, '2024-01-01', null),
    subscription('sub-11', 'grove', 'Pilot', 200, '2024-04-10', '2024-04-20'),
    subscription('sub-12', 'grove', 'Starter', 250, '2024-07-15', '2025-04-01'),
    subscription('sub-13', 'harbor', 'Enterprise', 1000, '2025-01-01', null),
  ],
  sales_targets: [
    { period_start: '2024-01-01', period_end: '2024-04-01', amount: 30000 },
    { period_start: '2024-04-01', period_end: '2024-07-01', amount: 30000 },
    { period_start: '2024-07-01', period_end: '2024-10-01', amount: 35000 },
    { period_start: '2024-10-01', period_end: '2025-01-01', amount: 40000 },
  ],
  product_events: [
    event('2024-11-01 23:59:59', 'acme', 'u-acme-4'),
    event('2024-11-02 00:00:00', 'acme', 'u-acme-2', 'report_viewed', 'reports'),
    event('2024-11-10 09:00:00', 'acme', 'u-acme-1'),
    event('2024-11-25 14:00:00', 'acme', 'u-acme-3', 'dashboard_shared', 'dashboards'),
    event('2024-12-01 23:00:00', 'acme', 'u-acme-1'),
    event('2024-12-02 00:00:00', 'acme', 'u-acme-1'),
    event('2024-12-20 10:00:00', 'acme', 'u-acme-1', 'report_viewed', 'reports'),
    event('2024-10-15 10:00:00', 'birch', 'u-birch-3'),
    event('2024-12-05 09:00:00', 'birch', 'u-birch-1'),
    event('2024-12-06 09:00:00', 'birch', 'u-birch-1', 'report_viewed', 'reports'),
    event('2024-12-31 23:59:59', 'birch', 'u-birch-2'),
    event('2024-11-05 09:00:00', 'cobalt', 'u-cobalt-1'),
    event('2024-11-15 09:00:00', 'cobalt', 'u-cobalt-2'),
    event('2024-11-20 09:00:00', 'cobalt', 'u-cobalt-3'),
    event('2024-11-30 09:00:00', 'cobalt', 'u-cobalt-4'),
    event('2024-12-10 09:00:00', 'cobalt', 'u-cobalt-1'),
    event('2024-12-11 09:00:00', 'cobalt', 'u-cobalt-2'),
    event('2024-11-06 09:00:00', 'ember', 'u-ember-1'),
    event('2024-11-07 09:00:00', 'ember', 'u-ember-2'),
    event('2024-11-08 09:00:00', 'ember', 'u-ember-3'),
    event('2024-11-09 09:00:00', 'ember', 'u-ember-4'),
    event('2024-12-15 09:00:00', 'ember', 'u-ember-1'),
    event('2024-11-20 09:00:00', 'grove', 'u-grove-1'),
    event('2024-12-03 09:00:00', 'grove', 'u-grove-1'),
    event('2024-12-04 09:00:00', 'grove', 'u-grove-2'),
    event('2024-12-10 09:00:00', 'delta', 'u-delta-1'),
    event('2024-12-12 09:00:00', 'fjord', 'u-fjord-1'),
    event('2024-12-20 09:00:00', 'harbor', 'u-harbor-1'),
  ],
};
