import type { EventListener, WorkbenchEvent } from './api/events.ts';

/** Fan-out of engine events to every subscribed transport (IPC window, HTTP event stream, CLI). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WorkbenchEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed window, a dropped stream) must not stop the others.
      }
    }
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit({ type: 'log', level, message, at: new Date().toISOString() });
  }
}
