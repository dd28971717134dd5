import { z } from 'zod';
import { method } from './method.ts';

/** A source as bizops.yml declares it, for an edit form; secret values never leave the engine. */
export interface SourceSettingsInfo {
  name: string;
  type: string;
  /** The non-secret options as written in bizops.yml (`${env:…}` references unexpanded). */
  options: Record<string, unknown>;
  /** The source's `tables:`, or null when it syncs its default tables. */
  tables: string[] | null;
  /** Each secret option: whether a value is available, and where it is kept. */
  secrets: { option: string; set: boolean; where: string }[];
}

export interface SecretStorageInfo {
  /** Whether the app can keep secrets (the desktop keychain); the CLI and browser host read environment variables. */
  writable: boolean;
  /** Where each secret option of such a source is kept, e.g. "the BIZOPS_CRM_PASSWORD environment variable". */
  locations: Record<string, string>;
}

const sourceName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_", starting with a letter');

export const sourcesConfigMethods = {
  sourceSettings: method<SourceSettingsInfo>()('A source\'s settings from bizops.yml, secrets masked.', z.object({ name: sourceName }).strict()),
  secretStorage: method<SecretStorageInfo>()(
    'Whether secrets can be kept by the app, and where the secrets of a source of this type are kept.',
    z.object({ source: sourceName, type: z.string().min(1) }).strict(),
  ),
  saveSource: method<{ name: string; secretsStored: string[] }>()(
    'Add or change a source in bizops.yml (comments and order kept); secrets go to the secret store, never the file.',
    z
      .object({
        name: sourceName,
        type: z.string().min(1),
        /** True to add a new source: refused when the name is taken. */
        create: z.boolean().default(false),
        options: z.record(z.string(), z.unknown()).default({}),
        /** Tables to sync; null to sync the connector's defaults; absent to leave them as they are. */
        tables: z.array(z.string().min(1)).nullable().optional(),
        /** Secret options to keep; an empty string removes one. */
        secrets: z.record(z.string(), z.string()).default({}),
      })
      .strict(),
  ),
  removeSource: method<{ removed: boolean }>()(
    'Remove a source from bizops.yml, with its secrets where the store can; its synced tables stay until dropped.',
    z.object({ name: sourceName }).strict(),
  ),
};
