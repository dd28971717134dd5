/**
 * Salesforce field types and the DuckDB types they land as. The live connector maps describe() results with
 * `duckdbTypeForField`; the files connector's `salesforce_export` mode uses the same mapping with the known
 * types of the standard objects below, so both land the same tables and columns.
 */
export type SalesforceFieldType =
  | 'id' | 'reference' | 'string' | 'textarea' | 'picklist' | 'multipicklist' | 'combobox' | 'email' | 'phone'
  | 'url' | 'encryptedstring' | 'boolean' | 'int' | 'long' | 'double' | 'currency' | 'percent' | 'date'
  | 'datetime' | 'time' | 'base64' | 'anyType' | 'address' | 'location';

export function duckdbTypeForField(type: SalesforceFieldType | string, scale = 2): string {
  switch (type) {
    case 'boolean':
      return 'BOOLEAN';
    case 'int':
      return 'INTEGER';
    case 'long':
      return 'BIGINT';
    case 'double':
    case 'percent':
      return 'DOUBLE';
    case 'currency':
      return `DECIMAL(18,${scale})`;
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'TIMESTAMP';
    case 'time':
      return 'TIME';
    case 'base64':
      return 'BLOB';
    default:
      return 'VARCHAR';
  }
}

const audit = {
  Id: 'id',
  IsDeleted: 'boolean',
  CreatedDate: 'datetime',
  CreatedById: 'reference',
  LastModifiedDate: 'datetime',
  LastModifiedById: 'reference',
  SystemModstamp: 'datetime',
} as const;

/** The standard fields of the objects the shared data model reads (shared/data-model.md), with their types. */
export const STANDARD_OBJECT_FIELDS: Record<string, Record<string, SalesforceFieldType>> = {
  User: { ...audit, Name: 'string', FirstName: 'string', LastName: 'string', Email: 'email', Username: 'string', Title: 'string', IsActive: 'boolean', UserRoleId: 'reference', ManagerId: 'reference' },
  Account: {
    ...audit, Name: 'string', Type: 'picklist', Industry: 'picklist', BillingCountry: 'string', BillingState: 'string',
    BillingCity: 'string', NumberOfEmployees: 'int', AnnualRevenue: 'currency', OwnerId: 'reference', ParentId: 'reference',
    Website: 'url', Phone: 'phone',
  },
  Contact: {
    ...audit, AccountId: 'reference', FirstName: 'string', LastName: 'string', Name: 'string', Email: 'email',
    Title: 'string', LeadSource: 'picklist', OwnerId: 'reference', Phone: 'phone',
  },
  Lead: {
    ...audit, FirstName: 'string', LastName: 'string', Name: 'string', Email: 'email', Company: 'string', Title: 'string',
    LeadSource: 'picklist', Status: 'picklist', Industry: 'picklist', Country: 'string', NumberOfEmployees: 'int',
    IsConverted: 'boolean', ConvertedDate: 'date', ConvertedAccountId: 'reference', ConvertedContactId: 'reference',
    ConvertedOpportunityId: 'reference', OwnerId: 'reference',
  },
  Campaign: {
    ...audit, Name: 'string', Type: 'picklist', Status: 'picklist', StartDate: 'date', EndDate: 'date',
    BudgetedCost: 'currency', ActualCost: 'currency', ExpectedRevenue: 'currency', IsActive: 'boolean', ParentId: 'reference',
    OwnerId: 'reference',
  },
  CampaignMember: {
    ...audit, CampaignId: 'reference', LeadId: 'reference', ContactId: 'reference', Status: 'picklist',
    HasResponded: 'boolean', FirstRespondedDate: 'date',
  },
  Opportunity: {
    ...audit, AccountId: 'reference', Name: 'string', Type: 'picklist', StageName: 'picklist', Amount: 'currency',
    Probability: 'percent', ExpectedRevenue: 'currency', CloseDate: 'date', LeadSource: 'picklist', CampaignId: 'reference',
    OwnerId: 'reference', IsClosed: 'boolean', IsWon: 'boolean', ForecastCategory: 'picklist', ForecastCategoryName: 'picklist',
    NextStep: 'string', Description: 'textarea',
  },
  OpportunityHistory: {
    ...audit, OpportunityId: 'reference', StageName: 'picklist', Amount: 'currency', ExpectedRevenue: 'currency',
    CloseDate: 'date', Probability: 'percent', ForecastCategory: 'picklist',
  },
};

/** The DuckDB type of a known field of a standard object, or undefined for fields not listed (e.g. custom ones). */
export function knownFieldType(object: string, field: string): string | undefined {
  const type = STANDARD_OBJECT_FIELDS[object]?.[field];
  return type && duckdbTypeForField(type);
}

/** A field as describe() reports it (the parts this workbench reads). */
