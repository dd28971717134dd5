import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FORECAST_CATEGORY, OPPORTUNITY_TYPES, STAGE_PROBABILITY } from './assumptions.ts';
import { happened, leadAtExport, memberAtExport, opportunityAtExport, type LeadState, type MemberState, type OpportunityState } from './atExport.ts';
import { campaignStatus, type CampaignStatus } from './campaigns.ts';
import { at, EXPORTED_AT, isoDate, isoDateTime, type Day, type Moment } from './calendar.ts';
import { CsvFile, type Quoting } from './csvFile.ts';
import type {
  AccountRecord, CampaignMemberRecord, CampaignRecord, ContactRecord, LeadRecord, OpportunityRecord, SampleCompany, SpendRow,
  StageEntry, SubscriptionRecord, TargetRow, UserRecord,
} from './model.ts';
import type { SalesforceObject } from './salesforceIds.ts';
import { currentHolder } from './team.ts';

/** A column: its name in the file and how a record's value is written, given the record's state at export time. */
type Column<T, S = undefined> = readonly [name: string, value: (record: T, state: S) => string];

const text = (value: string | null | undefined) => value ?? '';
const bool = (value: boolean) => (value ? 'true' : 'false');
const date = (day: Day | null) => (day === null ? '' : isoDate(day));
const dateTime = (moment: Moment | null) => (moment === null ? '' : isoDateTime(moment));
const whole = (value: number | null) => (value === null ? '' : String(value));
/** Cents as a plain decimal with two places: 1250000 → `12500.00`. */
const money = (cents: number | null) => (cents === null ? '' : `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
const dateOfMoment = (moment: Moment | null) => (happened(moment) ? date(Math.floor(moment / 86_400_000)) : '');

/** Id, IsDeleted, the record's own fields, then the audit fields, in the order Salesforce exports them. */
function salesforceColumns<T extends { id: string; deletedAt: Moment | null }, S = undefined>(
  fields: Column<T, S>[],
  createdAt: (record: T) => Moment,
  modifiedAt: (record: T, state: S) => Moment,
): Column<T, S>[] {
  return [
    ['Id', (r) => r.id],
    ['IsDeleted', (r) => bool(r.deletedAt !== null)],
    ...fields,
    ['CreatedDate', (r) => dateTime(createdAt(r))],
    ['LastModifiedDate', (r, state) => dateTime(modifiedAt(r, state))],
    ['SystemModstamp', (r, state) => dateTime(modifiedAt(r, state))],
  ];
}

const userColumns = salesforceColumns<UserRecord & { deletedAt: null }>(
  [
    ['Name', (u) => `${u.person.firstName} ${u.person.lastName}`],
    ['FirstName', (u) => u.person.firstName],
    ['LastName', (u) => u.person.lastName],
    ['Email', (u) => u.email],
    ['Title', (u) => u.title],
    ['IsActive', (u) => bool(!happened(u.leftAt))],
  ],
  (u) => u.createdAt,
  (u) => (happened(u.leftAt) ? u.leftAt : u.createdAt),
);

const accountColumns = salesforceColumns<AccountRecord, ReturnType<typeof currentHolder>>(
  [
    ['Name', (a) => a.company.name],
    ['Type', (a) => accountType(a)],
    ['Industry', (a) => text(a.company.industry)],
    ['BillingCountry', (a) => text(a.company.country)],
    ['NumberOfEmployees', (a) => whole(a.company.employees)],
    ['AnnualRevenue', (a) => money(a.company.annualRevenueCents)],
    ['OwnerId', (_, owner) => owner.user.id],
  ],
  (a) => a.createdAt,
  (a, owner) => a.deletedAt ?? Math.max(a.modifiedAt, owner.handedOverAt ?? 0),
);

function accountType(account: AccountRecord): string {
  if (account.isPartner) return 'Channel Partner / Reseller';
  if (account.isCustomer) return account.firstWonChannel === 'Partner' ? 'Customer - Channel' : 'Customer - Direct';
  return account.wasCustomer ? 'Former Customer' : 'Prospect';
}

const contactColumns = salesforceColumns<ContactRecord>(
  [
    ['AccountId', (c) => c.account.id],
    ['FirstName', (c) => c.person.firstName],
    ['LastName', (c) => c.person.lastName],
    ['Email', (c) => c.email],
    ['Title', (c) => text(c.title)],
    ['LeadSource', (c) => text(c.leadSource)],
  ],
  (c) => c.createdAt,
  (c) => c.deletedAt ?? c.createdAt,
);

const leadColumns = salesforceColumns<LeadRecord, LeadState>(
  [
    ['FirstName', (l) => l.person.firstName],
    ['LastName', (l) => l.person.lastName],
    ['Email', (l) => l.email],
    ['Title', (l) => l.title],
    ['Company', (l) => text(l.company?.name)],
    ['Country', (l) => text(l.company?.country)],
    ['LeadSource', (l) => l.channel],
    ['Status', (_, state) => state.status],
    ['OwnerId', (l) => text(l.owner?.id)],
    ['IsConverted', (l) => bool(l.converted !== null)],
    ['ConvertedDate', (l) => dateOfMoment(l.converted?.at ?? null)],
    ['ConvertedAccountId', (l) => text(l.converted?.account.id)],
    ['ConvertedContactId', (l) => text(l.converted?.contact.id)],
    ['ConvertedOpportunityId', (l) => text(l.converted?.opportunity?.id)],
    ['MQL_Date__c', (l) => dateOfMoment(l.mqlAt)],
    ['SQL_Date__c', (l) => dateOfMoment(l.sqlAt)],
  ],
  (l) => l.createdAt,
  (_, state) => state.modifiedAt,
);

const campaignColumns = salesforceColumns<CampaignRecord, CampaignStatus>(
  [
    ['Name', (c) => c.name],
    ['Type', (c) => c.channel],
    ['Status', (_, status) => status],
    ['StartDate', (c) => date(c.startDay)],
    ['EndDate', (c) => date(c.endDay)],
    ['BudgetedCost', (c) => money(c.budgetedCents)],
    ['ActualCost', (c) => money(c.actualCents)],
    ['IsActive', (_, status) => bool(status !== 'Completed')],
  ],
  (c) => c.createdAt,
  (c, status) => c.deletedAt ?? (status === 'Completed' ? Math.min(EXPORTED_AT, at(c.endDay + 1, 8)) : c.createdAt),
);

const memberColumns = salesforceColumns<CampaignMemberRecord, MemberState>(
  [
    ['CampaignId', (m) => m.campaign.id],
    ['LeadId', (m) => text(m.lead?.id)],
    ['ContactId', (m) => text(m.contact?.id)],
    ['Status', (_, state) => state.status],
    ['HasResponded', (_, state) => bool(state.respondedAt !== null)],
    ['FirstRespondedDate', (_, state) => dateOfMoment(state.respondedAt)],
  ],
  (m) => m.createdAt,
  (_, state) => state.modifiedAt,
);

const opportunityColumns = salesforceColumns<OpportunityRecord, OpportunityState>(
  [
    ['AccountId', (o) => o.account.id],
    ['Name', (o) => o.name],
    ['Type', (o) => OPPORTUNITY_TYPES[o.kind]],
    ['StageName', (_, state) => state.stage],
    ['Amount', (o) => money(o.amountCents)],
    ['Probability', (_, state) => String(STAGE_PROBABILITY[state.stage])],
    ['CloseDate', (o) => date(o.closeDay)],
    ['LeadSource', (o) => text(o.leadSource)],
    ['CampaignId', (o) => text(o.campaign?.id)],
    ['OwnerId', (o) => o.owner.id],
    ['IsClosed', (_, state) => bool(state.isClosed)],
    ['IsWon', (_, state) => bool(state.isWon)],
    ['ForecastCategoryName', (_, state) => FORECAST_CATEGORY[state.stage]],
  ],
  (o) => o.createdAt,
  (_, state) => state.modifiedAt,
);

const historyColumns = salesforceColumns<StageEntry>(
  [
    ['OpportunityId', (h) => h.opportunity.id],
    ['StageName', (h) => h.stage],
    ['Amount', (h) => money(h.amountCents)],
    ['CloseDate', (h) => date(h.closeDay)],
    ['Probability', (h) => String(STAGE_PROBABILITY[h.stage])],
    ['ForecastCategory', (h) => FORECAST_CATEGORY[h.stage]],
  ],
  (h) => h.enteredAt,
  (h) => h.deletedAt ?? h.enteredAt,
);

const subscriptionColumns: Column<SubscriptionRecord>[] = [
  ['subscription_id', (s) => s.id],
  ['account_id', (s) => s.spell.account.id],
  ['plan', (s) => s.plan],
  ['mrr', (s) => money(s.mrrCents)],
  ['currency', () => 'USD'],
  ['start_date', (s) => date(s.startDay)],
  ['end_date', (s) => date(s.spell.endDay)],
];

const spendColumns: Column<SpendRow>[] = [
  ['spend_date', (s) => date(s.day)],
  ['channel', (s) => s.channel],
  ['campaign_id', (s) => text(s.campaign?.id)],
  ['amount', (s) => money(s.cents)],
];

const targetColumns: Column<TargetRow>[] = [
  ['period_start', (t) => date(t.startDay)],
  ['period_end', (t) => date(t.endDay)],
  ['amount', (t) => money(t.cents)],
];

export type FileCounts = Record<SalesforceObject | 'subscriptions' | 'marketingSpend' | 'salesTargets', number>;

/** Writes the Salesforce export, billing, ads and plan files under `dataDir`; returns rows per file. */
export async function writeCompanyFiles(company: SampleCompany, dataDir: string): Promise<FileCounts> {
  const salesforce = join(dataDir, 'salesforce');
  for (const folder of [salesforce, join(dataDir, 'billing'), join(dataDir, 'ads'), join(dataDir, 'plan')]) await mkdir(folder, { recursive: true });
  const users = company.users.map((user) => ({ ...user, deletedAt: null }));
  const spend = [...company.spend].sort(
    (a, b) => a.day - b.day || a.channel.localeCompare(b.channel) || (a.campaign?.id ?? '').localeCompare(b.campaign?.id ?? ''),
  );
  return {
    User: await writeCsv(join(salesforce, 'User.csv'), userColumns, users, 'all'),
    Account: await writeCsv(join(salesforce, 'Account.csv'), accountColumns, company.accounts, 'all', (a) => currentHolder(a.repSeat, a.createdAt)),
    Contact: await writeCsv(join(salesforce, 'Contact.csv'), contactColumns, company.contacts, 'all'),
    Lead: await writeCsv(join(salesforce, 'Lead.csv'), leadColumns, company.leads, 'all', leadAtExport),
    Campaign: await writeCsv(join(salesforce, 'Campaign.csv'), campaignColumns, company.campaigns, 'all', campaignStatus),
    CampaignMember: await writeCsv(join(salesforce, 'CampaignMember.csv'), memberColumns, company.members, 'all', memberAtExport),
    Opportunity: await writeCsv(join(salesforce, 'Opportunity.csv'), opportunityColumns, company.opportunities, 'all', opportunityAtExport),
    OpportunityHistory: await writeCsv(join(salesforce, 'OpportunityHistory.csv'), historyColumns, company.stageHistory, 'all'),
    subscriptions: await writeCsv(join(dataDir, 'billing', 'subscriptions.csv'), subscriptionColumns, company.subscriptions, 'needed'),
    marketingSpend: await writeCsv(join(dataDir, 'ads', 'marketing_spend.csv'), spendColumns, spend, 'needed'),
    salesTargets: await writeCsv(join(dataDir, 'plan', 'sales_targets.csv'), targetColumns, company.targets, 'needed'),
  };
}

async function writeCsv<T, S = undefined>(
  path: string, columns: readonly Column<T, S>[], records: readonly T[], quoting: Quoting, stateOf: (record: T) => S = () => undefined as S,
): Promise<number> {
  const file = new CsvFile(path, columns.map(([name]) => name), quoting);
  for (const record of records) {
    const state = stateOf(record);
    await file.write(columns.map(([, value]) => value(record, state)));
  }
  return file.close();
}
