import type { Connector } from './types.ts';

/** Options reach a connector only after its own schema validated them, so its list can forget their types. */
function register<Options extends Record<string, unknown>>(connector: Connector<Options>): Connector {
  return connector as unknown as Connector;
}

/**
 * The built-in connectors, by the `type:` a source gives in bizops.yml. Each is loaded when a source of its type is
 * used, so syncing files never loads the Salesforce or Postgres client libraries.
 */
const builtIn = new Map<string, () => Promise<Connector>>([
  ['files', async () => register((await import('./files/files.ts')).filesConnector)],
  ['salesforce', async () => register((await import('./salesforce/salesforce.ts')).salesforceConnector)],
  ['postgres', async () => register((await import('./postgres/postgres.ts')).postgresConnector)],
  ['singer', async () => register((await import('./singer/singer.ts')).singerConnector)],
]);

/** Connectors added while running (a test's own, for instance), found before the built-in ones. */
export const addedConnectors: Connector[] = [];

export function connectorTypes(): string[] {
  return [...addedConnectors.map((connector) => connector.type), ...builtIn.keys()];
}

export async function connectorFor(type: string): Promise<Connector | undefined> {
  return addedConnectors.find((connector) => connector.type === type) ?? (await builtIn.get(type)?.());
}

export async function allConnectors(): Promise<Connector[]> {
  return [...addedConnectors, ...(await Promise.all([...builtIn.values()].map((load) => load())))];
}
