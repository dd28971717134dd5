export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 44;
/** Browsers cap an element's height (Chromium near 33M px); past this the scrollbar maps to rows by proportion. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/**
 * How the scrollbar maps to rows. Up to MAX_SCROLL_HEIGHT every row has its own 26 px; beyond (about 300,000
 * rows) the scrollbar moves through rows by proportion, and the wheel and keys move by rows instead.
 */
export class RowScale {
  readonly scrollHeight: number;
  readonly scaled: boolean;

  constructor(
    readonly rowCount: number,
    /** Height of the rows' area, without the header. */
    readonly bodyHeight: number,
  ) {
    const natural = rowCount * ROW_HEIGHT;
    this.scaled = natural > MAX_SCROLL_HEIGHT;
    this.scrollHeight = this.scaled ? MAX_SCROLL_HEIGHT : natural;
  }

  /** The last row that may be the first one shown. */
  get maxFirstRow(): number {
    return Math.max(0, this.rowCount - this.bodyHeight / ROW_HEIGHT);
  }

  private get maxScrollTop(): number {
    return Math.max(0, this.scrollHeight - this.bodyHeight);
  }

  /** The (fractional) first row shown at a scroll position. */
  firstRowAt(scrollTop: number): number {
    if (!this.scaled) return Math.min(scrollTop / ROW_HEIGHT, this.maxFirstRow);
    return this.maxScrollTop === 0 ? 0 : (scrollTop / this.maxScrollTop) * this.maxFirstRow;
  }

  scrollTopFor(firstRow: number): number {
    const row = this.clamp(firstRow);
    if (!this.scaled) return row * ROW_HEIGHT;
    return this.maxFirstRow === 0 ? 0 : (row / this.maxFirstRow) * this.maxScrollTop;
  }

  clamp(firstRow: number): number {
    return Math.min(Math.max(0, firstRow), this.maxFirstRow);
  }

  /** The first row to show so that `row` is in view, moving as little as possible from `firstRow`. */
  revealRow(row: number, firstRow: number): number {
    const visible = Math.floor(this.bodyHeight / ROW_HEIGHT);
    if (row < firstRow) return this.clamp(row);
    if (row >= firstRow + visible - 1) return this.clamp(row - visible + 1);
    return firstRow;
  }
}

/** Left edges of the columns (and, last, the total width). */
export function columnEdges(widths: readonly number[]): number[] {
  const edges = [0];
  for (const width of widths) edges.push(edges[edges.length - 1] + width);
  return edges;
}

/** The columns [start, end) that overlap the view from `left`, `width` pixels wide. */
export function visibleColumns(edges: readonly number[], left: number, width: number): [number, number] {
  const count = edges.length - 1;
  let start = 0;
  let high = count;
  while (start < high) {
    const middle = (start + high) >> 1;
    if (edges[middle + 1] <= left) start = middle + 1;
    else high = middle;
  }
  let end = start;
  while (end < count && edges[end] < left + width) end++;
  return [start, end];
}

/** A starting width for a column: enough for its name, its type and the longest of a few values. */
export function initialWidth(name: string, type: string, samples: (string | null)[]): number {
  const header = Math.max(name.length * 9 + 58, type.length * 6.6 + 40);
  const values = Math.max(0, ...samples.map((value) => (value ?? 'NULL').length)) * 7.6 + 24;
  return Math.round(Math.min(360, Math.max(72, header, values)));
}
