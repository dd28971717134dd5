import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../core/api/envelope.ts';
import type { EventListener, WorkbenchEvent } from '../core/api/events.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';

/** The page gets `window.bizops.invoke` and `window.bizops.subscribe`, never ipcRenderer itself. */
contextBridge.exposeInMainWorld('bizops', {
  invoke: (method: string, arg: unknown): Promise<Envelope> => ipcRenderer.invoke(INVOKE_CHANNEL, method, arg),
  subscribe: (listener: EventListener): (() => void) => {
    const forward = (_event: IpcRendererEvent, payload: WorkbenchEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
});
