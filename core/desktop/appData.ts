import { homedir } from 'node:os';
import { join } from 'node:path';

/** The desktop app's product name, which names its data folder on every OS. */
export const PRODUCT_NAME = 'BizOps Workbench';

/**
 * The app's own data folder (recent workspaces, window state, log, the keychain-sealed secrets), the one
 * Electron calls userData: `~/.config/BizOps Workbench` on Linux, `~/Library/Application Support/…` on macOS,
 * `%APPDATA%\…` on Windows. `bizops serve` keeps its recent workspaces there too; BIZOPS_APP_DATA moves it.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BIZOPS_APP_DATA) return env.BIZOPS_APP_DATA;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), PRODUCT_NAME);
}
