import { describe, expect, it } from 'vitest';
import { tableNameFor } from './naming.ts';

describe('tableNameFor', () => {
  it('turns objects, files and streams into snake_case table names', () => {
    expect(tableNameFor('Opportunity')).toBe('opportunity');
    expect(tableNameFor('OpportunityHistory')).toBe('opportunity_history');
    expect(tableNameFor('CampaignMember.csv')).toBe('campaign_member');
    expect(tableNameFor('Invoice__c')).toBe('invoice__c');
    expect(tableNameFor('Sales Targets.csv')).toBe('sales_targets');
    expect(tableNameFor('marketing_spend.csv.gz')).toBe('marketing_spend');
    expect(tableNameFor('HTTPLog')).toBe('http_log');
    expect(tableNameFor('2024-orders.parquet')).toBe('t_2024_orders');
  });
});
