import { filesConnectorCsv } from './filesConnector.ts';
import { firstPageThroughHost } from './firstPage.ts';
import { runBenchmarks } from './harness.ts';
import { modelBuild } from './modelBuild.ts';
import { packsForAYear } from './packs.ts';
import { postgresSource } from './postgresSource.ts';
import { pushToPostgres } from './push.ts';
import { salesforceBulk } from './salesforceBulk.ts';
import { sampleGeneration } from './sampleGeneration.ts';
import { uiFirstPage } from './uiFirstPage.ts';

/** `npm run bench [-- NAME…]`: every benchmark, or those whose names contain one of the arguments. */
await runBenchmarks([firstPageThroughHost, uiFirstPage, filesConnectorCsv, salesforceBulk, postgresSource, sampleGeneration, modelBuild, packsForAYear, pushToPostgres], process.argv.slice(2));
