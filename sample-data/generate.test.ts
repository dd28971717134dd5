import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleCompany, type SampleCounts } from './generate.ts';
import { caseSafeSuffix, KEY_PREFIXES } from './salesforceIds.ts';
import { openSampleData, SALESFORCE_OBJECTS } from './testing.ts';

/** Big enough for the story to show through the noise, small enough to generate in about a second. */
const SCALE = 0.25;

let root: string;
let counts: SampleCounts;
let data: Awaited<ReturnType<typeof openSampleData>>;
const dataDir = () => join(root, 'data');
const one = async <T = Record<string, unknown>>(sql: string) => (await data.query<T>(sql))[0];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bizops-sample-'));
  counts = await generateSampleCompany({ dir: root, scale: SCALE });
  data = await openSampleData(dataDir());
});

afterAll(async () => {
  data?.close();
  await rm(root, { recursive: true, force: true });
});

describe('the Salesforce Data Export files', () => {
  it('quote every value and the header, end lines with \\n and hold UTF-8 text', async () => {
    for (const object of SALESFORCE_OBJECTS) {
      const text = await readFile(join(dataDir(), 'salesforce', `${object}.csv`), 'utf8');
      expect(text.charCodeAt(0), object).not.toBe(0xfeff);
      expect(text, object).not.toContain('\r');
      expect(text.endsWith('\n'), object).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      expect(lines[0], object).toMatch(/^"Id","IsDeleted",/);
      const quotedFields = /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/;
      expect(lines.filter((line) => !quotedFields.test(line)), object).toEqual([]);
      // Salesforce writes datetimes to the second.
      expect([...text.matchAll(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d{3})Z"/g)].filter((m) => m[1] !== '000'), object).toEqual([]);
    }
    const names = await data.query<{ FirstName: string }>("SELECT DISTINCT FirstName FROM Lead WHERE FirstName IN ('José', 'Søren', 'Łukasz', 'Zoë')");
    expect(names.length).toBeGreaterThan(0);
  });

  it('read into typed columns with DuckDB: dates, datetimes, booleans, numbers, doubled quotes and empty values', async () => {
    const types = async (object: string) =>
      Object.fromEntries((await data.query<{ column_name: string; column_type: string }>(`DESCRIBE sf_${object}`)).map((c) => [c.column_name, c.column_type]));
    expect(await types('Opportunity')).toMatchObject({
      Id: 'VARCHAR', IsDeleted: 'BOOLEAN', CreatedDate: 'TIMESTAMP WITH TIME ZONE', CloseDate: 'DATE', Amount: 'DOUBLE',
      Probability: 'BIGINT', IsClosed: 'BOOLEAN', IsWon: 'BOOLEAN', StageName: 'VARCHAR',
    });
    expect(await types('Lead')).toMatchObject({ MQL_Date__c: 'DATE', SQL_Date__c: 'DATE', ConvertedDate: 'DATE', IsConverted: 'BOOLEAN' });
    expect(await types('Campaign')).toMatchObject({ StartDate: 'DATE', BudgetedCost: 'DOUBLE', IsActive: 'BOOLEAN' });
    expect(await types('Account')).toMatchObject({ NumberOfEmployees: 'BIGINT', AnnualRevenue: 'DOUBLE' });
    const webinar = await one<{ Name: string }>("SELECT Name FROM Campaign WHERE Name LIKE 'Webinar: \"%' ORDER BY Name LIMIT 1");
    expect(webinar.Name).toMatch(/^Webinar: "[^"]+"/);
    const unconverted = await one<{ n: number; withOpportunity: number }>(
      'SELECT count(*) AS n, count(ConvertedOpportunityId) AS withOpportunity FROM Lead WHERE NOT IsConverted',
    );
    expect(unconverted.n).toBeGreaterThan(0);
    expect(unconverted.withOpportunity).toBe(0);
    const amount = await readFile(join(dataDir(), 'salesforce', 'Opportunity.csv'), 'utf8');
    expect(amount).toMatch(/,"\d+\.\d{2}","(?:10|20|40|60|80|100|0)",/);
  });

  it('use 18-character ids with the real key prefixes and case-safe suffixes', async () => {
    for (const object of SALESFORCE_OBJECTS) {
      const ids = (await data.query<{ Id: string }>(`SELECT Id FROM sf_${object}`)).map((row) => row.Id);
      expect(new Set(ids).size, object).toBe(ids.length);
      for (const id of ids.slice(0, 500)) {
        expect(id, object).toMatch(new RegExp(`^${KEY_PREFIXES[object]}[0-9A-Za-z]{15}$`));
        expect(id.slice(15), object).toBe(caseSafeSuffix(id.slice(0, 15)));
      }
    }
  });

  it('include a handful of deleted rows (users are deactivated instead)', async () => {
    for (const object of SALESFORCE_OBJECTS) {
      const { deleted } = await one<{ deleted: number }>(`SELECT count(*) FILTER (WHERE IsDeleted) AS deleted FROM sf_${object}`);
      if (object === 'User') expect(deleted).toBe(0);
      else expect(deleted, object).toBeGreaterThanOrEqual(2);
      expect(deleted, object).toBeLessThan(20);
    }
    expect((await one<{ inactive: number }>('SELECT count(*) FILTER (WHERE NOT IsActive) AS inactive FROM "User"')).inactive).toBeGreaterThan(0);
  });

  it('has the volumes of the requested scale', () => {
    expect(counts.leads).toBeGreaterThanOrEqual(50_000 * SCALE);
    expect(counts.accounts).toBeGreaterThan(5_000 * SCALE * 0.8);
    expect(counts.accounts).toBeLessThan(5_000 * SCALE * 1.2);
    expect(counts.opportunities).toBeGreaterThan(12_000 * SCALE * 0.8);
    expect(counts.opportunities).toBeLessThan(12_000 * SCALE * 1.2);
    expect(Math.abs(counts.productEvents - 1_000_000 * SCALE)).toBeLessThan(1_000_000 * SCALE * 0.01);
  });
});

describe('the billing, ads, plan and product files', () => {
  it('subscriptions: plain CSV, MRR with two decimals, dates, an empty end date while active', async () => {
    const text = await readFile(join(dataDir(), 'billing', 'subscriptions.csv'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('subscription_id,account_id,plan,mrr,currency,start_date,end_date');
    expect(lines[1]).toMatch(/^SUB-\d{6},001\w{15},[A-Za-z -]+,\d+\.\d\d,USD,\d{4}-\d\d-\d\d,(\d{4}-\d\d-\d\d)?$/);
    const summary = await one<{ active: number; ended: number }>(
      'SELECT count(*) FILTER (WHERE end_date IS NULL) AS active, count(*) FILTER (WHERE end_date > start_date) AS ended FROM subscriptions',
    );
    expect(summary.active).toBeGreaterThan(0);
    expect(summary.ended).toBeGreaterThan(0);
  });

  it('marketing spend: paid channels only, one row per day, channel and campaign, some without a campaign', async () => {
    const channels = (await data.query<{ channel: string }>('SELECT DISTINCT channel FROM spend ORDER BY 1')).map((row) => row.channel);
    expect(channels).toEqual(['Content', 'Events', 'Paid Search', 'Paid Social', 'Partner']);
    const rows = await one<{ n: number; keys: number; withoutCampaign: number; negative: number }>(`
      SELECT count(*) AS n, count(DISTINCT (spend_date, channel, coalesce(campaign_id, ''))) AS keys,
             count(*) FILTER (WHERE campaign_id IS NULL) AS withoutCampaign, count(*) FILTER (WHERE amount <= 0) AS negative FROM spend`);
    expect(rows.keys).toBe(rows.n);
    expect(rows.withoutCampaign).toBeGreaterThan(0);
    expect(rows.negative).toBe(0);
  });

  it('sales targets: one per quarter, the end exclusive, into next year', async () => {
    const targets = await data.query<{ gap: number; days: number }>(
      'SELECT period_end - period_start AS days, period_start - lag(period_end) OVER (ORDER BY period_start) AS gap FROM targets',
    );
    expect(targets).toHaveLength(16);
    expect(targets.every((t) => t.days >= 90 && t.days <= 92)).toBe(true);
    expect(targets.slice(1).every((t) => t.gap === 0)).toBe(true);
  });

  it('product events: Parquet parts with the documented columns', async () => {
    const files = await readdir(join(dataDir(), 'product', 'events'));
    expect(files.length).toBe(counts.productEventFiles);
    expect(files.every((file) => /^part-\d{4}\.parquet$/.test(file))).toBe(true);
    const columns = await data.query<{ column_name: string; column_type: string }>('DESCRIBE events');
    expect(columns.map((c) => [c.column_name, c.column_type])).toEqual([
      ['occurred_at', 'TIMESTAMP'], ['account_id', 'VARCHAR'], ['user_id', 'VARCHAR'], ['event_name', 'VARCHAR'], ['feature', 'VARCHAR'],
    ]);
    const summary = await one<{ n: number; first: Date; last: Date; noFeature: number }>(
      'SELECT count(*) AS n, min(occurred_at) AS first, max(occurred_at) AS last, count(*) FILTER (WHERE feature IS NULL) AS noFeature FROM events',
    );
    expect(summary.n).toBe(counts.productEvents);
    expect(summary.first.getTime()).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
    expect(summary.last.getTime()).toBeLessThan(Date.UTC(2026, 0, 1));
    expect(summary.noFeature).toBeGreaterThan(0);
  });
});

describe('every reference', () => {
  const references = [
    ['Account', 'OwnerId', 'User'], ['Contact', 'AccountId', 'Account'], ['Lead', 'OwnerId', 'User'],
    ['Lead', 'ConvertedAccountId', 'Account'], ['Lead', 'ConvertedContactId', 'Contact'], ['Lead', 'ConvertedOpportunityId', 'Opportunity'],
    ['CampaignMember', 'CampaignId', 'Campaign'], ['CampaignMember', 'LeadId', 'Lead'], ['CampaignMember', 'ContactId', 'Contact'],
    ['Opportunity', 'AccountId', 'Account'], ['Opportunity', 'CampaignId', 'Campaign'], ['Opportunity', 'OwnerId', 'User'],
    ['OpportunityHistory', 'OpportunityId', 'Opportunity'], ['subscriptions', 'account_id', 'Account'], ['spend', 'campaign_id', 'Campaign'],
    ['events', 'account_id', 'Account'],
  ] as const;

  it('points at an existing row: live rows at live rows, deleted rows at rows in the export', async () => {
    for (const [child, column, parent] of references) {
      const live = await one<{ n: number; dangling: number }>(
        `SELECT count(c.${column}) AS n, count(*) FILTER (WHERE c.${column} IS NOT NULL AND p.Id IS NULL) AS dangling
         FROM "${child}" c LEFT JOIN "${parent}" p ON p.Id = c.${column}`,
      );
      expect(live.dangling, `${child}.${column} → ${parent}`).toBe(0);
      expect(live.n, `${child}.${column} is used`).toBeGreaterThan(0);
      if (!['subscriptions', 'spend', 'events'].includes(child)) {
        const all = await one<{ dangling: number }>(
          `SELECT count(*) FILTER (WHERE c.${column} IS NOT NULL AND p.Id IS NULL) AS dangling FROM sf_${child} c LEFT JOIN sf_${parent} p ON p.Id = c.${column}`,
        );
        expect(all.dangling, `deleted ${child}.${column} → ${parent}`).toBe(0);
      }
    }
    const memberless = await one<{ n: number }>('SELECT count(*) AS n FROM sf_CampaignMember WHERE LeadId IS NULL AND ContactId IS NULL');
    expect(memberless.n).toBe(0);
  });
});

describe('the company', () => {
  it('converts leads into their account, contact and opportunity, after they qualified', async () => {
    const converted = await one<{ n: number; wrong: number; withOpportunity: number }>(`
      SELECT count(*) AS n, count(o.Id) AS withOpportunity,
             count(*) FILTER (WHERE c.AccountId <> l.ConvertedAccountId OR o.AccountId <> l.ConvertedAccountId OR o.LeadSource <> l.LeadSource
               OR l.MQL_Date__c > l.SQL_Date__c OR l.SQL_Date__c > l.ConvertedDate OR l.ConvertedDate < CAST(l.CreatedDate AS DATE)
               OR l.Status <> 'Closed - Converted' OR CAST(o.CreatedDate AS DATE) <> l.ConvertedDate) AS wrong
      FROM Lead l JOIN Contact c ON c.Id = l.ConvertedContactId LEFT JOIN Opportunity o ON o.Id = l.ConvertedOpportunityId
      WHERE l.IsConverted`);
    expect(converted.n).toBeGreaterThan(500);
    expect(converted.withOpportunity).toBeGreaterThan(converted.n * 0.7);
    expect(converted.wrong).toBe(0);
  });

  it('starts a subscription with MRR = ARR / 12 on the close date of every won new-business deal, and only then', async () => {
    const check = await one<{ won: number; unmatched: number; orphans: number }>(`
      WITH won AS (SELECT * FROM Opportunity WHERE IsWon AND Type = 'New Customer'),
           base AS (SELECT * FROM subscriptions WHERE plan <> 'Add-on seats')
      SELECT (SELECT count(*) FROM won) AS won,
             (SELECT count(*) FROM won o WHERE NOT EXISTS (
                SELECT 1 FROM base s WHERE s.account_id = o.AccountId AND s.start_date = o.CloseDate AND s.mrr * 12 = o.Amount)) AS unmatched,
             (SELECT count(*) FROM base s WHERE NOT EXISTS (
                SELECT 1 FROM won o WHERE s.account_id = o.AccountId AND s.start_date = o.CloseDate)) AS orphans`);
    expect(check.won).toBeGreaterThan(200);
    expect(check.unmatched).toBe(0);
    expect(check.orphans).toBe(0);
  });

  it('raises MRR from the close date of won expansions, and renews on subscription anniversaries', async () => {
    const expansions = await one<{ won: number; unmatched: number }>(`
      SELECT count(*) AS won, count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM subscriptions s WHERE s.plan = 'Add-on seats' AND s.account_id = o.AccountId AND s.start_date = o.CloseDate AND s.mrr * 12 = o.Amount)) AS unmatched
      FROM Opportunity o WHERE IsWon AND Type = 'Existing Customer - Upgrade'`);
    expect(expansions.won).toBeGreaterThan(50);
    expect(expansions.unmatched).toBe(0);
    const renewals = await one<{ n: number; offAnniversary: number; lostWithoutEnd: number }>(`
      SELECT count(*) AS n,
             count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM subscriptions s, range(1, 4) r(k) WHERE s.plan <> 'Add-on seats' AND s.account_id = o.AccountId
                 AND CAST(s.start_date + to_years(CAST(k AS INTEGER)) AS DATE) = o.CloseDate)) AS offAnniversary,
             count(*) FILTER (WHERE IsClosed AND NOT IsWon AND NOT EXISTS (
               SELECT 1 FROM subscriptions s WHERE s.account_id = o.AccountId AND s.end_date = o.CloseDate)) AS lostWithoutEnd
      FROM Opportunity o WHERE Type = 'Existing Customer - Renewal'`);
    expect(renewals.n).toBeGreaterThan(100);
    expect(renewals.offAnniversary).toBe(0);
    expect(renewals.lostWithoutEnd).toBe(0);
  });

  it('records one history row per stage an opportunity passed, in order, ending at its current stage', async () => {
    const history = await one<{ opportunities: number; outOfOrder: number; wrongEnd: number; wonMissingStages: number }>(`
      WITH ordered AS (
        SELECT h.OpportunityId, list(h.StageName ORDER BY h.CreatedDate) AS stages
        FROM OpportunityHistory h GROUP BY 1)
      SELECT count(*) AS opportunities,
             count(*) FILTER (WHERE stages[1] <> 'Prospecting' OR list_filter(stages[:-2], s -> s LIKE 'Closed%') <> []
               OR list_sort(list_transform(stages, s -> list_position(['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'], s))) <>
                  list_transform(stages, s -> list_position(['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'], s))) AS outOfOrder,
             count(*) FILTER (WHERE stages[-1] <> o.StageName) AS wrongEnd,
             count(*) FILTER (WHERE o.IsWon AND len(stages) <> 6) AS wonMissingStages
      FROM ordered JOIN Opportunity o ON o.Id = ordered.OpportunityId`);
    expect(history.opportunities).toBe((await one<{ n: number }>('SELECT count(*) AS n FROM Opportunity')).n);
    expect(history).toMatchObject({ outOfOrder: 0, wrongEnd: 0, wonMissingStages: 0 });
  });

  it("credits opportunities to a campaign the account was touched by before the close, of the deal's channel", async () => {
    const campaigns = await one<{ n: number; untouched: number; otherChannel: number }>(`
      SELECT count(*) AS n,
             count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM CampaignMember m LEFT JOIN Contact c ON c.Id = m.ContactId LEFT JOIN Lead l ON l.Id = m.LeadId
               WHERE m.CampaignId = o.CampaignId AND coalesce(c.AccountId, l.ConvertedAccountId) = o.AccountId
                 AND CAST(m.CreatedDate AS DATE) <= o.CloseDate)) AS untouched,
             count(*) FILTER (WHERE o.LeadSource IS DISTINCT FROM k.Type) AS otherChannel
      FROM Opportunity o JOIN Campaign k ON k.Id = o.CampaignId`);
    expect(campaigns.n).toBeGreaterThan(500);
    expect(campaigns.untouched).toBe(0);
    expect(campaigns.otherChannel).toBe(0);
  });

  it('books campaign costs that add up to the spend rows', async () => {
    const costs = await one<{ paid: number; mismatched: number }>(`
      SELECT count(*) AS paid, count(*) FILTER (WHERE round(k.ActualCost, 2) <> round(s.total, 2)) AS mismatched
      FROM Campaign k JOIN (SELECT campaign_id, sum(amount) AS total FROM spend GROUP BY 1) s ON s.campaign_id = k.Id`);
    expect(costs.paid).toBeGreaterThan(50);
    expect(costs.mismatched).toBe(0);
  });

  it('has nothing created before the window or modified after the export', async () => {
    for (const object of SALESFORCE_OBJECTS) {
      const range = await one<{ first: Date; last: Date; backwards: number }>(
        `SELECT min(CreatedDate) AS first, max(LastModifiedDate) AS last, count(*) FILTER (WHERE LastModifiedDate < CreatedDate) AS backwards FROM sf_${object}`,
      );
      expect(range.first.getTime(), object).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
      expect(range.last.getTime(), object).toBeLessThanOrEqual(Date.UTC(2025, 11, 31, 23));
      expect(range.backwards, object).toBe(0);
    }
  });
});

describe('the story the metric packs tell', () => {
  const channelFunnel = () =>
    data.query<{ channel: string; leads: number; customerRate: number; costPerLead: number; winRate: number }>(`
      WITH funnel AS (
        SELECT l.LeadSource AS channel, count(*) AS leads, count(*) FILTER (WHERE o.IsWon) / count(*) AS customerRate,
               count(*) FILTER (WHERE o.IsWon) / nullif(count(*) FILTER (WHERE o.IsClosed), 0) AS winRate
        FROM Lead l LEFT JOIN Opportunity o ON o.Id = l.ConvertedOpportunityId GROUP BY 1)
      SELECT f.*, coalesce((SELECT sum(amount) FROM spend s WHERE s.channel = f.channel), 0) / f.leads AS costPerLead FROM funnel f`);

  it('Events leads cost more but turn into customers far more often than Paid Search leads', async () => {
    const byChannel = Object.fromEntries((await channelFunnel()).map((row) => [row.channel, row]));
    expect(byChannel['Events'].customerRate).toBeGreaterThan(2 * byChannel['Paid Search'].customerRate);
    expect(byChannel['Events'].costPerLead).toBeGreaterThan(2 * byChannel['Paid Search'].costPerLead);
  });

  it('Paid Search brings the most leads at a high cost; Content is cheap, Website and Outbound free; Partner deals win most often', async () => {
    const funnel = await channelFunnel();
    const byChannel = Object.fromEntries(funnel.map((row) => [row.channel, row]));
    expect(Math.max(...funnel.map((row) => row.leads))).toBe(byChannel['Paid Search'].leads);
    expect(byChannel['Paid Search'].costPerLead).toBeGreaterThan(3 * byChannel['Content'].costPerLead);
    expect(byChannel['Website'].costPerLead).toBe(0);
    expect(byChannel['Outbound'].costPerLead).toBe(0);
    expect(Math.max(...funnel.map((row) => row.winRate))).toBe(byChannel['Partner'].winRate);
  });

  it('sales cycles run about 30, 60 and 120 days by segment, and bigger companies win less often', async () => {
    const segments = Object.fromEntries(
      (
        await data.query<{ segment: string; cycle: number; winRate: number }>(`
          SELECT s.segment, median(o.CloseDate - CAST(o.CreatedDate AS DATE)) FILTER (WHERE o.IsWon) AS cycle,
                 count(*) FILTER (WHERE o.IsWon) / count(*) AS winRate
          FROM Opportunity o JOIN segments s ON s.account_id = o.AccountId
          WHERE o.Type = 'New Customer' AND o.IsClosed GROUP BY 1`)
      ).map((row) => [row.segment, row]),
    );
    expect(segments['SMB'].cycle).toBeGreaterThan(20);
    expect(segments['SMB'].cycle).toBeLessThan(40);
    expect(segments['Mid-Market'].cycle).toBeGreaterThan(45);
    expect(segments['Mid-Market'].cycle).toBeLessThan(75);
    expect(segments['Enterprise'].cycle).toBeGreaterThan(95);
    expect(segments['Enterprise'].cycle).toBeLessThan(145);
    expect(segments['SMB'].winRate).toBeGreaterThan(segments['Mid-Market'].winRate);
    expect(segments['Mid-Market'].winRate).toBeGreaterThan(segments['Enterprise'].winRate);
  });

  it('SMB customers churn more than bigger ones, and some churned customers come back', async () => {
    const churn = Object.fromEntries(
      (
        await data.query<{ smb: boolean; churnRate: number }>(`
          SELECT g.segment = 'SMB' AS smb, count(*) FILTER (WHERE s.end_date IS NOT NULL) / count(*) AS churnRate
          FROM subscriptions s JOIN segments g ON g.account_id = s.account_id
          WHERE s.plan <> 'Add-on seats' AND s.start_date < DATE '2024-10-01' GROUP BY 1`)
      ).map((row) => [row.smb ? 'SMB' : 'bigger', row.churnRate]),
    );
    expect(churn['SMB']).toBeGreaterThan(1.5 * churn['bigger']);
    const comeback = await one<{ reactivated: number }>(`
      SELECT count(DISTINCT later.account_id) AS reactivated FROM subscriptions earlier JOIN subscriptions later
        ON later.account_id = earlier.account_id AND later.start_date > earlier.end_date`);
    expect(comeback.reactivated).toBeGreaterThan(0);
  });

  it('shows usage falling in the 90 days before a subscription ends', async () => {
    const usage = await one<{ accounts: number; before: number; last30: number; usersBefore: number; usersLast30: number }>(`
      WITH ended AS (
        SELECT account_id, max(end_date) AS ends FROM subscriptions
        WHERE end_date <= DATE '2025-12-31' AND start_date <= end_date - 180 GROUP BY 1)
      SELECT count(DISTINCT e.account_id) AS accounts,
             count(*) FILTER (WHERE v.occurred_at >= e.ends - 150 AND v.occurred_at < e.ends - 120) AS before,
             count(*) FILTER (WHERE v.occurred_at >= e.ends - 30 AND v.occurred_at < e.ends) AS last30,
             count(DISTINCT v.user_id) FILTER (WHERE v.occurred_at >= e.ends - 150 AND v.occurred_at < e.ends - 120) AS usersBefore,
             count(DISTINCT v.user_id) FILTER (WHERE v.occurred_at >= e.ends - 30 AND v.occurred_at < e.ends) AS usersLast30
      FROM ended e JOIN events v USING (account_id)`);
    expect(usage.accounts).toBeGreaterThan(20);
    expect(usage.last30).toBeLessThan(usage.before / 2);
    expect(usage.usersLast30).toBeLessThan(usage.usersBefore / 2);
  });

  it('peaks bookings in Q4, dips leads in summer, and mostly but not always meets its targets', async () => {
    const quarters = await data.query<{ year: number; quarter: number; bookings: number; target: number }>(`
      SELECT year(o.CloseDate) AS year, quarter(o.CloseDate) AS quarter, sum(o.Amount) AS bookings, any_value(t.amount) AS target
      FROM Opportunity o JOIN targets t ON o.CloseDate >= t.period_start AND o.CloseDate < t.period_end
      WHERE o.IsWon AND o.Type <> 'Existing Customer - Renewal' GROUP BY ALL ORDER BY ALL`);
    for (const year of [2023, 2024, 2025]) {
      const ofYear = quarters.filter((q) => q.year === year);
      expect(Math.max(...ofYear.map((q) => q.bookings)), String(year)).toBe(ofYear.find((q) => q.quarter === 4)?.bookings);
    }
    const met = quarters.filter((q) => q.bookings >= q.target).length;
    expect(met).toBeGreaterThan(quarters.length / 2);
    expect(met).toBeLessThan(quarters.length);
    const months = await data.query<{ month: number; leads: number }>(
      'SELECT month(CreatedDate) AS month, count(*) AS leads FROM Lead WHERE year(CreatedDate) = 2024 GROUP BY 1',
    );
    const leadsIn = (month: number) => months.find((m) => m.month === month)?.leads ?? 0;
    expect(leadsIn(7) + leadsIn(8)).toBeLessThan(0.85 * (leadsIn(5) + leadsIn(6)));
  });
});
