/** Everything the engine tells the UI without being asked, on the same contract as the methods. */
export type WorkbenchEvent =
  | { type: 'query.progress'; queryId: string; percent: number; elapsedMs: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; at: string }
  | { type: 'catalog.changed' };

export type EventListener = (event: WorkbenchEvent) => void;
