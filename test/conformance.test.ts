import { conformanceSuite } from '../connectors/testkit/conformance.ts';
import { filesSubject } from '../connectors/testkit/subjects/files.ts';
import { postgresSubject } from '../connectors/testkit/subjects/postgres.ts';
import { salesforceSubject } from '../connectors/testkit/subjects/salesforce.ts';
import { singerSubject } from '../connectors/testkit/subjects/singer.ts';
import { coreSyncHarness } from './syncHarness.ts';

conformanceSuite(filesSubject, coreSyncHarness);
conformanceSuite(salesforceSubject('rest'), coreSyncHarness);
conformanceSuite(salesforceSubject('bulk'), coreSyncHarness);
conformanceSuite(singerSubject, coreSyncHarness);
conformanceSuite(postgresSubject, coreSyncHarness);
