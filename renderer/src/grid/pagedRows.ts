import type { DisplayPage } from '../arrowCells.ts';

export const PAGE_ROWS = 200;
const MAX_CACHED_PAGES = 60;
const MAX_IN_FLIGHT = 3;

export interface PageSource {
  rowCount: number;
  fetchPage(offset: number, limit: number): Promise<DisplayPage>;
}

/**
 * The rows of a result the grid has read, page by page: only pages in view are fetched (a few at a time,
 * nearest first, so a fast scroll does not queue pages nobody will see) and the least recently used are dropped.
 */
export class PagedRows {
  private readonly pages = new Map<number, DisplayPage>();
  private readonly inFlight = new Set<number>();
  private wanted: [number, number] = [0, -1];
  private disposed = false;
  /** The last fetch failure, until a fetch succeeds. */
  error: unknown;

  constructor(
    private readonly source: PageSource,
    private readonly onChange: () => void,
    firstPage?: DisplayPage,
  ) {
    if (firstPage) this.pages.set(0, firstPage);
  }

  get rowCount(): number {
    return this.source.rowCount;
  }

  /** The cell's text, null for NULL, or undefined while its page is not read yet. */
  cell(row: number, column: number): string | null | undefined {
    const page = this.pages.get(Math.floor(row / PAGE_ROWS));
    return page ? page.cell(row % PAGE_ROWS, column) : undefined;
  }

  isLoaded(row: number): boolean {
    return this.pages.has(Math.floor(row / PAGE_ROWS));
  }

  /** Rows [first, last] are on screen: read the pages they are on. */
  show(first: number, last: number): void {
    this.wanted = [Math.floor(Math.max(0, first) / PAGE_ROWS), Math.floor(Math.max(0, Math.min(last, this.rowCount - 1)) / PAGE_ROWS)];
    this.fetchWanted();
  }

  /** Rows [first, last] of some columns, reading pages as needed, for copying. */
  async readRows(first: number, last: number, columns: number[]): Promise<(string | null)[][]> {
    const rows: (string | null)[][] = [];
    for (let pageIndex = Math.floor(first / PAGE_ROWS); pageIndex <= Math.floor(last / PAGE_ROWS); pageIndex++) {
      const page = this.pages.get(pageIndex) ?? (await this.source.fetchPage(pageIndex * PAGE_ROWS, PAGE_ROWS));
      const from = Math.max(first, pageIndex * PAGE_ROWS);
      const to = Math.min(last, pageIndex * PAGE_ROWS + page.rowCount - 1);
      for (let row = from; row <= to; row++) rows.push(columns.map((column) => page.cell(row - pageIndex * PAGE_ROWS, column)));
    }
    return rows;
  }

  dispose(): void {
    this.disposed = true;
  }

  private fetchWanted(): void {
    const [start, end] = this.wanted;
    const missing: number[] = [];
    for (let page = start; page <= end; page++) if (!this.pages.has(page) && !this.inFlight.has(page)) missing.push(page);
    for (const pageIndex of missing.slice(0, MAX_IN_FLIGHT - this.inFlight.size)) {
      this.inFlight.add(pageIndex);
      this.source.fetchPage(pageIndex * PAGE_ROWS, PAGE_ROWS).then(
        (page) => {
          this.inFlight.delete(pageIndex);
          if (this.disposed) return;
          this.pages.set(pageIndex, page);
          this.error = undefined;
          this.evict();
          this.onChange();
          this.fetchWanted();
        },
        (error: unknown) => {
          this.inFlight.delete(pageIndex);
          if (this.disposed) return;
          this.error = error;
          this.onChange();
        },
      );
    }
  }

  private evict(): void {
    const [start, end] = this.wanted;
    for (const pageIndex of this.pages.keys()) {
      if (this.pages.size <= MAX_CACHED_PAGES) return;
      if (pageIndex < start || pageIndex > end) this.pages.delete(pageIndex);
    }
  }
}
