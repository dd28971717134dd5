import { describe, expect, it } from 'vitest';
import { caseSafeSuffix, salesforceId } from './salesforceIds.ts';

describe('salesforceId', () => {
  it('appends the case-safe suffix Salesforce documents for 15-character ids', () => {
    expect(caseSafeSuffix('001A0000006Vm9r')).toBe('IAC');
    expect(caseSafeSuffix('003000000000000')).toBe('AAA');
    expect(caseSafeSuffix('ABCDEABCDEABCDE')).toBe('555');
  });

  it('gives each object its key prefix, 18 characters, and ids that sort in creation order', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => salesforceId('Opportunity', i * 977));
    expect(ids.every((id) => /^006[0-9A-Za-z]{15}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(salesforceId('Lead', 0).slice(0, 3)).toBe('00Q');
    expect(salesforceId('CampaignMember', 0).slice(0, 3)).toBe('00v');
  });
});
