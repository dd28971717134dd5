import { STANDARD_OBJECT_FIELDS, type DescribedField } from '../salesforce/fields.ts';
import type { FakeObject, FakeOrgOptions, FakeRecord, FakeValue } from './fakeSalesforce.ts';

/** Credentials the fake org accepts. */
export const FAKE_LOGIN = {
  username: 'ann@example.com',
  password: 'correct horse',
  securityToken: 'TOKEN123',
  clientId: '3MVG9fake.client',
  clientSecret: 'fake-client-secret',
  refreshToken: '5Aep861fakeRefresh',
};

const PREFIX: Record<string, string> = {
  Account: '001', Contact: '003', Lead: '00Q', Opportunity: '006', OpportunityHistory: '008', Campaign: '701',
  CampaignMember: '00v', User: '005', Invoice__c: 'a01',
};

export function fakeId(object: string, n: number): string {
  return `${PREFIX[object] ?? 'a00'}${String(n).padStart(12, '0')}AAA`;
}

const ADDRESS_PARTS: [string, string][] = [
  ['Street', 'textarea'], ['City', 'string'], ['State', 'string'], ['PostalCode', 'string'], ['Country', 'string'],
  ['Latitude', 'double'], ['Longitude', 'double'], ['GeocodeAccuracy', 'picklist'],
];

/** The standard objects' fields as describe() lists them: Account's billing address as compound field and components. */
export function standardFields(object: string): DescribedField[] {
  const fields: DescribedField[] = Object.entries(STANDARD_OBJECT_FIELDS[object]).map(([name, type]) => ({ name, type, label: name }));
  if (object === 'Account') {
    fields.push({ name: 'BillingAddress', type: 'address', label: 'Billing Address' });
    for (const [part, type] of ADDRESS_PARTS) {
      if (!fields.some((field) => field.name === `Billing${part}`)) fields.push({ name: `Billing${part}`, type, compoundFieldName: 'BillingAddress' });
    }
    fields.find((field) => field.name === 'AnnualRevenue')!.scale = 0;
  }
  return fields;
}

/** A value of a field's type for the n-th record, made up but believable. */
function valueFor(object: string, field: DescribedField, n: number, stamp: string): FakeValue {
  if (field.name === 'Id') return fakeId(object, n);
  if (field.name === 'IsDeleted') return false;
  if (['CreatedDate', 'LastModifiedDate', 'SystemModstamp'].includes(field.name)) return stamp;
  if (field.name.endsWith('ById') || field.name === 'OwnerId') return fakeId('User', 1 + (n % 3));
  switch (field.type) {
    case 'reference': {
      const target = field.name.replace(/Id$/, '').replace(/^Converted/, '');
      return target in PREFIX ? fakeId(target, 1 + (n % 3)) : null;
    }
    case 'boolean':
      return n % 2 === 0;
    case 'int':
      return 10 * n;
    case 'double':
    case 'percent':
      return Math.round(n * 12.5 * 100) / 100 % 100;
    case 'currency':
      return 1000 * n + 0.5;
    case 'date':
      return `2024-0${1 + (n % 9)}-1${n % 10}`;
    case 'datetime':
      return stamp;
    case 'email':
      return `person${n}@example.com`;
    case 'address':
    case 'location':
      return null;
    default:
      return `${field.name} ${n}`;
  }
}

export function fakeRecord(object: string, fields: DescribedField[], n: number, stamp: string, overrides: FakeRecord = {}): FakeRecord {
  const record: FakeRecord = {};
  for (const field of fields) record[field.name] = valueFor(object, field, n, stamp);
  return { ...record, ...overrides };
}

/**
 * A small org: the data model's eight standard objects with three records each (some fields left empty), and a
 * custom object Invoice__c with a geolocation field. Every record was last changed at 2024-06-01T10:00:00Z.
 */
export function standardOrg(overrides: Partial<FakeOrgOptions> = {}): FakeOrgOptions {
  const stamp = '2024-06-01T10:00:00.000Z';
  const objects: FakeObject[] = Object.keys(STANDARD_OBJECT_FIELDS).map((name) => {
    const fields = standardFields(name);
    return { name, fields, records: [1, 2, 3].map((n) => fakeRecord(name, fields, n, stamp)) };
  });
  const opportunity = objects.find((object) => object.name === 'Opportunity')!;
  Object.assign(opportunity.records[2], { Amount: null, NextStep: null, Description: 'Two lines,\n"quoted" and, with commas' });
  const invoiceFields: DescribedField[] = [
    { name: 'Id', type: 'id' },
    { name: 'IsDeleted', type: 'boolean' },
    { name: 'Name', type: 'string' },
    { name: 'Account__c', type: 'reference' },
    { name: 'Total__c', type: 'currency', scale: 2 },
    { name: 'Due__c', type: 'date' },
    { name: 'Site__c', type: 'location', label: 'Site' },
    { name: 'Site__Latitude__s', type: 'double', compoundFieldName: 'Site__c' },
    { name: 'Site__Longitude__s', type: 'double', compoundFieldName: 'Site__c' },
    { name: 'Scan__c', type: 'base64' },
    { name: 'CreatedDate', type: 'datetime' },
    { name: 'SystemModstamp', type: 'datetime' },
  ];
  objects.push({
    name: 'Invoice__c',
    label: 'Invoice',
    custom: true,
    fields: invoiceFields,
    records: [1, 2].map((n) => fakeRecord('Invoice__c', invoiceFields, n, stamp, { Account__c: fakeId('Account', n), Site__Latitude__s: 52.52, Site__Longitude__s: 13.405 })),
  });
  return { ...FAKE_LOGIN, objects, ...overrides };
}

/** `count` Opportunity records made on the fly, as a large org would hold them. */
export function generatedOpportunities(count: number): FakeObject {
  const fields = standardFields('Opportunity');
  const stamp = '2024-06-01T10:00:00.000Z';
  const stages = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
  return {
    name: 'Opportunity',
    fields,
    records: [],
    generated: {
      count,
      record: (i) => {
        const stage = stages[i % stages.length];
        return {
          Id: fakeId('Opportunity', i + 1), IsDeleted: false, CreatedDate: stamp, CreatedById: fakeId('User', 1 + (i % 40)),
          LastModifiedDate: stamp, LastModifiedById: fakeId('User', 1 + (i % 40)), SystemModstamp: stamp,
          AccountId: fakeId('Account', 1 + (i % 50_000)), Name: `Deal ${i + 1}`, Type: i % 3 === 0 ? 'New Business' : 'Renewal',
          StageName: stage, Amount: ((i * 7919) % 250_000) + 0.5, Probability: (i % 10) * 10, ExpectedRevenue: ((i * 7919) % 250_000) / 2,
          CloseDate: `202${3 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          LeadSource: i % 4 === 0 ? 'Web' : 'Partner', CampaignId: i % 5 === 0 ? fakeId('Campaign', 1 + (i % 30)) : null,
          OwnerId: fakeId('User', 1 + (i % 40)), IsClosed: stage.startsWith('Closed'), IsWon: stage === 'Closed Won',
          ForecastCategory: 'Pipeline', ForecastCategoryName: 'Pipeline', NextStep: i % 7 === 0 ? 'Call back' : null,
          Description: i % 11 === 0 ? 'Renewal with "expansion", multi-year' : null,
        };
      },
    },
  };
}

/** The object's live records as Salesforce's Data Export writes them: every field quoted, empty for null. */
export function dataExportCsv(object: FakeObject): string {
  const fields = object.fields.filter((field) => !['address', 'location', 'base64'].includes(field.type)).map((field) => field.name);
  const quote = (value: FakeValue | undefined) => `"${value === null || value === undefined ? '' : String(value).replaceAll('"', '""')}"`;
  const lines = object.records.filter((record) => record.IsDeleted !== true).map((record) => fields.map((field) => quote(record[field])).join(','));
  return `${fields.map((field) => quote(field)).join(',')}\n${lines.join('\n')}\n`;
}
