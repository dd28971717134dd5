import type { Envelope } from './envelope.ts';
import type { EventListener, WorkbenchEvent } from './events.ts';
import type { Transport } from './client.ts';
import { decodeFrame, FRAME_CONTENT_TYPE } from './wire.ts';

export const TOKEN_HEADER = 'x-bizops-token';
/** Where the browser host serves files the API wrote for downloading: `/downloads/<id>/<file>`. */
export const DOWNLOADS_PATH = '/downloads/';

export interface HttpTransportOptions {
  /** Origin of the browser host, e.g. `http://127.0.0.1:4123`; empty for the page's own origin. */
  baseUrl?: string;
  token: string;
  /** Told when the event stream drops (true) or comes back (false). */
  onConnectionChange?: (lost: boolean) => void;
}

/** The browser host's transport: `POST /api/<method>` answered with a frame, events over server-sent events. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl ?? '';
  return {
    async invoke(method, arg) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: options.token },
          body: JSON.stringify(arg ?? {}),
        });
      } catch (error) {
        options.onConnectionChange?.(true);
        return lostConnection(error);
      }
      if (response.headers.get('content-type') !== FRAME_CONTENT_TYPE) {
        return {
          ok: false,
          error: {
            code: response.status === 403 ? 'forbidden' : 'host_error',
            message: `The BizOps host refused the request (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`,
            hint: 'Open the address the host printed, including its ?token=…, in this browser.',
          },
        };
      }
      return decodeFrame(new Uint8Array(await response.arrayBuffer())) as Envelope;
    },
    subscribe: sharedEventStream(() => {
      if (typeof EventSource === 'undefined') return undefined;
      const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
      source.onerror = () => options.onConnectionChange?.(true);
      source.onopen = () => options.onConnectionChange?.(false);
      return source;
    }),
  };
}

/**
 * One event stream for every subscriber, open while anyone listens: each EventSource holds a connection, and a
 * browser gives a host only six, which the API calls need too.
 */
export function sharedEventStream(open: () => Pick<EventSource, 'onmessage' | 'close'> | undefined): (listener: EventListener) => () => void {
  const listeners = new Set<EventListener>();
  let source: Pick<EventSource, 'onmessage' | 'close'> | undefined;
  return (listener) => {
    listeners.add(listener);
    if (!source) {
      source = open();
      if (source) {
        source.onmessage = (message: { data: string }) => {
          const event = JSON.parse(message.data) as WorkbenchEvent;
          for (const each of [...listeners]) each(event);
        };
      }
    }
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      source?.close();
      source = undefined;
    };
  };
}

function lostConnection(error: unknown): Envelope {
  return {
    ok: false,
    error: {
      code: 'disconnected',
      message: `Lost the connection to the BizOps host: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Check that `bizops serve` (or `npm start`) is still running, then reload the page.',
    },
  };
}
