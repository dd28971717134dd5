import { DAY_MS, EXPORTED_AT, type Moment } from './calendar.ts';
import type { OpportunityRecord, SampleCompany } from './model.ts';
import type { Random } from './random.ts';
import { holderAt } from './team.ts';

/**
 * Salesforce exports include records in the recycle bin. A handful per object: duplicates someone created and
 * deleted. They point only at live records, and nothing live points at them.
 */
export function addDeletedRecords(company: SampleCompany, scale: number, random: Random): void {
  const handful = Math.max(2, Math.round(5 * Math.sqrt(scale)));
  const createdAfter = (moment: Moment) => Math.min(EXPORTED_AT - 2 * DAY_MS, moment + random.int(1, 20) * DAY_MS);
  const deletedAfter = (moment: Moment) => Math.min(EXPORTED_AT, moment + random.int(3600, 20 * 86_400) * 1000);
  const live = <T extends { deletedAt: Moment | null }>(records: T[]) => records.filter((record) => record.deletedAt === null);
  const accounts = live(company.accounts).filter((account) => !account.isPartner);
  const contacts = live(company.contacts);
  const leads = live(company.leads);
  const campaigns = live(company.campaigns).filter((campaign) => !campaign.planned);

  for (let i = 0; i < handful; i++) {
    const original = random.pick(accounts);
    const createdAt = createdAfter(original.createdAt);
    company.accounts.push({ ...original, id: '', createdAt, modifiedAt: createdAt, isCustomer: false, wasCustomer: false, contacts: [], deletedAt: deletedAfter(createdAt) });

    const contact = random.pick(contacts);
    const contactCreatedAt = createdAfter(contact.createdAt);
    company.contacts.push({ ...contact, id: '', createdAt: contactCreatedAt, deletedAt: deletedAfter(contactCreatedAt) });

    const lead = random.pick(leads);
    const leadCreatedAt = createdAfter(lead.createdAt);
    company.leads.push({ ...lead, id: '', createdAt: leadCreatedAt, mqlAt: null, sqlAt: null, convertAt: null, converted: null, account: null, deletedAt: deletedAfter(leadCreatedAt) });

    const account = random.pick(accounts);
    const openedAt = createdAfter(account.createdAt);
    const amountCents = random.int(20, 400) * 300_00;
    const opportunity: OpportunityRecord = {
      id: '', account, name: `${account.company.name} - New Business`, kind: 'newBusiness', amountCents,
      closeDay: Math.floor(openedAt / DAY_MS) + 30, leadSource: null, campaign: null, owner: holderAt(account.repSeat, openedAt),
      createdAt: openedAt, stages: [], deletedAt: deletedAfter(openedAt),
    };
    opportunity.stages.push({ id: '', opportunity, stage: 'Prospecting', enteredAt: openedAt, amountCents, closeDay: opportunity.closeDay, deletedAt: opportunity.deletedAt });
    company.opportunities.push(opportunity);

    const campaign = random.pick(campaigns);
    const campaignCreatedAt = createdAfter(campaign.createdAt);
    company.campaigns.push({ ...campaign, id: '', createdAt: campaignCreatedAt, weight: 0, budgetedCents: null, actualCents: null, leadCount: 0, deletedAt: deletedAfter(campaignCreatedAt) });

    const member = random.pick(leads);
    const addedAt = createdAfter(Math.max(member.createdAt, campaign.createdAt));
    company.members.push({
      id: '', campaign, lead: member, contact: null, createdAt: addedAt, respondedAt: null, statuses: ['Sent', 'Responded'], deletedAt: deletedAfter(addedAt),
    });
  }
}
