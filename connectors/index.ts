import { filesConnector } from './files/files.ts';
import { postgresConnector } from './postgres/postgres.ts';
import { salesforceConnector } from './salesforce/salesforce.ts';
import { singerConnector } from './singer/singer.ts';
import type { Connector } from './types.ts';

/** Options reach a connector only after its own schema validated them, so its list can forget their types. */
function register<Options extends Record<string, unknown>>(connector: Connector<Options>): Connector {
  return connector as unknown as Connector;
}

/** The built-in connectors, by the `type:` a source gives in bizops.yml. */
export const builtInConnectors: Connector[] = [register(filesConnector), register(salesforceConnector), register(singerConnector), register(postgresConnector)];

export function connectorFor(type: string): Connector | undefined {
  return builtInConnectors.find((connector) => connector.type === type);
}
