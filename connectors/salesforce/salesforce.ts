import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableNameFor } from '../naming.ts';
import { ConnectorError, type ColumnSpec, type Connector, type ExtractItem, type TableSpec } from '../types.ts';
import { columnsForFields } from './fields.ts';
import { explainSalesforceError } from './errors.ts';
import { salesforceOptions, type SalesforceOptions } from './options.ts';
import { SalesforceSession } from './session.ts';

/** The objects the shared data model reads (shared/data-model.md): synced when the source names no tables. */
export const DEFAULT_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityHistory', 'Campaign', 'CampaignMember', 'User'];

/** Fields that tell when a record last changed, best first: incremental syncs read records changed since. */
const CURSOR_FIELDS = ['SystemModstamp', 'LastModifiedDate', 'CreatedDate'];

/** Bulk API 2.0 CSV writes dates as 2024-01-31 and datetimes in UTC as 2024-01-31T17:45:00.000Z, like Data Export. */
const BULK_CSV = { nullString: '', dateFormat: '%Y-%m-%d', timestampFormat: '%Y-%m-%dT%H:%M:%S.%gZ' };

/** One sign-in per sync: core hands discover and every extract of a sync the same options object. */
const sessions = new WeakMap<SalesforceOptions, { signal: AbortSignal; session: Promise<SalesforceSession> }>();

function sessionFor(options: SalesforceOptions, signal: AbortSignal): Promise<SalesforceSession> {
  const cached = sessions.get(options);
  if (cached && cached.signal === signal) return cached.session;
  const session = SalesforceSession.open(options, signal);
  sessions.set(options, { signal, session });
  session.catch(() => sessions.delete(options));
  return session;
}

export interface SalesforceState {
  /** The field compared, and the org time from which the next sync reads changes. */
  cursorField: string;
  since: string;
}

/** A Salesforce org through its REST and Bulk API 2.0, with jsforce. */
export const salesforceConnector: Connector<SalesforceOptions> = {
  type: 'salesforce',
  title: 'Salesforce',
  description: 'Standard and custom objects of a Salesforce org, read through the REST API or the Bulk API 2.0.',
  options: salesforceOptions,
  capabilities: { incremental: true, deletes: true },

  async test(options, context) {
    try {
      const session = await SalesforceSession.open(options, context.signal);
      const limits = await session.limits();
      const daily = limits.DailyApiRequests;
      if (daily) context.log(`the org has ${daily.Remaining.toLocaleString('en-US')} of ${daily.Max.toLocaleString('en-US')} daily API requests left`);
      return true;
    } catch (error) {
      const explained = explainSalesforceError(error, options.login_url);
      return [explained.message, explained.hint].filter(Boolean).join(' ');
    }
  },

  async discover(options, context) {
    const session = await sessionFor(options, context.signal);
    const global = await session.describeGlobal();
    const objects = global.sobjects.filter((object) => object.queryable && object.retrieveable && !object.deprecatedAndHidden);
    // Describing every object of an org costs hundreds of calls: the default and custom objects now, others when synced.
    const detailed = objects.filter((object) => DEFAULT_OBJECTS.includes(object.name) || object.custom);
    const described = new Map<string, ColumnSpec[]>();
    await eachLimited(detailed, 4, async (object) => {
      described.set(object.name, columnsForFields((await session.describe(object.name)).fields));
    });
    const counts = await session.recordCounts(detailed.map((object) => object.name)).catch(() => new Map<string, number>());
    return objects.map((object): TableSpec => {
      const count = counts.get(object.name);
      return {
        name: tableNameFor(object.name),
        sourceName: object.name,
        description: object.label,
        columns: described.get(object.name) ?? [],
        primaryKey: ['Id'],
        selectedByDefault: DEFAULT_OBJECTS.includes(object.name),
        ...(count !== undefined && { rowCountEstimate: count }),
      };
    });
  },

  async *extract(options, request, context) {
    const session = await sessionFor(options, context.signal);
    const object = request.table.sourceName;
    const columns = request.table.columns.length > 0 ? request.table.columns : columnsForFields((await session.describe(object)).fields);
    const names = columns.map((column) => column.name);
    const types = Object.fromEntries(columns.map((column) => [column.name, column.type]));
    const cursorField = CURSOR_FIELDS.find((field) => names.includes(field));
    const previous = request.fullRefresh ? undefined : (request.state as SalesforceState | undefined);
    let since = cursorField && previous?.cursorField === cursorField ? previous.since : undefined;

    let deleted: string[] = [];
    if (since) {
      const found = await deletedSince(session, object, names, cursorField!, since);
      // Deletions older than Salesforce keeps a log of cannot be known: read the whole object again.
      if (found === 'too old') since = undefined;
      else deleted = found;
    }
    const filter = since ? ` WHERE ${cursorField} >= ${soqlDatetime(since)}` : '';
    const soql = `SELECT ${names.join(', ')} FROM ${object}${filter}`;
    const total = !since && request.table.rowCountEstimate !== undefined
      ? request.table.rowCountEstimate
      : await session.count(`SELECT COUNT() FROM ${object}${filter}`, object);
    context.progress(0, total);
    const bulk = options.query_api === 'bulk' || (options.query_api === 'auto' && total >= options.bulk_threshold);
    context.log(`${object}: reading ${since ? 'changes to ' : ''}about ${total.toLocaleString('en-US')} records through the ${bulk ? 'Bulk API 2.0' : 'REST API'}`);

    let newest = since;
    let read = 0;
    if (bulk) {
      let jobStarted: string | undefined;
      let index = 0;
      for await (const page of session.bulkQuery(soql, object, context.tempDir, (created) => (jobStarted = created))) {
        read += page.records;
        context.progress(read, Math.max(total, read));
        yield { kind: 'file', path: page.path, format: 'csv', csv: BULK_CSV, types, label: `${object} (Bulk API result page ${++index})` };
      }
      // Changes made while the job ran may be missing from it: the next sync reads from the job's start.
      if (jobStarted) newest = isoDatetime(jobStarted);
    } else {
      let index = 0;
      for await (const page of session.queryPages(soql, object)) {
        const path = join(context.tempDir, `${tableNameFor(object)}-rest-${index++}.ndjson`);
        let lines = '';
        for (const record of page.records) {
          lines += `${JSON.stringify(record)}\n`;
          const stamp = cursorField ? record[cursorField] : undefined;
          if (typeof stamp === 'string') {
            const iso = isoDatetime(stamp);
            if (!newest || iso > newest) newest = iso;
          }
        }
        await writeFile(path, lines);
        read += page.records.length;
        context.progress(read, Math.max(total, read));
        yield { kind: 'file', path, format: 'ndjson', types, label: `${object} (REST API page)` };
        await rm(path, { force: true });
      }
    }
    if (deleted.length > 0) yield { kind: 'deleted', keys: deleted.map((id) => [id]) } satisfies ExtractItem;
    return {
      mode: since ? 'changes' : 'snapshot',
      ...(cursorField && newest && { state: { cursorField, since: newest } satisfies SalesforceState }),
    };
  },
};

/** Ids deleted since `since`: from queryAll's recycle bin, or the getDeleted log for objects without IsDeleted. */
async function deletedSince(
  session: SalesforceSession,
  object: string,
  fields: string[],
  cursorField: string,
  since: string,
): Promise<string[] | 'too old'> {
  const ids: string[] = [];
  if (fields.includes('IsDeleted')) {
    const soql = `SELECT Id FROM ${object} WHERE IsDeleted = true AND ${cursorField} >= ${soqlDatetime(since)}`;
    for await (const page of session.queryPages(soql, object, { all: true })) {
      for (const record of page.records) ids.push(String(record.Id));
    }
    return ids;
  }
  const end = new Date().toISOString();
  try {
    const log = await session.call<{ deletedRecords: { id: string }[] }>(
      `${session.baseUrl}/sobjects/${object}/deleted/?start=${encodeURIComponent(since)}&end=${encodeURIComponent(end)}`,
      object,
    );
    return log.deletedRecords.map((record) => record.id);
  } catch (error) {
    if (error instanceof ConnectorError && /replication/i.test(error.message)) return 'too old';
    throw error;
  }
}

/** A SOQL datetime literal (whole seconds, UTC); rounding down only re-reads a few records, never skips one. */
function soqlDatetime(iso: string): string {
  return `${iso.slice(0, 19)}Z`;
}

/** `2024-01-15T10:30:00.000+0000` (REST) → `2024-01-15T10:30:00.000Z`. */
function isoDatetime(salesforce: string): string {
  return new Date(salesforce.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
