import {
  ADD_ON_PLAN, CHANNEL_PROFILES, closingSeasonFactor, EXISTING_ACCOUNT_SHARE, EXPANSION_WIN_RATE, growthFactor, LOSS_STAGE_WEIGHTS,
  planFor, PROSPECTED_ACCOUNTS_AT_SCALE_1, REP_ROLE, SEGMENT_PROFILES, SEGMENTS, STAGE_TIMING, STAGES, WIN_BACK_WIN_RATE,
  type Channel, type Stage,
} from './assumptions.ts';
import { alwaysOnOn, buildCampaigns } from './campaigns.ts';
import {
  addYears, at, DAY_MS, dayOfMoment, EXPORTED_AT, isWeekend, quarterOf, startOfQuarter, WINDOW_START, yearOf, type Day, type Moment,
} from './calendar.ts';
import { addDeletedRecords } from './deleted.ts';
import { businessHours, DaySampler, planLeads } from './leads.ts';
import type {
  AccountRecord, CampaignMemberRecord, CampaignRecord, Company, ContactRecord, CustomerSpell, LeadRecord, OpportunityKind,
  OpportunityRecord, SampleCompany, SubscriptionRecord,
} from './model.ts';
import { COUNTRIES, emailLocalPart, INDUSTRIES, randomCompanyName, randomPerson, type Person, CONTACT_TITLES } from './names.ts';
import { Random } from './random.ts';
import { salesforceId, type SalesforceObject } from './salesforceIds.ts';
import { buildSpend } from './spend.ts';
import { buildTargets } from './targets.ts';
import { holderAt, Team } from './team.ts';

/** Resellers and consultancies that refer deals; at least two at any scale. */
const PARTNERS_AT_SCALE_1 = 4;
const MINUTE_MS = 60_000;
/** Share of prospected accounts that sales gets into a first meeting, and that it tries again after losing. */
const OUTBOUND_MEETING_RATE = 0.55;
const OUTBOUND_RETRY_RATE = 0.45;
/** Share of expansion deals that follow a campaign the customer took part in. */
const CAMPAIGN_LED_EXPANSION_RATE = 0.35;

/** Simulate three years of the company, deterministically for a given scale and seed. */
export function simulateCompany(scale: number, seed: number): SampleCompany {
  return new Simulation(scale, seed).run();
}

/**
 * A discrete-event simulation: leads arrive, convert into accounts and deals, deals close, customers renew,
 * expand, churn and sometimes come back. Each step happens at its moment on a single agenda.
 */
class Simulation {
  private readonly random: Random;
  private readonly team: Team;
  private readonly agenda = new Agenda();
  private readonly accounts: AccountRecord[] = [];
  /** Accounts a lead may belong to or sales may approach (not partners). */
  private readonly prospects: AccountRecord[] = [];
  private readonly contacts: ContactRecord[] = [];
  private readonly members: CampaignMemberRecord[] = [];
  private readonly membersByCampaign = new Map<CampaignRecord, Set<LeadRecord | ContactRecord>>();
  private readonly membersByLead = new Map<LeadRecord, CampaignMemberRecord[]>();
  private readonly opportunities: OpportunityRecord[] = [];
  private readonly subscriptions: SubscriptionRecord[] = [];
  private readonly currentSpell = new Map<AccountRecord, CustomerSpell>();
  private campaigns: CampaignRecord[] = [];
  private leads: LeadRecord[] = [];

  constructor(
    private readonly scale: number,
    private readonly seed: number,
  ) {
    this.random = new Random(seed, 'simulation');
    this.team = new Team(scale, new Random(seed, 'team'));
  }

  run(): SampleCompany {
    const partnerRandom = new Random(this.seed, 'partners');
    const partnerCompanies = Array.from({ length: Math.max(2, Math.round(PARTNERS_AT_SCALE_1 * Math.sqrt(this.scale))) }, () =>
      this.newCompany([0, 1, 0], partnerRandom),
    );
    this.campaigns = buildCampaigns(new Random(this.seed, 'campaigns'), partnerCompanies);
    for (const company of partnerCompanies) {
      this.createAccount(company, at(WINDOW_START, 10), true);
    }
    this.leads = planLeads(this.scale, this.campaigns, new Random(this.seed, 'leads'));
    for (const lead of this.leads) this.agenda.add(lead.createdAt, (now) => this.leadCreated(lead, now));
    const prospecting = new Random(this.seed, 'prospecting');
    const prospectingDays = new DaySampler((day) => (isWeekend(day) ? 0 : growthFactor(day)));
    for (let i = Math.round(PROSPECTED_ACCOUNTS_AT_SCALE_1 * this.scale); i > 0; i--) {
      this.agenda.add(at(prospectingDays.sample(prospecting), businessHours(prospecting)), (now) => this.prospectAccount(now));
    }
    this.agenda.runUntil(EXPORTED_AT);

    const company: SampleCompany = {
      users: this.team.users,
      accounts: this.accounts,
      contacts: this.contacts,
      leads: this.leads,
      campaigns: this.campaigns,
      members: this.members,
      opportunities: this.opportunities,
      stageHistory: [],
      subscriptions: this.subscriptions,
      spend: [],
      targets: [],
    };
    company.spend = buildSpend(this.campaigns, this.leads, this.scale, new Random(this.seed, 'spend'));
    company.targets = buildTargets(this.opportunities, new Random(this.seed, 'targets'));
    addDeletedRecords(company, this.scale, new Random(this.seed, 'deleted'));
    company.stageHistory = company.opportunities.flatMap((opportunity) => opportunity.stages.filter((entry) => entry.enteredAt <= EXPORTED_AT));
    assignIds(company);
    return company;
  }

  private leadCreated(lead: LeadRecord, now: Moment): void {
    lead.owner = holderAt(this.team.pickSeat('sdr', now), now);
    lead.account = this.random.chance(EXISTING_ACCOUNT_SHARE) ? this.pickProspect(now) : null;
    lead.company = lead.account?.company ?? this.newCompany(CHANNEL_PROFILES[lead.channel].segmentMix, this.random);
    lead.email = this.emailAt(lead.person, lead.company.domain);
    const campaign = lead.campaign;
    const respondedAt =
      lead.channel === 'Outbound' ? lead.mqlAt
      : campaign.kind === 'webinar' ? (this.random.chance(0.6) ? Math.max(now, at(campaign.startDay, 16)) : null)
      : now;
    this.touch(campaign, lead, now, respondedAt);
    this.nurture(lead, now);
    if (lead.convertAt !== null) this.agenda.add(lead.convertAt, (moment) => this.convertLead(lead, moment));
  }

  /** Engaged leads attend a webinar, download a guide or visit a booth before they talk to sales. */
  private nurture(lead: LeadRecord, now: Moment): void {
    if (!this.random.chance(lead.mqlAt !== null ? 0.55 : 0.2)) return;
    const until = Math.min(lead.convertAt ?? Infinity, now + 150 * DAY_MS, EXPORTED_AT);
    const first = dayOfMoment(now) + 1;
    const last = dayOfMoment(until) - 1;
    if (first > last) return;
    const candidates = this.campaigns.filter(
      (c) => (c.channel === 'Content' || c.channel === 'Events') && !c.planned && c !== lead.campaign && c.startDay <= last && c.endDay >= first,
    );
    for (let i = this.random.int(1, 2); i > 0 && candidates.length > 0; i--) {
      const campaign = this.random.pick(candidates);
      const day = this.random.int(Math.max(first, campaign.startDay), Math.min(last, campaign.endDay));
      const touchedAt = at(day, businessHours(this.random));
      this.touch(campaign, lead, touchedAt, this.random.chance(0.7) ? touchedAt : null);
    }
  }

  private convertLead(lead: LeadRecord, now: Moment): void {
    const account = lead.account ?? this.createAccount(lead.company as Company, now);
    const contact = this.createContact(account, lead.person, lead.email, lead.title, lead.channel, now);
    for (const member of this.membersByLead.get(lead) ?? []) member.contact = contact;
    const opportunity = this.isAvailable(account, now) ? this.openNewBusiness(account, now, lead.channel, lead.campaign, 'New Business').opportunity : null;
    lead.converted = { at: now, account, contact, opportunity };
  }

  /** Sales development adds a target account with a few contacts and starts an outbound sequence. */
  private prospectAccount(now: Moment): void {
    const account = this.createAccount(this.newCompany(CHANNEL_PROFILES.Outbound.segmentMix, this.random), now);
    for (let i = this.random.int(1, 3); i > 0; i--) {
      const person = randomPerson(this.random);
      this.createContact(account, person, this.emailAt(person, account.company.domain), this.random.weighted(CONTACT_TITLES), 'Outbound', now + i * 60_000);
    }
    const sequence = alwaysOnOn(this.campaigns, 'Outbound', dayOfMoment(now))[0];
    const member = this.touch(sequence, account.contacts[0], now + 5 * 60_000, null);
    if (member && this.random.chance(OUTBOUND_MEETING_RATE)) {
      const meetingAt = at(dayOfMoment(now) + this.random.int(7, 60), businessHours(this.random));
      this.agenda.add(meetingAt, (moment) => this.outboundMeeting(account, member, moment));
    }
  }

  private outboundMeeting(account: AccountRecord, member: CampaignMemberRecord, now: Moment): void {
    if (!this.isAvailable(account, now)) return;
    member.respondedAt ??= now;
    const { won, closedAt } = this.openNewBusiness(account, now, 'Outbound', member.campaign, 'New Business');
    if (!won && this.random.chance(OUTBOUND_RETRY_RATE)) {
      this.agenda.add(at(dayOfMoment(closedAt) + this.random.int(120, 400), businessHours(this.random)), (moment) => this.outboundMeeting(account, member, moment));
    }
  }

  private winBack(account: AccountRecord, now: Moment): void {
    if (this.isAvailable(account, now)) this.openNewBusiness(account, now, 'Outbound', null, 'Win-back');
  }

  /** A new-business deal: its cycle, outcome and size follow the account's segment and the deal's channel. */
  private openNewBusiness(account: AccountRecord, now: Moment, channel: Channel, campaign: CampaignRecord | null, label: 'New Business' | 'Win-back') {
    const profile = SEGMENT_PROFILES[account.company.segment];
    const openedOn = dayOfMoment(now);
    const naturalClose = openedOn + Math.round(clamp(this.random.logNormal(profile.salesCycleDays, 0.35), 8, 400));
    const season = closingSeasonFactor(naturalClose);
    const winRate = label === 'Win-back' ? WIN_BACK_WIN_RATE : profile.winRate * CHANNEL_PROFILES[channel].winRateFactor;
    const won = this.random.chance(Math.min(0.9, winRate * season.winRate));
    const mrrCents = roundMrr(this.random.logNormal(profile.medianMrr, 0.45) * season.amount);
    const opportunity = this.newOpportunity(account, 'newBusiness', label, 12 * mrrCents, channel, campaign, holderAt(account.repSeat, now), now);
    const earlyAmount = 12 * roundMrr((mrrCents / 100) * this.random.between(0.75, 1.3));
    let closedAt: Moment;
    if (won) {
      const closeOn = this.pullIntoQuarter(naturalClose, openedOn);
      closedAt = this.addStages(opportunity, at(closeOn, businessHours(this.random)), 'Closed Won', null, earlyAmount);
    } else {
      const lostStage = this.random.weighted(LOSS_STAGE_WEIGHTS.map((weight, i) => [i, weight] as const));
      const fraction = this.random.between(STAGE_TIMING[lostStage] + 0.02, STAGE_TIMING[lostStage + 1] ?? 1);
      const plannedClose = at(naturalClose, businessHours(this.random));
      closedAt = this.addStages(opportunity, plannedClose, 'Closed Lost', partWay(now, plannedClose, fraction), earlyAmount);
    }
    opportunity.closeDay = dayOfMoment(closedAt);
    this.setCloseDay(opportunity);
    account.openDealUntil = closedAt;
    if (won) this.agenda.add(closedAt, (moment) => this.startCustomer(account, opportunity, mrrCents, moment));
    return { opportunity, won, closedAt };
  }

  /** Reps pull deals that would close early in a quarter into the end of the quarter before. */
  private pullIntoQuarter(closeOn: Day, openedOn: Day): Day {
    const quarterStart = startOfQuarter(yearOf(closeOn), quarterOf(closeOn));
    if (closeOn - quarterStart > 14 || !this.random.chance(0.4)) return closeOn;
    return Math.max(openedOn + 7, quarterStart - this.random.int(1, 4));
  }

  private startCustomer(account: AccountRecord, won: OpportunityRecord, mrrCents: number, now: Moment): void {
    account.isCustomer = true;
    account.wasCustomer = true;
    account.firstWonChannel ??= won.leadSource;
    account.modifiedAt = now;
    account.csmSeat ??= this.team.pickSeat('csm', now);
    const spell: CustomerSpell = { account, startDay: won.closeDay, endDay: null, subscriptions: [] };
    this.currentSpell.set(account, spell);
    this.addSubscription(spell, planFor(mrrCents), mrrCents, won.closeDay);
    for (let i = this.random.poisson(SEGMENT_PROFILES[account.company.segment].onboardingContacts); i > 0; i--) {
      const createdAt = at(won.closeDay + this.random.int(1, 30), businessHours(this.random));
      const person = randomPerson(this.random);
      if (createdAt <= EXPORTED_AT) this.createContact(account, person, this.emailAt(person, account.company.domain), this.random.weighted(CONTACT_TITLES), null, createdAt);
    }
    this.planTerm(spell, 1);
  }

  /** A contract year: whether it renews at the anniversary, the renewal deal, and expansion deals during it. */
  private planTerm(spell: CustomerSpell, term: number): void {
    const profile = SEGMENT_PROFILES[spell.account.company.segment];
    const termStart = addYears(spell.startDay, term - 1);
    const anniversary = addYears(spell.startDay, term);
    const churns = this.random.chance(profile.churnRate);
    const noticeAt = churns ? at(anniversary - this.random.int(20, 75), businessHours(this.random)) : null;
    const renewalOpensAt = at(anniversary - 90 + this.random.int(-7, 7), businessHours(this.random));
    this.agenda.add(renewalOpensAt, (now) => this.openRenewal(spell, anniversary, noticeAt, now));
    const lastExpansionDay = anniversary - (churns ? 200 : 40);
    for (let i = this.random.poisson(profile.expansionsPerYear); i > 0; i--) {
      if (lastExpansionDay < termStart + 30) break;
      const opensAt = at(this.random.int(termStart + 30, lastExpansionDay), businessHours(this.random));
      this.agenda.add(opensAt, (now) => this.openExpansion(spell, churns, now));
    }
    if (noticeAt !== null) {
      // Billing learns the end date when the cancellation notice arrives, before the anniversary.
      this.agenda.add(noticeAt, () => (spell.endDay = anniversary));
      this.agenda.add(at(anniversary, 0), (now) => this.endCustomer(spell, now));
    } else {
      this.agenda.add(at(anniversary, 0), () => this.planTerm(spell, term + 1));
    }
  }

  private openRenewal(spell: CustomerSpell, anniversary: Day, noticeAt: Moment | null, now: Moment): void {
    const { account } = spell;
    const amount = 12 * mrrOn(spell, dayOfMoment(now));
    const owner = holderAt(account.csmSeat ?? account.repSeat, now);
    const opportunity = this.newOpportunity(account, 'renewal', `Renewal ${yearOf(anniversary)}`, amount, null, null, owner, now);
    const renewsAt = at(anniversary, businessHours(this.random));
    if (noticeAt === null) this.addStages(opportunity, renewsAt, 'Closed Won', null, amount);
    else this.addStages(opportunity, renewsAt, 'Closed Lost', Math.max(noticeAt, now + DAY_MS), amount);
    // Renewal deals close on the subscription's anniversary, whatever day the decision was made.
    opportunity.closeDay = anniversary;
    this.setCloseDay(opportunity);
  }

  private openExpansion(spell: CustomerSpell, churns: boolean, now: Moment): void {
    const { account } = spell;
    if (this.currentSpell.get(account) !== spell || !account.isCustomer) return;
    const profile = SEGMENT_PROFILES[account.company.segment];
    const deltaCents = roundMrr((mrrOn(spell, dayOfMoment(now)) / 100) * this.random.between(0.15, 0.5));
    const plannedClose = dayOfMoment(now) + Math.round(clamp(this.random.logNormal(profile.expansionCycleDays, 0.35), 7, churns ? 150 : 200));
    const season = closingSeasonFactor(plannedClose);
    const won = this.random.chance(Math.min(0.9, EXPANSION_WIN_RATE * season.winRate));
    const campaign = this.random.chance(CAMPAIGN_LED_EXPANSION_RATE) ? this.customerTouch(account, now) : null;
    const owner = holderAt(account.repSeat, now);
    const opportunity = this.newOpportunity(account, 'expansion', 'Add-on seats', 12 * deltaCents, campaign?.channel ?? null, campaign, owner, now);
    const closeAt = at(plannedClose, businessHours(this.random));
    const closedAt = won
      ? this.addStages(opportunity, closeAt, 'Closed Won', null, 12 * deltaCents)
      : this.addStages(opportunity, closeAt, 'Closed Lost', partWay(now, closeAt, this.random.between(0.2, 1)), 12 * deltaCents);
    opportunity.closeDay = dayOfMoment(closedAt);
    this.setCloseDay(opportunity);
    if (won) this.agenda.add(closedAt, () => this.addSubscription(spell, ADD_ON_PLAN, deltaCents, opportunity.closeDay));
  }

  /** A contact of the customer took part in a recent webinar, guide or event; that campaign gets the credit. */
  private customerTouch(account: AccountRecord, now: Moment): CampaignRecord | null {
    const today = dayOfMoment(now);
    const campaigns = this.campaigns.filter(
      (c) => (c.channel === 'Content' || c.channel === 'Events') && !c.planned && c.startDay < today && c.endDay >= today - 60,
    );
    const contacts = account.contacts.filter((c) => dayOfMoment(c.createdAt) < today - 1);
    if (campaigns.length === 0 || contacts.length === 0) return null;
    const campaign = this.random.pick(campaigns);
    const contact = this.random.pick(contacts);
    const first = Math.max(campaign.startDay, today - 60, dayOfMoment(contact.createdAt) + 1);
    const last = Math.min(campaign.endDay, today - 1);
    if (first > last) return null;
    const touchedAt = at(this.random.int(first, last), businessHours(this.random));
    return this.touch(campaign, contact, touchedAt, touchedAt) ? campaign : null;
  }

  private endCustomer(spell: CustomerSpell, now: Moment): void {
    const { account } = spell;
    account.isCustomer = false;
    account.modifiedAt = now;
    this.currentSpell.delete(account);
    if (this.random.chance(SEGMENT_PROFILES[account.company.segment].winBackRate)) {
      this.agenda.add(at(dayOfMoment(now) + this.random.int(60, 300), businessHours(this.random)), (moment) => this.winBack(account, moment));
    }
  }

  private addSubscription(spell: CustomerSpell, plan: string, mrrCents: number, startDay: Day): void {
    const subscription: SubscriptionRecord = { id: '', spell, plan, mrrCents, startDay };
    spell.subscriptions.push(subscription);
    this.subscriptions.push(subscription);
  }

  private newOpportunity(
    account: AccountRecord, kind: OpportunityKind, label: string, amountCents: number, leadSource: Channel | null,
    campaign: CampaignRecord | null, owner: OpportunityRecord['owner'], createdAt: Moment,
  ): OpportunityRecord {
    const opportunity: OpportunityRecord = {
      id: '', account, name: `${account.company.name} - ${label}`, kind, amountCents, closeDay: 0, leadSource, campaign, owner, createdAt,
      stages: [], deletedAt: null,
    };
    this.opportunities.push(opportunity);
    return opportunity;
  }

  /**
   * The stages a deal enters, spread over the time to `plannedCloseAt`; a lost deal stops at `lostAt`.
   * Early stages carry the first estimate of the amount. Returns the moment the deal closed.
   */
  private addStages(opportunity: OpportunityRecord, plannedCloseAt: Moment, outcome: Stage, lostAt: Moment | null, earlyAmount: number): Moment {
    const span = plannedCloseAt - opportunity.createdAt;
    const endAt = lostAt ?? plannedCloseAt;
    let previous = opportunity.createdAt;
    for (let i = 0; i < STAGES.length; i++) {
      let enteredAt = opportunity.createdAt;
      if (i > 0) {
        const planned = opportunity.createdAt + (STAGE_TIMING[i] + this.random.between(-0.03, 0.03)) * span;
        enteredAt = Math.max(previous + MINUTE_MS, at(dayOfMoment(planned), businessHours(this.random)));
        // A won deal passes every stage before it closes; a lost one stops where it was.
        const latest = endAt - (STAGES.length - i + 1) * MINUTE_MS;
        if (enteredAt > latest) {
          if (lostAt !== null) break;
          enteredAt = Math.max(previous + MINUTE_MS, latest);
        }
      }
      const amountCents = i < 3 ? earlyAmount : opportunity.amountCents;
      opportunity.stages.push({ id: '', opportunity, stage: STAGES[i], enteredAt, amountCents, closeDay: 0, deletedAt: null });
      previous = enteredAt;
    }
    const closedAt = Math.max(endAt, previous + MINUTE_MS);
    opportunity.stages.push({ id: '', opportunity, stage: outcome, enteredAt: closedAt, amountCents: opportunity.amountCents, closeDay: 0, deletedAt: null });
    return closedAt;
  }

  private setCloseDay(opportunity: OpportunityRecord): void {
    for (const entry of opportunity.stages) entry.closeDay = opportunity.closeDay;
  }

  private createAccount(company: Company, now: Moment, isPartner = false): AccountRecord {
    const account: AccountRecord = {
      id: '', company, createdAt: now, modifiedAt: now, repSeat: this.team.pickSeat(REP_ROLE[company.segment], now), csmSeat: null,
      isPartner, isCustomer: false, wasCustomer: false, firstWonChannel: null, openDealUntil: 0, contacts: [], deletedAt: null,
    };
    this.accounts.push(account);
    if (!isPartner) this.prospects.push(account);
    return account;
  }

  private createContact(account: AccountRecord, person: Person, email: string, title: string | null, leadSource: Channel | null, createdAt: Moment): ContactRecord {
    const contact: ContactRecord = { id: '', account, person, email, title, leadSource, createdAt, deletedAt: null };
    account.contacts.push(contact);
    this.contacts.push(contact);
    return contact;
  }

  /** Adds `who` to `campaign`; a lead or contact is a member of a campaign at most once. */
  private touch(campaign: CampaignRecord, who: LeadRecord | ContactRecord, createdAt: Moment, respondedAt: Moment | null): CampaignMemberRecord | null {
    let seen = this.membersByCampaign.get(campaign);
    if (!seen) this.membersByCampaign.set(campaign, (seen = new Set()));
    if (seen.has(who)) return null;
    seen.add(who);
    const isLead = 'channel' in who;
    const statuses = campaign.kind === 'event' || campaign.kind === 'webinar' ? (['Registered', 'Attended'] as const) : (['Sent', 'Responded'] as const);
    const member: CampaignMemberRecord = {
      id: '', campaign, lead: isLead ? who : null, contact: isLead ? null : who, createdAt, respondedAt, statuses, deletedAt: null,
    };
    this.members.push(member);
    if (isLead) {
      const ofLead = this.membersByLead.get(who) ?? [];
      ofLead.push(member);
      this.membersByLead.set(who, ofLead);
    }
    return member;
  }

  /** Neither a customer nor in an open new-business deal. */
  private isAvailable(account: AccountRecord, now: Moment): boolean {
    return !account.isCustomer && !account.isPartner && account.openDealUntil < now;
  }

  private pickProspect(now: Moment): AccountRecord | null {
    for (let attempt = 0; attempt < 12 && this.prospects.length > 0; attempt++) {
      const account = this.random.pick(this.prospects);
      if (this.isAvailable(account, now) && account.createdAt < now) return account;
    }
    return null;
  }

  private newCompany(segmentMix: readonly number[], random: Random): Company {
    const segment = random.weighted(SEGMENTS.map((s, i) => [s, segmentMix[i]] as const));
    const [low, high] = SEGMENT_PROFILES[segment].employees;
    const employees = Math.floor(Math.exp(random.between(Math.log(low), Math.log(high + 1))));
    const country = random.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
    const { name, domain } = randomCompanyName(random, country);
    return {
      name,
      domain,
      industry: random.chance(0.05) ? null : random.weighted(INDUSTRIES),
      country: random.chance(0.03) ? null : country.name,
      employees,
      annualRevenueCents: random.chance(0.1) ? null : Math.max(1, Math.round((employees * random.between(90_000, 320_000)) / 100_000)) * 100_000_00,
      segment,
    };
  }

  /** Work email at the company's domain; a few people type theirs with capitals. */
  private emailAt(person: Person, domain: string): string {
    const email = `${emailLocalPart(person)}@${domain}`;
    return this.random.chance(0.03) ? email.charAt(0).toUpperCase() + email.slice(1) : email;
  }
}

/** Monthly price in cents, rounded to $25 and at least $100. */
function roundMrr(dollars: number): number {
  return Math.max(4, Math.round(dollars / 25)) * 25_00;
}

function mrrOn(spell: CustomerSpell, day: Day): number {
  return spell.subscriptions.reduce((sum, s) => (s.startDay <= day ? sum + s.mrrCents : sum), 0);
}

/** The whole second `fraction` of the way from `from` to `to`. */
function partWay(from: Moment, to: Moment, fraction: number): Moment {
  return from + Math.round((fraction * (to - from)) / 1000) * 1000;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** What happens next: callbacks ordered by moment, ties in the order they were added. */
class Agenda {
  private readonly heap: { at: Moment; order: number; run: (now: Moment) => void }[] = [];
  private added = 0;

  add(at: Moment, run: (now: Moment) => void): void {
    const heap = this.heap;
    heap.push({ at, order: this.added++, run });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Runs everything due up to and including `until`, in order; later items are left unrun. */
  runUntil(until: Moment): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0].at <= until) {
      const next = heap[0];
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
          if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
          if (smallest === i) break;
          [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
          i = smallest;
        }
      }
      next.run(next.at);
    }
  }
}

function before(a: { at: Moment; order: number }, b: { at: Moment; order: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

/** Salesforce numbers records in the order they were created; billing numbers subscriptions as they start. */
function assignIds(company: SampleCompany): void {
  numberInOrder(company.users, 'User', (user) => user.createdAt);
  numberInOrder(company.accounts, 'Account', (account) => account.createdAt);
  numberInOrder(company.contacts, 'Contact', (contact) => contact.createdAt);
  numberInOrder(company.leads, 'Lead', (lead) => lead.createdAt);
  numberInOrder(company.campaigns, 'Campaign', (campaign) => campaign.createdAt);
  numberInOrder(company.members, 'CampaignMember', (member) => member.createdAt);
  numberInOrder(company.opportunities, 'Opportunity', (opportunity) => opportunity.createdAt);
  numberInOrder(company.stageHistory, 'OpportunityHistory', (entry) => entry.enteredAt);
  company.subscriptions.sort((a, b) => a.startDay - b.startDay);
  company.subscriptions.forEach((subscription, i) => (subscription.id = `SUB-${String(i + 1).padStart(6, '0')}`));
}

function numberInOrder<T extends { id: string }>(records: T[], object: SalesforceObject, createdAt: (record: T) => Moment): void {
  records.sort((a, b) => createdAt(a) - createdAt(b));
  records.forEach((record, i) => (record.id = salesforceId(object, i)));
}
