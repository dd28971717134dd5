/**
 * Answers worked out by hand from the rows of dataset.ts and the definitions of docs/metrics.md, as literals.
 * The main period is 2024: P = [2024-01-01, 2025-01-01), as_of = 2024-12-31, d0 = 2023-12-31.
 * MRR on 2023-12-31: acme 1000 + birch 500 + delta 400 = 1900.
 * MRR on 2024-12-31: acme 1500 + birch 600 + cobalt 300 + ember 700+100 + grove 250 = 3450 (harbor starts 2025-01-01).
 */
import type { PackResult } from '../../core/api/packs.ts';

const YEAR_2024 = { from: '2024-01-01', to: '2025-01-01', as_of: '2024-12-31' };

export const SALES_2024: PackResult = {
  pack: 'sales', ...YEAR_2024,
  metrics: {
    // won bookings deals: opp-04 9600 + opp-05 8400 + opp-06 NULL + opp-07 3000 + opp-08 6000 + opp-09 7200 (arr, not amount 7500) + opp-17 5000 + opp-20 2400
    bookings: 41600,
    // won new business closed in 2024: opp-04, -05, -06, -07, -09, -17
    won_deals: 6,
    // 6 ÷ (6 + lost opp-10 and opp-16)
    win_rate: 0.75,
    // amounts 9600, 8400, 3000, 7500, 5000 (opp-06 is NULL and skipped): 33500 ÷ 5
    avg_deal_size: 6700,
    // days: opp-06 31, opp-04 39 (created 2023-12-31 23:30), opp-05 42, opp-17 44, opp-09 58, opp-07 131 → (42 + 44) ÷ 2
    sales_cycle_days: 43,
    // bookings deals created in 2024: 8400 + 3000 + 6000 + 7500 + 20000 + 15000 + 5000 + 2000 + 5000 + 2400 (opp-06, opp-18 NULL; opp-04 created 2023)
    pipeline_created: 74300,
    // open bookings deals closing in 2024: opp-11 15000 (opp-18 NULL) ÷ targets 30000 + 30000 + 35000 + 40000
    pipeline_coverage: 15000 / 135000,
    // renewals closed in 2024: opp-14 won, opp-13 and opp-15 lost (opp-19 is open)
    renewal_rate: 1 / 3,
    arr: 12 * 3450,
    // acme, birch, cobalt, ember, grove (fjord's free plan has MRR 0)
    customers: 5,
  },
};

export const MARKETING_2024: PackResult = {
  pack: 'marketing', ...YEAR_2024,
  metrics: {
    // lead-02 … lead-09, lead-11, lead-13 (lead-09 at 23:59:59 on 2024-12-31 counts; lead-12 at 23:59:59 on 2023-12-31 does not)
    leads: 10,
    // mql_at in 2024: lead-02, -03, -05, -06, -07, -11, -12 (2024-01-01 00:00), -13
    mqls: 8,
    // sql_at in 2024: lead-01, -02, -05, -07, -13
    sqls: 5,
    // 1200.50 + 3000 + 100 + 799.50 + 1500.20 + 450
    marketing_spend: 7050.2,
    cost_per_lead: 705.02,
    // first won deals in 2024: cobalt opp-04, grove opp-20 (an expansion), ember opp-05 (tie with opp-06), harbor opp-17
    new_customers: 4,
    cac: 7050.2 / 4,
    // leads of 2024 converted into a won deal: lead-02, -03, -06, -07, -08 (won expansion), -13; not lead-05 (lost), lead-11 (opp-99)
    lead_to_customer_rate: 0.6,
    // (lead, deal) days: lead-02/opp-04 29, lead-13/opp-06 37, lead-07/opp-05 47, lead-06/opp-09 58, lead-01/opp-04 80, lead-03/opp-07 147
    median_conversion_days: (47 + 58) / 2,
    // arpa 41400 ÷ 5 = 8280; churn 1/3 (delta lost of acme, birch, delta): 8280 × 0.8 × 3
    ltv: 19872,
    ltv_to_cac: 19872 / (7050.2 / 4),
  },
  by_channel: {
    // leads lead-02, -06; spend 1200.50 + 799.50; cobalt's first deal opp-04
    paid_search: { leads: 2, marketing_spend: 2000, cost_per_lead: 1000, new_customers: 1, cac: 2000 },
    // leads lead-03, -09; spend 1500.20
    webinar: { leads: 2, marketing_spend: 1500.2, cost_per_lead: 750.1, new_customers: 0, cac: null },
    // leads lead-04, -11 with NULL source; harbor's opp-17 has a NULL lead source
    '(none)': { leads: 2, marketing_spend: 0, cost_per_lead: 0, new_customers: 1, cac: 0 },
    // leads lead-05, -08, -13; spend 3000; grove's first deal opp-20
    events: { leads: 3, marketing_spend: 3000, cost_per_lead: 1000, new_customers: 1, cac: 3000 },
    // lead-07; spend 450; ember's first deal opp-05 (paid_social) beats opp-06 (events) on opportunity_id
    paid_social: { leads: 1, marketing_spend: 450, cost_per_lead: 450, new_customers: 1, cac: 450 },
    display: { leads: 0, marketing_spend: 100, cost_per_lead: null, new_customers: 0, cac: null },
  },
  // Deals: opp-04 (9600; search, summit), opp-05 (8400) and opp-06 (NULL) (webinars, linkedin, retired, partners, search —
  // touch-05 before touch-06 at the same instant), opp-07 (3000; no touches), opp-09 (7200; webinars, summit, search),
  // opp-17 (5000; linkedin). Channels: partners has none and retired is no campaign, so both go to "(none)".
  attribution: {
    first_touch: {
      // search 9600 (opp-04); webinars 8400 + 7200; linkedin 5000; (none) 3000
      by_campaign: { 'cmp-search': 9600, 'cmp-summit': 0, 'cmp-webinars': 15600, 'cmp-linkedin': 5000, 'cmp-retired': 0, 'cmp-partners': 0, '(none)': 3000 },
      by_channel: { paid_search: 9600, events: 0, webinar: 15600, paid_social: 5000, '(none)': 3000 },
    },
    last_touch: {
      // summit 9600 (opp-04, touch-04 on its close date); search 8400 + 7200
      by_campaign: { 'cmp-search': 15600, 'cmp-summit': 9600, 'cmp-webinars': 0, 'cmp-linkedin': 5000, 'cmp-retired': 0, 'cmp-partners': 0, '(none)': 3000 },
      by_channel: { paid_search: 15600, events: 9600, webinar: 0, paid_social: 5000, '(none)': 3000 },
    },
    linear: {
      // opp-04 4800 each; opp-05 1680 each of 5; opp-09 2400 each of 3
      by_campaign: { 'cmp-search': 4800 + 1680 + 2400, 'cmp-summit': 4800 + 2400, 'cmp-webinars': 1680 + 2400, 'cmp-linkedin': 1680 + 5000, 'cmp-retired': 1680, 'cmp-partners': 1680, '(none)': 3000 },
      by_channel: { paid_search: 8880, events: 7200, webinar: 4080, paid_social: 6680, '(none)': 1680 + 1680 + 3000 },
    },
    u_shaped: {
      // opp-04 4800 each of 2; opp-05 3360 first and last, 560 to each of 3 middles; opp-09 2880, 1440, 2880
      by_campaign: { 'cmp-search': 4800 + 3360 + 2880, 'cmp-summit': 4800 + 1440, 'cmp-webinars': 3360 + 2880, 'cmp-linkedin': 560 + 5000, 'cmp-retired': 560, 'cmp-partners': 560, '(none)': 3000 },
      by_channel: { paid_search: 11040, events: 6240, webinar: 6240, paid_social: 5560, '(none)': 560 + 560 + 3000 },
    },
  },
};

export const SAAS_2024: PackResult = {
  pack: 'saas', ...YEAR_2024,
  metrics: {
    mrr: 3450,
    arr: 41400,
    customers: 5,
    // C0 = acme, birch, delta: (1500 + 600 + 0) ÷ 1900
    net_revenue_retention: 2100 / 1900,
    // (min(1500, 1000) + min(600, 500) + min(0, 400)) ÷ 1900
    gross_revenue_retention: 1500 / 1900,
    logo_churn_rate: 1 / 3,
    // (41400 − 22800) ÷ spend in [2022-12-31, 2024-01-01) (2024 has 366 days): 1000 + 5000
    magic_number: 3.1,
  },
  // Each month compares MRR on its first day with MRR on the next month's first day.
  mrr_movements: [
    { month: '2024-01-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    { month: '2024-02-01', new: 800, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }, // cobalt starts 02-10
    { month: '2024-03-01', new: 0, expansion: 0, contraction: 0, churn: -500, reactivation: 0 }, // birch ends 03-20
    { month: '2024-04-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }, // grove's pilot 04-10..04-20 is gone again by 05-01
    { month: '2024-05-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    { month: '2024-06-01', new: 0, expansion: 500, contraction: 0, churn: 0, reactivation: 0 }, // acme 1000 → 1500 on 06-15
    { month: '2024-07-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 250 }, // grove had MRR in April
    { month: '2024-08-01', new: 0, expansion: 0, contraction: -500, churn: 0, reactivation: 600 }, // cobalt 800 → 300; birch back on 09-01
    { month: '2024-09-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    { month: '2024-10-01', new: 0, expansion: 0, contraction: 0, churn: -400, reactivation: 0 }, // delta ends 10-15
    { month: '2024-11-01', new: 800, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }, // ember 700 + 100
    { month: '2024-12-01', new: 1000, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }, // harbor on 2025-01-01
  ],
};

export const CUSTOMER_HEALTH_2024: PackResult = {
  pack: 'customer_health', ...YEAR_2024,
  // W1 = [2024-12-02, 2024-12-31], W0 = [2024-11-02, 2024-12-01]; "ends soon" = end_date in (2024-12-31, 2025-03-31].
  metrics: {
    customers: 5,
    // acme u1; birch u1, u2; cobalt u1, u2; ember u1; grove u1, u2 (delta, fjord, harbor are not customers)
    active_users: 8,
    // acme 3 → 1, ember 4 → 1 (cobalt 4 → 2 is exactly half, not more)
    accounts_usage_down: 2,
    // cobalt ends 2025-03-31 (as_of + 90), ember 2025-01-20 and 2025-02-05 (grove's 2025-04-01 is as_of + 91)
    accounts_ending_soon: 2,
    accounts_at_risk: 3,
    mrr_at_risk: 1500 + 800 + 300,
  },
  accounts_at_risk: [
    { account_id: 'acme', account_name: 'Acme Analytics', segment: 'Enterprise', mrr: 1500, active_users_last_30: 1, active_users_prior_30: 3, usage_change: -2 / 3, ends_on: null, reasons: ['usage_down'] },
    { account_id: 'ember', account_name: 'Ember Studios', segment: 'Mid-Market', mrr: 800, active_users_last_30: 1, active_users_prior_30: 4, usage_change: -0.75, ends_on: '2025-01-20', reasons: ['usage_down', 'ending_soon'] },
    { account_id: 'cobalt', account_name: 'Cobalt Dental', segment: 'SMB', mrr: 300, active_users_last_30: 2, active_users_prior_30: 4, usage_change: -0.5, ends_on: '2025-03-31', reasons: ['ending_soon'] },
  ],
};

/**
 * February 2024: as_of is 2024-02-29, so d0 is 2023-02-28 — not 2023-03-01 (as_of − 365 days), the day acme started at 800,
 * which would make the cohort acme and birch and NRR (1000 + 500) ÷ (800 + 500).
 */
export const SAAS_FEBRUARY_2024: PackResult = {
  pack: 'saas', from: '2024-02-01', to: '2024-03-01', as_of: '2024-02-29',
  metrics: {
    // acme 1000 + birch 500 + cobalt 800 + delta 400
    mrr: 2700,
    arr: 32400,
    customers: 4,
    // C0 = birch alone: 500 ÷ 500
    net_revenue_retention: 1,
    gross_revenue_retention: 1,
    logo_churn_rate: 0,
    // (32400 − 22800) ÷ spend in [2024-01-03, 2024-02-01): 1200.50
    magic_number: 9600 / 1200.5,
  },
  mrr_movements: [{ month: '2024-02-01', new: 800, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }],
};

export const MARKETING_FEBRUARY_2024_LTV = {
  // logo churn rate is 0 in February 2024, so there is no lifetime: ltv and ltv_to_cac are NULL.
  ltv: null,
  ltv_to_cac: null,
  // spend 3000 (summit) ÷ cobalt
  cac: 3000,
};

/** A period before any data: sums and counts 0, ratios, means and medians NULL, no breakdown rows. */
export const EMPTY_PERIOD = { from: '2019-01-01', to: '2019-02-01' };
export const EMPTY_METRICS: Record<string, Record<string, number | null>> = {
  sales: {
    bookings: 0, won_deals: 0, win_rate: null, avg_deal_size: null, sales_cycle_days: null, pipeline_created: 0,
    pipeline_coverage: null, renewal_rate: null, arr: 0, customers: 0,
  },
  marketing: {
    leads: 0, mqls: 0, sqls: 0, marketing_spend: 0, cost_per_lead: null, new_customers: 0, cac: null,
    lead_to_customer_rate: null, median_conversion_days: null, ltv: null, ltv_to_cac: null,
  },
  saas: {
    mrr: 0, arr: 0, customers: 0, net_revenue_retention: null, gross_revenue_retention: null, logo_churn_rate: null, magic_number: null,
  },
  customer_health: {
    customers: 0, active_users: 0, accounts_usage_down: 0, accounts_ending_soon: 0, accounts_at_risk: 0, mrr_at_risk: 0,
  },
};

export const HAND_CHECKED_2024 = [SALES_2024, MARKETING_2024, SAAS_2024, CUSTOMER_HEALTH_2024];
