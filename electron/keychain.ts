import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { safeStorage as SafeStorage } from 'electron';
import { WorkbenchError } from '../core/errors.ts';
import type { SecretStore } from '../core/workspace/secrets.ts';
import { writeFileAtomic } from '../core/workspace/workspace.ts';

type Vault = Record<string, Record<string, string>>;

/** Where the app keeps a source's secret, as the Sources page tells it. */
export function keychainLocation(scope: string, key: string): string {
  return `the app's keychain (Sources › ${scope} › ${key})`;
}

/**
 * Secrets encrypted with the OS keychain (Electron safeStorage: Keychain, DPAPI, libsecret), kept in the app's
 * data folder, outside every workspace. Only ciphertext touches the disk.
 */
export class KeychainSecretStore implements SecretStore {
  private readonly file: string;

  constructor(
    private readonly safeStorage: typeof SafeStorage,
    dataDir: string,
  ) {
    this.file = join(dataDir, 'secrets.json');
  }

  async get(scope: string, key: string): Promise<string | undefined> {
    const sealed = this.read()[scope]?.[key];
    if (sealed === undefined) return undefined;
    this.requireKeychain();
    return this.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(scope: string, key: string, value: string): Promise<void> {
    this.requireKeychain();
    const vault = this.read();
    vault[scope] = { ...vault[scope], [key]: this.safeStorage.encryptString(value).toString('base64') };
    await this.write(vault);
  }

  async delete(scope: string, key: string): Promise<void> {
    const vault = this.read();
    if (!vault[scope]) return;
    delete vault[scope][key];
    await this.write(vault);
  }

  describe(scope: string, key: string): string {
    return keychainLocation(scope, key);
  }

  private requireKeychain(): void {
    if (this.safeStorage.isEncryptionAvailable() && this.safeStorage.getSelectedStorageBackend?.() !== 'basic_text') return;
    throw new WorkbenchError({
      code: 'keychain_unavailable',
      message: 'This system offers no keychain to keep secrets encrypted.',
      hint:
        'On Linux, install and unlock a Secret Service (GNOME Keyring or KWallet); or run the `bizops` CLI with ' +
        'BIZOPS_<SOURCE>_<OPTION> environment variables instead.',
    });
  }

  private read(): Vault {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Vault) : {};
  }

  private async write(vault: Vault): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(vault, null, 2));
  }
}
