import { readFile } from 'node:fs/promises';
import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';
import { connectorFor, connectorTypes } from '../../connectors/index.ts';
import { secretOptionNames } from '../../connectors/options.ts';
import type { Connector } from '../../connectors/types.ts';
import type { HandlersOf } from '../api/method.ts';
import type { sourcesConfigMethods } from '../api/sourcesConfig.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { noSuchSource } from '../sync/sources.ts';
import { parseWorkspaceConfig } from './config.ts';
import { hasEnvReference } from './secrets.ts';
import { writeFileAtomic } from './workspace.ts';

/** Adding, editing and removing sources: bizops.yml edited in place (comments and order kept), secrets to the store. */
export function sourcesConfigHandlers(context: WorkbenchContext): HandlersOf<typeof sourcesConfigMethods> {
  const { workspace, secrets } = context;

  return {
    async sourceSettings({ name }) {
      const config = workspace.config.sources[name];
      if (!config) throw noSuchSource(context, name, 'Add one first.');
      const connector = await knownConnector(config.type);
      const options = { ...config.options };
      const secretList = await Promise.all(
        secretOptionNames(connector.options).map(async (option) => {
          const written = options[option];
          const referenced = typeof written === 'string' && hasEnvReference(written);
          return { option, set: referenced || (await secrets.get(name, option)) !== undefined, where: referenced ? 'a ${env:…} reference in bizops.yml' : secrets.describe(name, option) };
        }),
      );
      return { name, type: config.type, options, tables: config.tables ?? null, secrets: secretList };
    },

    async secretStorage({ source, type }) {
      const connector = await knownConnector(type);
      return {
        writable: typeof secrets.set === 'function',
        locations: Object.fromEntries(secretOptionNames(connector.options).map((option) => [option, secrets.describe(source, option)])),
      };
    },

    async saveSource({ name, type, create, options, tables, secrets: given }) {
      const connector = await knownConnector(type);
      const secretNames = secretOptionNames(connector.options);
      checkOptions(connector, options, secretNames);
      for (const option of Object.keys(given)) {
        if (!secretNames.includes(option)) {
          throw new WorkbenchError({ code: 'invalid_argument', message: `${option} is not a secret option of ${connector.title} sources.`, hint: 'Give it as an ordinary option.' });
        }
      }
      const storing = Object.entries(given);
      if (storing.length > 0 && !secrets.set) {
        throw new WorkbenchError({
          code: 'secrets_not_storable',
          message: 'This BizOps Workbench reads secrets from environment variables and cannot store them.',
          where: name,
          hint: `Set ${storing.map(([option]) => secrets.describe(name, option)).join(' and ')} before starting it, or use the desktop app, which keeps secrets in the keychain.`,
        });
      }

      const document = await loadDocument(context);
      const exists = workspace.config.sources[name] !== undefined;
      if (create && exists) {
        throw new WorkbenchError({ code: 'already_exists', message: `A source named "${name}" already exists.`, where: workspace.locate(['sources', name]), hint: 'Choose another name, or edit that source.' });
      }
      if (!create && !exists) throw noSuchSource(context, name, 'Add one first.');
      writeSource(document, name, type, cleanOptions(options), tables);
      await saveDocument(context, document);

      for (const [option, value] of storing) {
        if (value === '') await secrets.delete?.(name, option);
        else await secrets.set!(name, option, value);
      }
      context.events.emit({ type: 'catalog.changed' });
      return { name, secretsStored: storing.filter(([, value]) => value !== '').map(([option]) => option) };
    },

    async removeSource({ name }) {
      const config = workspace.config.sources[name];
      if (!config) throw noSuchSource(context, name, 'Add one first.');
      const document = await loadDocument(context);
      document.deleteIn(['sources', name]);
      const sources = document.get('sources', true);
      if (isMap(sources) && sources.items.length === 0) sources.flow = true;
      await saveDocument(context, document);
      const connector = await connectorFor(config.type);
      if (connector && secrets.delete) for (const option of secretOptionNames(connector.options)) await secrets.delete(name, option);
      return { removed: true };
    },
  };
}

async function knownConnector(type: string): Promise<Connector> {
  const connector = await connectorFor(type);
  if (!connector) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `There is no connector of type "${type}".`,
      hint: `Known types: ${connectorTypes().join(', ')}.`,
    });
  }
  return connector;
}

/** Options a form left blank are not written; everything else must satisfy the connector (secrets aside). */
function cleanOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function checkOptions(connector: Connector, options: Record<string, unknown>, secretNames: string[]): void {
  const cleaned = cleanOptions(options);
  for (const secret of secretNames) {
    const value = cleaned[secret];
    if (value !== undefined && !(typeof value === 'string' && hasEnvReference(value))) {
      throw new WorkbenchError({
        code: 'secret_in_config',
        message: `The ${secret} is a secret and is never written to bizops.yml.`,
        hint: 'Give it as a secret, kept in the keychain or an environment variable.',
      });
    }
  }
  const withoutSecrets = connector.options.partial(Object.fromEntries(secretNames.map((secret) => [secret, true])) as Record<string, true>);
  const parsed = withoutSecrets.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `The options are not valid for a ${connector.title} source: ${problems.join('; ')}.`,
      hint: 'Correct the options named and save again.',
      details: { problems },
    });
  }
}

async function loadDocument(context: WorkbenchContext): Promise<Document> {
  return parseDocument(await readFile(context.workspace.configFile, 'utf8'));
}

/** The new bizops.yml is checked as a whole before it replaces the old one: a bad edit loses nothing. */
async function saveDocument(context: WorkbenchContext, document: Document): Promise<void> {
  const text = document.toString();
  parseWorkspaceConfig(text, context.workspace.configFile);
  await writeFileAtomic(context.workspace.configFile, text);
  await context.workspace.reload();
}

function writeSource(document: Document, name: string, type: string, options: Record<string, unknown>, tables: string[] | null | undefined): void {
  let sources = document.get('sources', true);
  if (!isMap(sources)) {
    document.set('sources', document.createNode({}));
    sources = document.get('sources', true);
  }
  (sources as YAMLMap).flow = false;
  const path = ['sources', name];
  if (!document.hasIn(path)) {
    document.setIn(path, document.createNode({ type }));
  } else {
    document.setIn([...path, 'type'], type);
  }
  if (Object.keys(options).length === 0) {
    document.deleteIn([...path, 'options']);
  } else {
    if (!isMap(document.getIn([...path, 'options'], true))) document.setIn([...path, 'options'], document.createNode({}));
    const current = document.getIn([...path, 'options'], true) as YAMLMap;
    current.flow = false;
    for (const item of [...current.items]) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!(key in options)) current.delete(key);
    }
    for (const [key, value] of Object.entries(options)) {
      const existing = current.get(key, true);
      if (isScalar(existing) && existing.value === value) continue;
      current.set(key, document.createNode(value));
    }
  }
  if (tables === null) document.deleteIn([...path, 'tables']);
  else if (tables !== undefined) {
    const list = document.createNode(tables);
    list.flow = true;
    document.setIn([...path, 'tables'], list);
  }
}
