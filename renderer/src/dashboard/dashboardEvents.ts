import { api } from '../api.ts';

type Listener = (file: string) => void;
const listeners = new Set<Listener>();
let unsubscribe: (() => void) | null = null;

/**
 * Told when a dashboard file changes on disk. The dashboard views share one subscription: in the browser each
 * subscription is an open connection, and a browser allows only a few per host.
 */
export function onDashboardChanged(listener: Listener): () => void {
  listeners.add(listener);
  unsubscribe ??= api.subscribe((event) => {
    if (event.type === 'dashboard.changed') for (const each of listeners) each(event.file);
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}
