import { describe, expect, it } from 'vitest';
import { columnEdges, MAX_SCROLL_HEIGHT, ROW_HEIGHT, RowScale, visibleColumns } from './geometry.ts';

describe('RowScale', () => {
  it('gives every row its own pixels for results that fit', () => {
    const scale = new RowScale(1000, 520);
    expect(scale.scaled).toBe(false);
    expect(scale.scrollHeight).toBe(1000 * ROW_HEIGHT);
    expect(scale.firstRowAt(260)).toBe(10);
    expect(scale.scrollTopFor(10)).toBe(260);
    expect(scale.firstRowAt(1_000_000)).toBe(980);
  });

  it('maps the scrollbar to ten million rows by proportion, both ends reachable', () => {
    const scale = new RowScale(10_000_000, 520);
    expect(scale.scaled).toBe(true);
    expect(scale.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(scale.firstRowAt(0)).toBe(0);
    expect(scale.firstRowAt(MAX_SCROLL_HEIGHT - 520)).toBe(10_000_000 - 20);
    const middle = scale.scrollTopFor(5_000_000);
    expect(Math.round(scale.firstRowAt(middle))).toBe(5_000_000);
  });

  it('reveals a row by moving as little as possible', () => {
    const scale = new RowScale(1000, 520);
    expect(scale.revealRow(5, 0)).toBe(0);
    expect(scale.revealRow(25, 0)).toBe(6);
    expect(scale.revealRow(3, 10)).toBe(3);
  });
});

describe('columns', () => {
  it('finds the columns in view among thousands', () => {
    const edges = columnEdges(Array.from({ length: 3000 }, () => 100));
    expect(edges[3000]).toBe(300_000);
    expect(visibleColumns(edges, 0, 250)).toEqual([0, 3]);
    expect(visibleColumns(edges, 150_050, 300)).toEqual([1500, 1504]);
    expect(visibleColumns(edges, 299_950, 300)).toEqual([2999, 3000]);
  });
});
