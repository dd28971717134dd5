import { createClient, type Transport, type WorkbenchClient } from '../../core/api/client.ts';
import type { Envelope } from '../../core/api/envelope.ts';
import type { EventListener } from '../../core/api/events.ts';
import { createHttpTransport } from '../../core/api/httpTransport.ts';
import { saveFile } from './saveFile.ts';

/** What Electron's preload exposes; nothing else of Electron reaches the page. */
interface DesktopBridge {
  invoke(method: string, arg: unknown): Promise<Envelope>;
  subscribe(listener: EventListener): () => void;
}

declare global {
  interface Window {
    bizops?: DesktopBridge;
  }
}

type ConnectionListener = (lost: boolean) => void;
const connectionListeners = new Set<ConnectionListener>();

/** Told when the host connection drops or returns (browser host only; IPC cannot drop). */
export function onConnectionChange(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

function pickTransport(): Transport {
  if (window.bizops) return window.bizops;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createHttpTransport({
    token,
    onConnectionChange: (lost) => connectionListeners.forEach((listener) => listener(lost)),
  });
}

export const api: WorkbenchClient = createClient(pickTransport());

/**
 * Download a file the API wrote (an export): from the browser host's download route, which checks the same token
 * as the API, or in the desktop app from its own `bizops://app/downloads/…`, where it asks where to save the file.
 */
export function download(path: string, fileName: string): boolean {
  saveFile(path, fileName);
  return true;
}
