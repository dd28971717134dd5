import { connectorFor, connectorTypes } from '../../connectors/index.ts';
import { secretOptionNames } from '../../connectors/options.ts';
import type { Connector } from '../../connectors/types.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { configProblems, type SourceConfig } from '../workspace/config.ts';
import { expandEnvInValue, hasEnvReference } from '../workspace/secrets.ts';

/** A source from bizops.yml, with its connector and its options validated, references and secrets filled in. */
export interface ResolvedSource {
  name: string;
  config: SourceConfig;
  connector: Connector;
  options: Record<string, unknown>;
}

export function sourceConfig(context: WorkbenchContext, name: string): SourceConfig {
  const config = context.workspace.config.sources[name];
  if (!config) throw noSuchSource(context, name);
  return config;
}

/** A source name bizops.yml does not declare; the hint lists those it does, or says how to add one. */
export function noSuchSource(context: WorkbenchContext, name: string, whenNone = 'Declare sources under `sources:` in bizops.yml.'): WorkbenchError {
  const known = Object.keys(context.workspace.config.sources);
  return new WorkbenchError({
    code: 'not_found',
    message: `There is no source named "${name}".`,
    where: context.workspace.configFile,
    hint: known.length > 0 ? `Sources in this workspace: ${known.join(', ')}.` : whenNone,
  });
}

/** A source's type must be a known connector's: said with the line of bizops.yml, without loading the connector. */
export function assertKnownType(context: WorkbenchContext, name: string, config: SourceConfig): void {
  if (connectorTypes().includes(config.type)) return;
  throw new WorkbenchError({
    code: 'config_invalid',
    message: `Source "${name}" has the unknown type "${config.type}".`,
    where: context.workspace.locate(['sources', name, 'type']),
    hint: `Known types: ${connectorTypes().join(', ')}.`,
  });
}

export async function connectorForSource(context: WorkbenchContext, name: string, config: SourceConfig): Promise<Connector> {
  assertKnownType(context, name, config);
  return (await connectorFor(config.type))!;
}

export async function resolveSource(context: WorkbenchContext, name: string): Promise<ResolvedSource> {
  const { workspace, secrets } = context;
  const config = sourceConfig(context, name);
  const connector = await connectorForSource(context, name, config);
  const optionsPath = ['sources', name, 'options'];
  const secretNames = secretOptionNames(connector.options);
  for (const secret of secretNames) {
    const written = config.options[secret];
    if (written !== undefined && !(typeof written === 'string' && hasEnvReference(written))) {
      throw new WorkbenchError({
        code: 'secret_in_config',
        message: `The ${secret} of source "${name}" is a secret and must not be written in bizops.yml.`,
        where: workspace.locate([...optionsPath, secret]),
        hint: `Remove it, and provide it through ${secrets.describe(name, secret)} instead.`,
      });
    }
  }
  const expanded = expandEnvInValue(config.options, (path) => workspace.locate([...optionsPath, ...path])) as Record<
    string,
    unknown
  >;
  for (const secret of secretNames) {
    if (expanded[secret] === undefined) {
      const value = await secrets.get(name, secret);
      if (value !== undefined) expanded[secret] = value;
    }
  }
  const parsed = connector.options.safeParse(expanded);
  if (!parsed.success) {
    const missingSecret = parsed.error.issues.find(
      (issue) => issue.path.length === 1 && secretNames.includes(String(issue.path[0])) && expanded[String(issue.path[0])] === undefined,
    );
    if (missingSecret) {
      const secret = String(missingSecret.path[0]);
      throw new WorkbenchError({
        code: 'secret_missing',
        message: `Source "${name}" needs its ${secret}.`,
        where: workspace.locate(['sources', name]),
        hint: `Provide it through ${secrets.describe(name, secret)}.`,
      });
    }
    throw configProblems(parsed.error.issues, connector.options, optionsPath, workspace.configLocator,
      `Fix the options of source "${name}" (type ${config.type}); \`bizops sources\` describes them.`);
  }
  return { name, config, connector, options: parsed.data as Record<string, unknown> };
}
