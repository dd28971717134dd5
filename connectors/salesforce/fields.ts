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
export interface DescribedField {
  name: string;
  type: string;
  label?: string;
  scale?: number;
  precision?: number;
  /** Set on the components of an address or location field, naming that compound field. */
  compoundFieldName?: string | null;
}

/**
 * The columns an object lands with: every field in describe() order, in DuckDB types. Compound address and
 * location fields are expanded to their components (describe usually lists them too; missing ones are added),
 * and base64 fields are left out because no query API returns their content in bulk.
 */
export function columnsForFields(fields: DescribedField[]): { name: string; type: string; description?: string }[] {
  const listed = new Set(fields.map((field) => field.name));
  const columns: { name: string; type: string; description?: string }[] = [];
  const add = (name: string, type: string, description?: string) => {
    if (!columns.some((column) => column.name === name)) columns.push({ name, type, ...(description && { description }) });
  };
  for (const field of fields) {
    if (field.type === 'address' || field.type === 'location') {
      for (const component of compoundComponents(field)) {
        if (!listed.has(component.name)) add(component.name, duckdbTypeForField(component.type), field.label);
      }
      continue;
    }
    if (field.type === 'base64') continue;
    // Money is DECIMAL(18,2) as in Data Export files, with more decimals only where a field has them.
    add(field.name, duckdbTypeForField(field.type, Math.max(2, field.scale ?? 2)), field.label);
  }
  return columns;
}

/** BillingAddress → BillingStreet, BillingCity, …; Address → Street, …; Site__c (location) → Site__Latitude__s, …. */
function compoundComponents(field: DescribedField): { name: string; type: SalesforceFieldType }[] {
  if (field.type === 'location') {
    const base = field.name.replace(/__c$/, '');
    const custom = field.name.endsWith('__c');
    return [
      { name: custom ? `${base}__Latitude__s` : `${base.replace(/Location$/, '')}Latitude`, type: 'double' },
      { name: custom ? `${base}__Longitude__s` : `${base.replace(/Location$/, '')}Longitude`, type: 'double' },
    ];
  }
  const prefix = field.name.replace(/Address$/, '');
  return [
    { name: `${prefix}Street`, type: 'textarea' },
    { name: `${prefix}City`, type: 'string' },
    { name: `${prefix}State`, type: 'string' },
    { name: `${prefix}PostalCode`, type: 'string' },
    { name: `${prefix}Country`, type: 'string' },
    { name: `${prefix}Latitude`, type: 'double' },
    { name: `${prefix}Longitude`, type: 'double' },
    { name: `${prefix}GeocodeAccuracy`, type: 'picklist' },
  ];
}
