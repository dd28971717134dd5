import { describe, expect, it } from 'vitest';
import type { DisplayPage } from '../arrowCells.ts';
import { PAGE_ROWS, PagedRows } from './pagedRows.ts';

/** A result whose cell (r, c) reads `r:c`, counting the pages asked for. */
function fakeSource(rowCount: number) {
  const asked: number[] = [];
  const pending: (() => void)[] = [];
  const page = (offset: number, limit: number) =>
    ({
      rowCount: Math.min(limit, rowCount - offset),
      cell: (row: number, column: number) => `${offset + row}:${column}`,
    }) as unknown as DisplayPage;
  return {
    asked,
    pending,
    source: {
      rowCount,
      fetchPage: (offset: number, limit: number) => {
        asked.push(offset / PAGE_ROWS);
        return new Promise<DisplayPage>((resolve) => pending.push(() => resolve(page(offset, limit))));
      },
    },
    async settle() {
      while (pending.length > 0) {
        pending.shift()!();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  };
}

describe('PagedRows', () => {
  it('reads only the pages in view, a few at a time, and skips those scrolled past', async () => {
    const fake = fakeSource(10_000_000);
    const rows = new PagedRows(fake.source, () => undefined);
    // A fast drag of the scrollbar: ten positions before any page arrives.
    for (let step = 0; step < 10; step++) rows.show(step * 1_000_000, step * 1_000_000 + 30);
    rows.show(9_999_970, 9_999_999);
    await fake.settle();
    expect(fake.asked).toEqual([0, 5_000, 10_000, 49_999]);
    expect(rows.cell(9_999_999, 2)).toBe('9999999:2');
    expect(rows.cell(3_000_000, 0)).toBeUndefined();
  });

  it('reads rows across pages for copying, the cached ones included', async () => {
    const fake = fakeSource(1000);
    const rows = new PagedRows(fake.source, () => undefined);
    const copying = rows.readRows(198, 401, [0, 3]);
    await fake.settle();
    const copied = await copying;
    expect(copied).toHaveLength(204);
    expect(copied[0]).toEqual(['198:0', '198:3']);
    expect(copied[203]).toEqual(['401:0', '401:3']);
  });
});
