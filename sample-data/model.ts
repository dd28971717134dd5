import type { Channel, Segment, Stage, TeamRole } from './assumptions.ts';
import type { Day, Moment } from './calendar.ts';
import type { Person } from './names.ts';

/**
 * The sample company as the simulation leaves it: records that point at each other directly. Salesforce ids
 * are given at the end, in creation order, so `id` is empty until then. Money is in whole cents.
 */
export interface SampleCompany {
  users: UserRecord[];
  accounts: AccountRecord[];
  contacts: ContactRecord[];
  leads: LeadRecord[];
  campaigns: CampaignRecord[];
  members: CampaignMemberRecord[];
  opportunities: OpportunityRecord[];
  stageHistory: StageEntry[];
  subscriptions: SubscriptionRecord[];
  spend: SpendRow[];
  targets: TargetRow[];
}

/** A place on the sales team, held by one person after another. */
export interface Seat {
  role: TeamRole;
  opensOn: Day;
  holders: UserRecord[];
}

export interface UserRecord {
  id: string;
  person: Person;
  email: string;
  title: string;
  createdAt: Moment;
  /** When the person left the company (the user is then inactive); null while employed. */
  leftAt: Moment | null;
}

export interface Company {
  name: string;
  domain: string;
  industry: string | null;
  country: string | null;
  employees: number;
  annualRevenueCents: number | null;
  segment: Segment;
}

export interface AccountRecord {
  id: string;
  company: Company;
  createdAt: Moment;
  modifiedAt: Moment;
  repSeat: Seat;
  csmSeat: Seat | null;
  isPartner: boolean;
  /** Customer right now (during the simulation; at the end: at export time). */
  isCustomer: boolean;
  wasCustomer: boolean;
  firstWonChannel: Channel | null;
  /** The close of its open new-business deal; no new deal starts before then. */
  openDealUntil: Moment;
  contacts: ContactRecord[];
  /** When the record was deleted (it stays in the export with IsDeleted = true); null for live records. */
  deletedAt: Moment | null;
}

export interface ContactRecord {
  id: string;
  account: AccountRecord;
  person: Person;
  email: string;
  title: string | null;
  leadSource: Channel | null;
  createdAt: Moment;
  deletedAt: Moment | null;
}

export interface LeadRecord {
  id: string;
  person: Person;
  email: string;
  title: string;
  channel: Channel;
  campaign: CampaignRecord;
  createdAt: Moment;
  /** Planned funnel moments; those after the export has been taken have not happened. */
  mqlAt: Moment | null;
  sqlAt: Moment | null;
  convertAt: Moment | null;
  company: Company | null;
  /** An account already in the CRM that the lead belongs to. */
  account: AccountRecord | null;
  owner: UserRecord | null;
  converted: { at: Moment; account: AccountRecord; contact: ContactRecord; opportunity: OpportunityRecord | null } | null;
  deletedAt: Moment | null;
}

export type CampaignKind = 'always-on' | 'webinar' | 'event' | 'partner';

export interface CampaignRecord {
  id: string;
  name: string;
  channel: Channel;
  kind: CampaignKind;
  startDay: Day;
  endDay: Day;
  createdAt: Moment;
  /** Relative weight among campaigns of its channel running on the same day. */
  weight: number;
  /** Planned for after the export: no members, no spend. */
  planned: boolean;
  budgetedCents: number | null;
  actualCents: number | null;
  leadCount: number;
  deletedAt: Moment | null;
}

export interface CampaignMemberRecord {
  id: string;
  campaign: CampaignRecord;
  lead: LeadRecord | null;
  contact: ContactRecord | null;
  createdAt: Moment;
  respondedAt: Moment | null;
  /** The status before and after responding, e.g. `Registered` → `Attended`. */
  statuses: readonly [string, string];
  deletedAt: Moment | null;
}

export type OpportunityKind = 'newBusiness' | 'expansion' | 'renewal';

export interface OpportunityRecord {
  id: string;
  account: AccountRecord;
  name: string;
  kind: OpportunityKind;
  amountCents: number;
  closeDay: Day;
  leadSource: Channel | null;
  campaign: CampaignRecord | null;
  owner: UserRecord;
  createdAt: Moment;
  /** Every stage it enters, including those after the export (dropped when written). */
  stages: StageEntry[];
  deletedAt: Moment | null;
}

export interface StageEntry {
  id: string;
  opportunity: OpportunityRecord;
  stage: Stage;
  enteredAt: Moment;
  amountCents: number;
  closeDay: Day;
  deletedAt: Moment | null;
}

/** One stretch of an account being a customer: from a won new-business deal to churn. */
export interface CustomerSpell {
  account: AccountRecord;
  startDay: Day;
  /** The first day no longer a customer, once billing knows it (a cancellation was received). */
  endDay: Day | null;
  subscriptions: SubscriptionRecord[];
}

export interface SubscriptionRecord {
  id: string;
  spell: CustomerSpell;
  plan: string;
  mrrCents: number;
  startDay: Day;
}

export interface SpendRow {
  day: Day;
  channel: Channel;
  campaign: CampaignRecord | null;
  cents: number;
}

export interface TargetRow {
  startDay: Day;
  endDay: Day;
  cents: number;
}
