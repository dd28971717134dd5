import { filesConnectorCsv } from './filesConnector.ts';
import { firstPageThroughHost } from './firstPage.ts';
import { runBenchmarks } from './harness.ts';

/** `npm run bench [-- NAME…]`: every benchmark, or those whose names contain one of the arguments. */
await runBenchmarks([firstPageThroughHost, filesConnectorCsv], process.argv.slice(2));
