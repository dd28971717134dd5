import type { Stage } from './assumptions.ts';
import { DAY_MS, EXPORTED_AT, type Moment } from './calendar.ts';
import type { CampaignMemberRecord, LeadRecord, OpportunityRecord, StageEntry } from './model.ts';

/** How records look when the export is taken: plans made for later have not happened yet. */

export function happened(moment: Moment | null): moment is Moment {
  return moment !== null && moment <= EXPORTED_AT;
}

export interface OpportunityState {
  stages: StageEntry[];
  stage: Stage;
  isClosed: boolean;
  isWon: boolean;
  modifiedAt: Moment;
}

export function opportunityAtExport(opportunity: OpportunityRecord): OpportunityState {
  const stages = opportunity.stages.filter((entry) => entry.enteredAt <= EXPORTED_AT);
  const last = stages[stages.length - 1];
  const isClosed = last.stage === 'Closed Won' || last.stage === 'Closed Lost';
  return { stages, stage: last.stage, isClosed, isWon: last.stage === 'Closed Won', modifiedAt: opportunity.deletedAt ?? last.enteredAt };
}

export interface LeadState {
  status: 'Open - Not Contacted' | 'Working - Contacted' | 'Closed - Converted' | 'Closed - Not Converted';
  modifiedAt: Moment;
}

/** Leads that stop moving are closed as not converted after a while; the rest are still being worked. */
export function leadAtExport(lead: LeadRecord): LeadState {
  if (lead.converted) return { status: 'Closed - Converted', modifiedAt: lead.deletedAt ?? lead.converted.at };
  const lastStep = [lead.sqlAt, lead.mqlAt, lead.createdAt].find(happened) as Moment;
  const giveUpAfterDays = happened(lead.sqlAt) ? 14 : happened(lead.mqlAt) ? 45 : 60;
  const stillMoving = (lead.mqlAt !== null && !happened(lead.mqlAt)) || (lead.sqlAt !== null && !happened(lead.sqlAt)) || (lead.convertAt !== null);
  const closedAt = lastStep + giveUpAfterDays * DAY_MS;
  if (!stillMoving && closedAt <= EXPORTED_AT) return { status: 'Closed - Not Converted', modifiedAt: lead.deletedAt ?? closedAt };
  const contactedAt = lead.createdAt + 2 * DAY_MS;
  if (lastStep === lead.createdAt && contactedAt > EXPORTED_AT) return { status: 'Open - Not Contacted', modifiedAt: lead.deletedAt ?? lead.createdAt };
  return { status: 'Working - Contacted', modifiedAt: lead.deletedAt ?? Math.max(lastStep, Math.min(contactedAt, EXPORTED_AT)) };
}

export interface MemberState {
  status: string;
  respondedAt: Moment | null;
  modifiedAt: Moment;
}

export function memberAtExport(member: CampaignMemberRecord): MemberState {
  const respondedAt = happened(member.respondedAt) ? member.respondedAt : null;
  const convertedAt = member.lead?.converted && member.contact ? member.lead.converted.at : null;
  return {
    status: member.statuses[respondedAt === null ? 0 : 1],
    respondedAt,
    modifiedAt: member.deletedAt ?? Math.max(member.createdAt, respondedAt ?? 0, convertedAt ?? 0),
  };
}
