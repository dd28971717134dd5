import { describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from './events.ts';
import { sharedEventStream } from './httpTransport.ts';

class FakeSource {
  onmessage: ((message: { data: string }) => void) | null = null;
  closed = false;
  close() {
    this.closed = true;
  }
  send(event: WorkbenchEvent) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
}

describe('the browser host\'s event stream', () => {
  it('serves every subscriber from one connection, open only while someone listens', () => {
    const opened: FakeSource[] = [];
    const subscribe = sharedEventStream(() => {
      const source = new FakeSource();
      opened.push(source);
      return source as unknown as EventSource;
    });
    const seen: string[] = [];
    const stopA = subscribe((event) => seen.push(`a:${event.type}`));
    const stopB = subscribe((event) => seen.push(`b:${event.type}`));
    expect(opened).toHaveLength(1);
    opened[0].send({ type: 'catalog.changed' });
    expect(seen).toEqual(['a:catalog.changed', 'b:catalog.changed']);

    stopA();
    stopA();
    expect(opened[0].closed).toBe(false);
    opened[0].send({ type: 'catalog.changed' });
    expect(seen).toHaveLength(3);
    stopB();
    expect(opened[0].closed).toBe(true);

    subscribe(() => undefined);
    expect(opened).toHaveLength(2);
  });
});
