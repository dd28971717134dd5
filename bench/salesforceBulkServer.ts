import { FakeSalesforce } from '../connectors/testkit/fakeSalesforce.ts';
import { generatedOpportunities, standardOrg } from '../connectors/testkit/salesforceOrg.ts';

/**
 * The fake Salesforce org for bench/salesforceBulk.ts, in a process of its own so that the benchmark measures
 * (and its peak RSS counts) only the sync. Argument: how many Opportunity records the org holds.
 */
const count = Number(process.argv[2] ?? 1_000_000);
const org = standardOrg({ bulkPageSize: 100_000, restBatchSize: 2000, reuseBulkResults: true, apiLimit: 10_000_000 });
org.objects = [...org.objects.filter((object) => object.name !== 'Opportunity'), generatedOpportunities(count)];
const fake = await FakeSalesforce.start(org);
process.stdout.write(`${fake.url}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
