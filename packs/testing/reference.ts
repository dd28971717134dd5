/**
 * The metrics of docs/metrics.md computed in plain TypeScript, literally from the definitions, over a
 * CoreDataset: an independent second opinion for the packs' SQL. Clarity over speed (MRR is looked up day by day).
 * Money is summed in whole cents so that sums are exact.
 */
import type { MetricValues, PackResult } from '../../core/api/packs.ts';
import type { CoreDataset, OpportunityRow, SubscriptionRow } from './dataset.ts';

export interface PackRequest {
  pack: string;
  from: string;
  to: string;
  params?: Record<string, number>;
}

const DAY_MS = 86_400_000;
const NONE = '(none)';

/** Days since 1970-01-01 of a date, or of a timestamp's UTC date. */
export function dayOf(dateOrTimestamp: string): number {
  const [year, month, day] = dateOrTimestamp.slice(0, 10).split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same calendar day a year earlier; 29 February becomes 28 February. */
export function oneYearBefore(day: number): number {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear() - 1;
  const month = date.getUTCMonth();
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfMonth)) / DAY_MS;
}

function firstOfNextMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
}

function instant(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}Z`);
}

const cents = (money: number) => Math.round(money * 100);
const sumCents = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value === null ? 0 : cents(value)), 0);
const fromCents = (total: number) => total / 100;

/** A ratio whose denominator is 0 or NULL (or whose numerator is NULL) is NULL. */
function ratio(numerator: number | null, denominator: number | null): number | null {
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : fromCents(sumCents(present)) / present.length;
}

/** The continuous median: the mean of the two middle values for an even count. */
function median(values: (number | null)[]): number | null {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How many rows have each key. */
function countBy<T>(rows: T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

class Period {
  readonly fromDay: number;
  readonly toDay: number;
  readonly asOf: number;

  constructor(readonly from: string, readonly to: string) {
    this.fromDay = dayOf(from);
    this.toDay = dayOf(to);
    this.asOf = this.toDay - 1;
  }

  /** A date, or a timestamp by its UTC date, is in [from, to). */
  contains(dateOrTimestamp: string | null): boolean {
    if (dateOrTimestamp === null) return false;
    const day = dayOf(dateOrTimestamp);
    return day >= this.fromDay && day < this.toDay;
  }
}

/** Everything the packs have in common over one dataset: MRR by account and day, customers, deal types. */
class Company {
  private readonly subscriptionsByAccount = new Map<string, SubscriptionRow[]>();
  readonly accountIds: string[];
  readonly firstSubscriptionDay: number;

  constructor(readonly data: CoreDataset) {
    for (const row of data.subscriptions) {
      const list = this.subscriptionsByAccount.get(row.account_id) ?? [];
      list.push(row);
      this.subscriptionsByAccount.set(row.account_id, list);
    }
    this.accountIds = [...new Set([...data.accounts.map((row) => row.account_id), ...this.subscriptionsByAccount.keys()])].sort();
    this.firstSubscriptionDay = Math.min(...data.subscriptions.map((row) => dayOf(row.start_date)));
  }

  subscriptionsOf(accountId: string): SubscriptionRow[] {
    return this.subscriptionsByAccount.get(accountId) ?? [];
  }

  /** MRR(a, d) in cents: active when start_date <= d and (end_date IS NULL or end_date > d). */
  mrrCents(accountId: string, day: number): number {
    return sumCents(
      this.subscriptionsOf(accountId)
        .filter((row) => dayOf(row.start_date) <= day && (row.end_date === null || dayOf(row.end_date) > day))
        .map((row) => row.mrr),
    );
  }

  totalMrrCents(day: number): number {
    return this.accountIds.reduce((total, accountId) => total + this.mrrCents(accountId, day), 0);
  }

  arr(day: number): number {
    return fromCents(12 * this.totalMrrCents(day));
  }

  customersOn(day: number): string[] {
    return this.accountIds.filter((accountId) => this.mrrCents(accountId, day) > 0);
  }

  hadMrrBefore(accountId: string, day: number): boolean {
    for (let earlier = this.firstSubscriptionDay; earlier < day; earlier++) if (this.mrrCents(accountId, earlier) > 0) return true;
    return false;
  }

  spendCents(fromDay: number, toDay: number, channel?: string): number {
    return sumCents(
      this.data.marketing_spend
        .filter((row) => dayOf(row.spend_date) >= fromDay && dayOf(row.spend_date) < toDay)
        .filter((row) => channel === undefined || (row.channel ?? NONE) === channel)
        .map((row) => row.amount),
    );
  }

  /** C0, the customers a year before as_of, and the retention figures over them. */
  retention(period: Period) {
    const d0 = oneYearBefore(period.asOf);
    const cohort = this.customersOn(d0);
    const before = cohort.reduce((total, accountId) => total + this.mrrCents(accountId, d0), 0);
    const after = cohort.reduce((total, accountId) => total + this.mrrCents(accountId, period.asOf), 0);
    const kept = cohort.reduce((total, accountId) => total + Math.min(this.mrrCents(accountId, period.asOf), this.mrrCents(accountId, d0)), 0);
    const lost = cohort.filter((accountId) => this.mrrCents(accountId, period.asOf) <= 0).length;
    return {
      net_revenue_retention: ratio(after, before),
      gross_revenue_retention: ratio(kept, before),
      logo_churn_rate: ratio(lost, cohort.length),
    };
  }

  /** Each account's first won deal of any type: smallest close_date, then smallest opportunity_id. */
  firstWonDeals(): Map<string, OpportunityRow> {
    const first = new Map<string, OpportunityRow>();
    for (const deal of this.data.opportunities.filter((row) => row.is_won)) {
      const current = first.get(deal.account_id);
      const earlier = current === undefined
        || dayOf(deal.close_date) < dayOf(current.close_date)
        || (deal.close_date === current.close_date && deal.opportunity_id < current.opportunity_id);
      if (earlier) first.set(deal.account_id, deal);
    }
    return first;
  }
}

const isNewBusiness = (deal: OpportunityRow) => deal.opportunity_type === 'new_business';
const isBookingsDeal = (deal: OpportunityRow) => deal.opportunity_type === 'new_business' || deal.opportunity_type === 'expansion';
const dealDays = (deal: OpportunityRow, createdAt: string) => dayOf(deal.close_date) - dayOf(createdAt);

function salesPack(company: Company, period: Period): PackResult {
  const deals = company.data.opportunities;
  const closedInPeriod = deals.filter((deal) => period.contains(deal.close_date));
  const wonNewBusiness = closedInPeriod.filter((deal) => isNewBusiness(deal) && deal.is_won);
  const closedNewBusiness = closedInPeriod.filter((deal) => isNewBusiness(deal) && deal.is_closed);
  const renewals = closedInPeriod.filter((deal) => deal.opportunity_type === 'renewal' && deal.is_closed);
  const targets = company.data.sales_targets.filter((row) => period.contains(row.period_start));
  const metrics: MetricValues = {
    bookings: fromCents(sumCents(closedInPeriod.filter((deal) => isBookingsDeal(deal) && deal.is_won).map((deal) => deal.arr))),
    won_deals: wonNewBusiness.length,
    win_rate: ratio(wonNewBusiness.length, closedNewBusiness.length),
    avg_deal_size: mean(wonNewBusiness.map((deal) => deal.amount)),
    sales_cycle_days: median(wonNewBusiness.map((deal) => dealDays(deal, deal.created_at))),
    pipeline_created: fromCents(sumCents(deals.filter((deal) => isBookingsDeal(deal) && period.contains(deal.created_at)).map((deal) => deal.amount))),
    pipeline_coverage: ratio(
      sumCents(closedInPeriod.filter((deal) => isBookingsDeal(deal) && !deal.is_closed).map((deal) => deal.amount)),
      targets.length === 0 ? null : sumCents(targets.map((row) => row.amount)),
    ),
    renewal_rate: ratio(renewals.filter((deal) => deal.is_won).length, renewals.length),
    arr: company.arr(period.asOf),
    customers: company.customersOn(period.asOf).length,
  };
  return { pack: 'sales', from: period.from, to: period.to, as_of: isoDate(period.asOf), metrics };
}

type AttributionModel = 'first_touch' | 'last_touch' | 'linear' | 'u_shaped';
export const ATTRIBUTION_MODELS: AttributionModel[] = ['first_touch', 'last_touch', 'linear', 'u_shaped'];

/** Each touch's share of a deal's arr, in touch order, for n ≥ 1 touches. */
function shares(model: AttributionModel, n: number): number[] {
  return Array.from({ length: n }, (_, index) => {
    const first = index === 0;
    const last = index === n - 1;
    switch (model) {
      case 'first_touch': return first ? 1 : 0;
      case 'last_touch': return last ? 1 : 0;
      case 'linear': return 1 / n;
      case 'u_shaped':
        if (n <= 2) return 1 / n;
        return first || last ? 0.4 : 0.2 / (n - 2);
    }
  });
}

function attribution(company: Company, wonNewBusiness: OpportunityRow[]): NonNullable<PackResult['attribution']> {
  const channelOfCampaign = new Map(company.data.campaigns.map((row) => [row.campaign_id, row.channel ?? NONE]));
  const result: NonNullable<PackResult['attribution']> = {};
  for (const model of ATTRIBUTION_MODELS) {
    const byCampaign: Record<string, number> = {};
    const byChannel: Record<string, number> = {};
    for (const deal of wonNewBusiness) {
      const touches = company.data.campaign_touches
        .filter((row) => row.account_id !== null && row.account_id === deal.account_id && dayOf(row.touched_at) <= dayOf(deal.close_date))
        .sort((a, b) => instant(a.touched_at) - instant(b.touched_at) || (a.touch_id < b.touch_id ? -1 : a.touch_id > b.touch_id ? 1 : 0));
      const credited = touches.length === 0
        ? [{ campaign: NONE, channel: NONE }]
        : touches.map((row) => ({ campaign: row.campaign_id, channel: channelOfCampaign.get(row.campaign_id) ?? NONE }));
      const arr = deal.arr ?? 0;
      shares(model, credited.length).forEach((share, index) => {
        const { campaign, channel } = credited[index];
        byCampaign[campaign] = (byCampaign[campaign] ?? 0) + share * arr;
        byChannel[channel] = (byChannel[channel] ?? 0) + share * arr;
      });
    }
    result[model] = { by_campaign: byCampaign, by_channel: byChannel };
  }
  return result;
}

function marketingPack(company: Company, period: Period, params: Record<string, number>): PackResult {
  const data = company.data;
  const leads = data.leads.filter((row) => period.contains(row.created_at));
  const spend = company.spendCents(period.fromDay, period.toDay);
  const firstWon = company.firstWonDeals();
  const newCustomers = [...firstWon.values()].filter((deal) => period.contains(deal.close_date));
  const wonIds = new Set(data.opportunities.filter((deal) => deal.is_won).map((deal) => deal.opportunity_id));
  const wonNewBusiness = data.opportunities.filter((deal) => isNewBusiness(deal) && deal.is_won && period.contains(deal.close_date));
  const conversionDays = data.leads.flatMap((row) =>
    wonNewBusiness.filter((deal) => deal.opportunity_id === row.converted_opportunity_id).map((deal) => dealDays(deal, row.created_at)));

  const customers = company.customersOn(period.asOf).length;
  const arpa = ratio(company.arr(period.asOf), customers);
  const churn = company.retention(period).logo_churn_rate;
  const grossMargin = params.gross_margin ?? 0.8;
  const ltv = arpa === null || churn === null || churn === 0 ? null : arpa * grossMargin * (1 / churn);
  const cac = ratio(fromCents(spend), newCustomers.length);

  const channelOf = (source: string | null) => source ?? NONE;
  const leadsByChannel = countBy(leads, (row) => channelOf(row.lead_source));
  const newByChannel = countBy(newCustomers, (deal) => channelOf(deal.lead_source));
  const spendChannels = data.marketing_spend.filter((row) => period.contains(row.spend_date)).map((row) => channelOf(row.channel));
  const channels = [...new Set([...leadsByChannel.keys(), ...spendChannels, ...newByChannel.keys()])].sort();
  const byChannel: Record<string, MetricValues> = {};
  for (const channel of channels) {
    const channelSpend = fromCents(company.spendCents(period.fromDay, period.toDay, channel));
    const channelLeads = leadsByChannel.get(channel) ?? 0;
    const channelNew = newByChannel.get(channel) ?? 0;
    byChannel[channel] = {
      leads: channelLeads,
      marketing_spend: channelSpend,
      cost_per_lead: ratio(channelSpend, channelLeads),
      new_customers: channelNew,
      cac: ratio(channelSpend, channelNew),
    };
  }

  const metrics: MetricValues = {
    leads: leads.length,
    mqls: data.leads.filter((row) => period.contains(row.mql_at)).length,
    sqls: data.leads.filter((row) => period.contains(row.sql_at)).length,
    marketing_spend: fromCents(spend),
    cost_per_lead: ratio(fromCents(spend), leads.length),
    new_customers: newCustomers.length,
    cac,
    lead_to_customer_rate: ratio(leads.filter((row) => row.converted_opportunity_id !== null && wonIds.has(row.converted_opportunity_id)).length, leads.length),
    median_conversion_days: median(conversionDays),
    ltv,
    ltv_to_cac: ratio(ltv, cac),
  };
  return {
    pack: 'marketing', from: period.from, to: period.to, as_of: isoDate(period.asOf), metrics,
    by_channel: byChannel,
    attribution: attribution(company, wonNewBusiness),
  };
}

type MrrMovement = NonNullable<PackResult['mrr_movements']>[number];

function mrrMovements(company: Company, period: Period): MrrMovement[] {
  const movements: MrrMovement[] = [];
  const firstMonth = isoDate(period.fromDay).endsWith('-01') ? period.fromDay : firstOfNextMonth(period.fromDay);
  for (let start = firstMonth; start < period.toDay; start = firstOfNextMonth(start)) {
    const next = firstOfNextMonth(start);
    const moved = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
    for (const accountId of company.accountIds) {
      const before = company.mrrCents(accountId, start);
      const after = company.mrrCents(accountId, next);
      const change = after - before;
      if (before <= 0 && after > 0) {
        if (company.hadMrrBefore(accountId, start)) moved.reactivation += change;
        else moved.new += change;
      } else if (before > 0 && after <= 0) moved.churn += change;
      else if (before > 0 && after > before) moved.expansion += change;
      else if (before > 0 && after < before) moved.contraction += change;
    }
    movements.push({
      month: isoDate(start),
      new: fromCents(moved.new),
      expansion: fromCents(moved.expansion),
      contraction: fromCents(moved.contraction),
      churn: fromCents(moved.churn),
      reactivation: fromCents(moved.reactivation),
    });
  }
  return movements;
}

function saasPack(company: Company, period: Period): PackResult {
  const length = period.toDay - period.fromDay;
  const priorSpend = company.spendCents(period.fromDay - length, period.fromDay);
  const metrics: MetricValues = {
    mrr: fromCents(company.totalMrrCents(period.asOf)),
    arr: company.arr(period.asOf),
    customers: company.customersOn(period.asOf).length,
    ...company.retention(period),
    magic_number: ratio(company.arr(period.asOf) - company.arr(period.fromDay - 1), fromCents(priorSpend)),
  };
  return { pack: 'saas', from: period.from, to: period.to, as_of: isoDate(period.asOf), metrics, mrr_movements: mrrMovements(company, period) };
}

function customerHealthPack(company: Company, period: Period): PackResult {
  const asOf = period.asOf;
  const inDays = (timestamp: string, first: number, last: number) => dayOf(timestamp) >= first && dayOf(timestamp) <= last;
  const usersIn = (accountId: string, first: number, last: number) =>
    new Set(company.data.product_events.filter((row) => row.account_id === accountId && inDays(row.occurred_at, first, last)).map((row) => row.user_id));

  const customers = company.customersOn(asOf);
  const activeUsers = new Set<string>();
  const atRisk: Record<string, unknown>[] = [];
  let usageDown = 0;
  let endingSoon = 0;
  let mrrAtRisk = 0;
  for (const accountId of customers) {
    const lastThirty = usersIn(accountId, asOf - 29, asOf);
    const priorThirty = usersIn(accountId, asOf - 59, asOf - 30);
    for (const user of lastThirty) activeUsers.add(user);
    const isUsageDown = priorThirty.size > 0 && lastThirty.size < priorThirty.size / 2;
    const endings = company.subscriptionsOf(accountId)
      .map((row) => row.end_date)
      .filter((end): end is string => end !== null && dayOf(end) > asOf && dayOf(end) <= asOf + 90)
      .sort();
    const reasons = [...(isUsageDown ? ['usage_down'] : []), ...(endings.length > 0 ? ['ending_soon'] : [])];
    if (isUsageDown) usageDown++;
    if (endings.length > 0) endingSoon++;
    if (reasons.length === 0) continue;
    const mrr = company.mrrCents(accountId, asOf);
    mrrAtRisk += mrr;
    const accountRow = company.data.accounts.find((row) => row.account_id === accountId);
    atRisk.push({
      account_id: accountId,
      account_name: accountRow?.account_name ?? null,
      segment: accountRow?.segment ?? null,
      mrr: fromCents(mrr),
      active_users_last_30: lastThirty.size,
      active_users_prior_30: priorThirty.size,
      usage_change: ratio(lastThirty.size - priorThirty.size, priorThirty.size),
      ends_on: endings[0] ?? null,
      reasons,
    });
  }
  atRisk.sort((a, b) => (b.mrr as number) - (a.mrr as number) || String(a.account_id).localeCompare(String(b.account_id)));
  const metrics: MetricValues = {
    customers: customers.length,
    active_users: activeUsers.size,
    accounts_usage_down: usageDown,
    accounts_ending_soon: endingSoon,
    accounts_at_risk: atRisk.length,
    mrr_at_risk: fromCents(mrrAtRisk),
  };
  return { pack: 'customer_health', from: period.from, to: period.to, as_of: isoDate(asOf), metrics, accounts_at_risk: atRisk };
}

export const PACK_NAMES = ['sales', 'marketing', 'saas', 'customer_health'] as const;

/** What runPack should answer for `request` over `data`, by docs/metrics.md. */
export function referencePack(data: CoreDataset, request: PackRequest): PackResult {
  const company = new Company(data);
  const period = new Period(request.from, request.to);
  switch (request.pack) {
    case 'sales': return salesPack(company, period);
    case 'marketing': return marketingPack(company, period, request.params ?? {});
    case 'saas': return saasPack(company, period);
    case 'customer_health': return customerHealthPack(company, period);
    default: throw new Error(`The reference knows no pack named ${request.pack}.`);
  }
}

/** MRR(s) summed over all accounts, in currency, for checking that a month's movements add up. */
export function totalMrr(data: CoreDataset, date: string): number {
  return fromCents(new Company(data).totalMrrCents(dayOf(date)));
}
