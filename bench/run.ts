import { filesConnectorCsv } from './filesConnector.ts';
import { firstPageThroughHost } from './firstPage.ts';
import { runBenchmarks } from './harness.ts';
import { modelBuild } from './modelBuild.ts';
import { sampleGeneration } from './sampleGeneration.ts';

/** `npm run bench [-- NAME…]`: every benchmark, or those whose names contain one of the arguments. */
await runBenchmarks([firstPageThroughHost, filesConnectorCsv, sampleGeneration, modelBuild], process.argv.slice(2));
