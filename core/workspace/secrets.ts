import { WorkbenchError } from '../errors.ts';

/**
 * Where secret options (passwords, tokens) come from: the OS keychain in the desktop app, environment
 * variables in the CLI. Secrets never live in the workspace folder.
 */
export interface SecretStore {
  get(scope: string, key: string): Promise<string | undefined>;
  /** Tells a person where to put the secret, e.g. "the BIZOPS_SALESFORCE_PASSWORD environment variable". */
  describe(scope: string, key: string): string;
  /** Keeps a secret, where the store can (the keychain); environment variables are set outside the app. */
  set?(scope: string, key: string, value: string): Promise<void>;
  delete?(scope: string, key: string): Promise<void>;
}

/** `BIZOPS_<SCOPE>_<KEY>`, upper-cased, with anything but letters and digits as "_". */
export function secretEnvName(scope: string, key: string): string {
  const part = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
  return `BIZOPS_${part(scope)}_${part(key)}`;
}

export class EnvSecretStore implements SecretStore {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async get(scope: string, key: string): Promise<string | undefined> {
    const value = this.env[secretEnvName(scope, key)];
    return value === undefined || value === '' ? undefined : value;
  }

  describe(scope: string, key: string): string {
    return `the ${secretEnvName(scope, key)} environment variable`;
  }
}

const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function hasEnvReference(value: string): boolean {
  return new RegExp(ENV_REFERENCE.source).test(value);
}

/** Replace `${env:NAME}` references; a missing variable is an error naming where the reference is. */
export function expandEnvReferences(value: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(ENV_REFERENCE, (_match, name: string) => {
    const resolved = env[name];
    if (resolved === undefined) {
      throw new WorkbenchError({
        code: 'config_invalid',
        message: `The environment variable ${name} is not set.`,
        where,
        hint: `Set ${name} before running, or replace the \${env:${name}} reference in bizops.yml.`,
      });
    }
    return resolved;
  });
}

/** Expand references in every string of a plain JSON-like value, naming `where(path)` on failure. */
export function expandEnvInValue(
  value: unknown,
  where: (path: PropertyKey[]) => string,
  env: NodeJS.ProcessEnv = process.env,
  path: PropertyKey[] = [],
): unknown {
  if (typeof value === 'string') return expandEnvReferences(value, where(path), env);
  if (Array.isArray(value)) return value.map((item, i) => expandEnvInValue(item, where, env, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandEnvInValue(item, where, env, [...path, key])]),
    );
  }
  return value;
}
