import { salesforceConnector } from '../../salesforce/salesforce.ts';
import type { ConformanceSubject } from '../conformance.ts';
import { FakeSalesforce } from '../fakeSalesforce.ts';
import { FAKE_LOGIN, standardOrg } from '../salesforceOrg.ts';

/** The Salesforce connector against the fake org, through the REST API or the Bulk API 2.0. */
export function salesforceSubject(queryApi: 'rest' | 'bulk'): ConformanceSubject {
  return {
    name: `salesforce (${queryApi === 'rest' ? 'REST API' : 'Bulk API 2.0'})`,
    connector: salesforceConnector,
    credentials: true,
    async start() {
      const fake = await FakeSalesforce.start(standardOrg({ restBatchSize: 2, bulkPageSize: 2 }));
      const options = { login_url: fake.url, username: FAKE_LOGIN.username, query_api: queryApi };
      const secrets = { password: FAKE_LOGIN.password, security_token: FAKE_LOGIN.securityToken };
      const contacts = () => fake.objects.get('Contact')!.records;
      let added = 0;
      return {
        options,
        secrets,
        tables: ['Contact'],
        table: 'contact',
        keyColumn: 'Id',
        valueColumn: 'Title',
        async expected() {
          return Object.fromEntries(contacts().filter((record) => record.IsDeleted !== true).map((record) => [String(record.Id), String(record.Title)]));
        },
        async change() {
          fake.update('Contact', String(contacts()[0].Id), { Title: 'Chief Revenue Officer' });
          fake.insert('Contact', { ...contacts()[1], Id: `003NEW${String(++added).padStart(9, '0')}AAA`, Title: 'New hire' });
        },
        async remove() {
          fake.delete('Contact', String(contacts()[1].Id));
        },
        badCredentials: () => ({ options, secrets: { ...secrets, password: 'not the password' } }),
        async failMidway() {
          // Contact lands inside the sync's transaction, then Opportunity is refused.
          fake.failNext(/Opportunity/, 400, [{ errorCode: 'INVALID_FIELD', message: "No such column 'Amount' on entity 'Opportunity'." }], 1000);
          return { options, secrets, tables: ['Contact', 'Opportunity'] };
        },
        async recover() {
          fake.clearFailures();
        },
        stop: () => fake.close(),
      };
    },
  };
}
