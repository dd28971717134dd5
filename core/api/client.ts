import type { WorkbenchApi } from './contract.ts';
import { ApiError, type Envelope } from './envelope.ts';
import type { EventListener } from './events.ts';

/** How a client reaches the engine: Electron IPC, HTTP to the browser host, or a direct call in tests. */
export interface Transport {
  invoke(method: string, arg: unknown): Promise<Envelope>;
  subscribe(listener: EventListener): () => void;
}

export type WorkbenchClient = WorkbenchApi & { subscribe(listener: EventListener): () => void };

/** A typed proxy over a transport: `client.runQuery({ sql })` resolves with the value or throws ApiError. */
export function createClient(transport: Transport): WorkbenchClient {
  const call = (method: string) => async (arg: unknown) => {
    const envelope = await transport.invoke(method, arg ?? {});
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value;
  };
  return new Proxy({} as WorkbenchClient, {
    get(_target, name) {
      if (name === 'subscribe') return transport.subscribe.bind(transport);
      // Not a thenable: awaiting the client itself must not call a method named "then".
      if (typeof name !== 'string' || name === 'then') return undefined;
      return call(name);
    },
  });
}
