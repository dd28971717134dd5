import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ColumnInfo } from '../../../core/api/query.ts';
import type { ResultSort } from '../../../core/api/results.ts';
import { api } from '../api.ts';
import { decodePage, type DisplayPage } from '../arrowCells.ts';
import { columnKind } from '../columnTypes.ts';
import { formatRows } from '../format.ts';
import { CellViewer } from './CellViewer.tsx';
import { columnEdges, HEADER_HEIGHT, initialWidth, ROW_HEIGHT, RowScale, visibleColumns } from './geometry.ts';
import { PagedRows } from './pagedRows.ts';
import { toTsv } from './tsv.ts';

/** The rows the grid shows: a kept result (or its refined view) and the page that came with it. */
export interface GridSource {
  queryId: string;
  rowCount: number;
  firstPage: DisplayPage;
}

export interface ResultGridHandle {
  goToRow(row: number): void;
  /** Copy the selected cells as TSV; answers how many rows were copied. */
  copySelection(withHeaders: boolean): Promise<number>;
}

interface ResultGridProps {
  columns: ColumnInfo[];
  /** Read once: a grid shows one view of a result; give it a new `key` for new rows (a re-sort, a filter). */
  source: GridSource;
  widths: number[];
  onResize(column: number, width: number): void;
  sort: ResultSort[];
  filteredColumns: ReadonlySet<number>;
  onSort(column: number, additive: boolean): void;
  onFilter(column: number, anchor: DOMRect): void;
  /** Told of copies and their failures, in words. */
  onNotice(message: string): void;
}

interface Cell {
  row: number;
  column: number;
}

interface Selection {
  anchor: Cell;
  focus: Cell;
}

const MAX_COPY_ROWS = 100_000;

/** Starting column widths, from the names, types and the first page's values. */
export function initialWidths(columns: ColumnInfo[], page: DisplayPage): number[] {
  return columns.map((column, c) => {
    const samples = Array.from({ length: Math.min(40, page.rowCount) }, (_, r) => page.cell(r, c));
    return initialWidth(column.name, column.type, samples);
  });
}

/**
 * A virtualized result grid: rows and columns are drawn only where they are in view, pages are read from the
 * engine as they scroll into view, and the scrollbar reaches every row of ten million.
 */
export const ResultGrid = forwardRef<ResultGridHandle, ResultGridProps>(function ResultGrid(props, ref) {
  const { columns, source, widths, onResize, sort, filteredColumns, onSort, onFilter, onNotice } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [firstRow, setFirstRow] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [viewing, setViewing] = useState<Cell | null>(null);
  const expectedScrollTop = useRef<number | null>(null);
  /** The first row as last set by scrolling, ahead of rendering: quick wheel turns add up. */
  const scrolledTo = useRef(0);
  const dragging = useRef(false);
  const [rows] = useState(
    () =>
      new PagedRows(
        {
          rowCount: source.rowCount,
          fetchPage: async (offset, limit) => decodePage((await api.fetchPage({ queryId: source.queryId, offset, limit })).arrow),
        },
        redraw,
        source.firstPage,
      ),
  );
  useEffect(() => () => rows.dispose(), [rows]);

  const edges = useMemo(() => columnEdges(widths), [widths]);
  const gutter = Math.max(48, String(source.rowCount).length * 8 + 22);
  const bodyHeight = Math.max(ROW_HEIGHT, size.height - HEADER_HEIGHT);
  const scale = useMemo(() => new RowScale(rows.rowCount, bodyHeight), [rows, bodyHeight]);
  const visibleRowCount = Math.ceil(bodyHeight / ROW_HEIGHT) + 1;
  const top = Math.min(firstRow, scale.maxFirstRow);
  const start = Math.floor(top);
  const end = Math.min(rows.rowCount, start + visibleRowCount);
  const [firstColumn, lastColumn] = visibleColumns(edges, scrollLeft, Math.max(0, size.width - gutter));
  const numeric = useMemo(() => columns.map((column) => columnKind(column.type) === 'number'), [columns]);

  useLayoutEffect(() => {
    const element = scroller.current!;
    const observer = new ResizeObserver(() => setSize({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => rows.show(start, end), [rows, start, end]);

  const scrollToRow = (row: number) => {
    const next = scale.clamp(row);
    scrolledTo.current = next;
    setFirstRow(next);
    const element = scroller.current!;
    const scrollTop = scale.scrollTopFor(next);
    expectedScrollTop.current = Math.round(scrollTop);
    element.scrollTop = scrollTop;
  };

  // Past MAX_SCROLL_HEIGHT a pixel of scrollbar is many rows: the wheel moves by rows instead.
  useEffect(() => {
    const element = scroller.current!;
    const onWheel = (event: WheelEvent) => {
      if (!scale.scaled || event.deltaY === 0) return;
      event.preventDefault();
      const rowsMoved = event.deltaMode === 1 ? event.deltaY : event.deltaY / ROW_HEIGHT;
      scrollToRow(scrolledTo.current + rowsMoved);
      if (event.deltaX !== 0) element.scrollLeft += event.deltaX;
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const onScroll = () => {
    const element = scroller.current!;
    setScrollLeft(element.scrollLeft);
    const expected = expectedScrollTop.current;
    expectedScrollTop.current = null;
    if (expected !== null && Math.abs(element.scrollTop - expected) <= 1) return;
    scrolledTo.current = scale.firstRowAt(element.scrollTop);
    setFirstRow(scrolledTo.current);
  };

  const reveal = (cell: Cell) => {
    scrollToRow(scale.revealRow(cell.row, top));
    const element = scroller.current!;
    const width = size.width - gutter;
    if (edges[cell.column] < element.scrollLeft) element.scrollLeft = edges[cell.column];
    else if (edges[cell.column + 1] > element.scrollLeft + width) element.scrollLeft = edges[cell.column + 1] - width;
  };

  const lastRow = rows.rowCount - 1;
  const lastCol = columns.length - 1;
  const rect = selection && {
    top: Math.min(selection.anchor.row, selection.focus.row),
    bottom: Math.max(selection.anchor.row, selection.focus.row),
    left: Math.min(selection.anchor.column, selection.focus.column),
    right: Math.max(selection.anchor.column, selection.focus.column),
  };

  const copySelection = async (withHeaders: boolean): Promise<number> => {
    if (!rect) throw new Error('Select cells first: click a cell, or a row number for whole rows.');
    const count = rect.bottom - rect.top + 1;
    if (count > MAX_COPY_ROWS) {
      throw new Error(`${count.toLocaleString()} rows are too many to copy; export the result instead (CSV, Parquet or JSON).`);
    }
    const columnIndexes = Array.from({ length: rect.right - rect.left + 1 }, (_, i) => rect.left + i);
    const body = await rows.readRows(rect.top, rect.bottom, columnIndexes);
    const header = withHeaders ? [columnIndexes.map((c) => columns[c].name)] : [];
    await navigator.clipboard.writeText(toTsv([...header, ...body]));
    return count;
  };

  const goToRow = (row: number) => {
    const cell = { row: Math.min(Math.max(0, row), lastRow), column: selection?.focus.column ?? 0 };
    setSelection({ anchor: cell, focus: cell });
    scrollToRow(cell.row - 2);
    scroller.current?.focus();
  };

  useImperativeHandle(ref, () => ({ goToRow, copySelection }));

  const select = (cell: Cell, extend: boolean) => {
    setSelection((current) => ({ anchor: extend && current ? current.anchor : cell, focus: cell }));
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (rows.rowCount === 0 || columns.length === 0) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      copySelection(event.shiftKey).then(
        (count) => onNotice(`Copied ${formatRows(count)} as tab-separated text.`),
        (error: unknown) => onNotice(error instanceof Error ? error.message : String(error)),
      );
      return;
    }
    if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelection({ anchor: { row: 0, column: 0 }, focus: { row: lastRow, column: lastCol } });
      return;
    }
    if (event.key === 'Escape') {
      if (viewing) setViewing(null);
      else setSelection(null);
      return;
    }
    const focus = selection?.focus ?? { row: start, column: firstColumn };
    if (event.key === 'Enter') {
      event.preventDefault();
      setViewing(focus);
      return;
    }
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, Cell> = {
      ArrowDown: { row: focus.row + 1, column: focus.column },
      ArrowUp: { row: focus.row - 1, column: focus.column },
      ArrowRight: { row: focus.row, column: focus.column + 1 },
      ArrowLeft: { row: focus.row, column: focus.column - 1 },
      PageDown: { row: focus.row + page, column: focus.column },
      PageUp: { row: focus.row - page, column: focus.column },
      Home: mod ? { row: 0, column: focus.column } : { row: focus.row, column: 0 },
      End: mod ? { row: lastRow, column: focus.column } : { row: focus.row, column: lastCol },
    };
    const target = moves[event.key];
    if (!target) return;
    event.preventDefault();
    const cell = { row: Math.min(Math.max(0, target.row), lastRow), column: Math.min(Math.max(0, target.column), lastCol) };
    select(cell, event.shiftKey);
    reveal(cell);
  };

  const startResize = (column: number, event: React.MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widths[column];
    const move = (moveEvent: MouseEvent) => onResize(column, Math.max(48, startWidth + moveEvent.clientX - startX));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const xOf = (column: number) => gutter + edges[column] - scrollLeft;
  const shownColumns = Array.from({ length: lastColumn - firstColumn }, (_, i) => firstColumn + i);
  const sortOf = (column: number) => sort.findIndex((s) => s.column === column);

  const header = (
    <div className="grid-header" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
      <div className="grid-corner" style={{ width: gutter, height: HEADER_HEIGHT }} />
      {shownColumns.map((c) => {
        const sortIndex = sortOf(c);
        const sorted = sortIndex === -1 ? undefined : sort[sortIndex];
        return (
          <div
            key={c}
            className={`grid-column-header${numeric[c] ? ' numeric' : ''}`}
            role="columnheader"
            aria-colindex={c + 2}
            aria-sort={sorted ? (sorted.descending ? 'descending' : 'ascending') : 'none'}
            data-testid="column-header"
            style={{ left: xOf(c), width: widths[c], height: HEADER_HEIGHT }}
          >
            <button
              className="column-sort"
              title={`Sort by ${columns[c].name} (Shift+click to add to the sort)`}
              onClick={(event) => onSort(c, event.shiftKey)}
            >
              <span className="column-name">{columns[c].name}</span>
              <span className="column-type">{columns[c].type}</span>
            </button>
            {sorted && (
              <span className="sort-mark" aria-hidden="true">
                {sorted.descending ? '↓' : '↑'}
                {sort.length > 1 ? sortIndex + 1 : ''}
              </span>
            )}
            <button
              className={`column-filter${filteredColumns.has(c) ? ' active' : ''}`}
              aria-label={`Filter ${columns[c].name}`}
              title={`Filter ${columns[c].name}`}
              onClick={(event) => onFilter(c, event.currentTarget.getBoundingClientRect())}
            >
              <FilterIcon />
            </button>
            <div className="column-resize" onMouseDown={(event) => startResize(c, event)} aria-hidden="true" />
          </div>
        );
      })}
    </div>
  );

  const body = [];
  const offsetY = HEADER_HEIGHT - (top - start) * ROW_HEIGHT;
  for (let row = start; row < end; row++) {
    const y = offsetY + (row - start) * ROW_HEIGHT;
    const loaded = rows.isLoaded(row);
    const rowSelected = rect !== null && row >= rect.top && row <= rect.bottom;
    body.push(
      <div key={row} className={`grid-row${loaded ? '' : ' loading'}`} role="row" aria-rowindex={row + 2} style={{ top: y, height: ROW_HEIGHT }}>
        <div
          className={`grid-row-number${rowSelected ? ' selected' : ''}`}
          style={{ width: gutter, height: ROW_HEIGHT }}
          onMouseDown={(event) => {
            event.preventDefault();
            scroller.current?.focus();
            setSelection((current) => ({
              anchor: event.shiftKey && current ? { row: current.anchor.row, column: 0 } : { row, column: 0 },
              focus: { row, column: lastCol },
            }));
          }}
        >
          {(row + 1).toLocaleString()}
        </div>
        {shownColumns.map((c) => {
          const value = rows.cell(row, c);
          const selected = rect !== null && rowSelected && c >= rect.left && c <= rect.right;
          const active = selection !== null && selection.focus.row === row && selection.focus.column === c;
          const classes = ['grid-cell', numeric[c] && 'numeric', selected && 'selected', active && 'active'].filter(Boolean).join(' ');
          return (
            <div
              key={c}
              className={classes}
              role="gridcell"
              aria-colindex={c + 2}
              aria-selected={selected}
              style={{ left: xOf(c), width: widths[c], height: ROW_HEIGHT }}
              onMouseDown={(event) => {
                event.preventDefault();
                scroller.current?.focus();
                dragging.current = true;
                select({ row, column: c }, event.shiftKey);
              }}
              onMouseEnter={(event) => {
                if (dragging.current && event.buttons === 1) select({ row, column: c }, true);
              }}
              onDoubleClick={() => setViewing({ row, column: c })}
            >
              {value === undefined ? <span className="cell-loading" /> : value === null ? <span className="null">NULL</span> : value}
            </div>
          );
        })}
      </div>,
    );
  }

  useEffect(() => {
    const stop = () => (dragging.current = false);
    window.addEventListener('mouseup', stop);
    return () => window.removeEventListener('mouseup', stop);
  }, []);

  const lastShown = Math.min(rows.rowCount, Math.ceil(top + bodyHeight / ROW_HEIGHT));
  const viewed = viewing && rows.cell(viewing.row, viewing.column);

  return (
    <div className="result-grid" data-testid="result-grid">
      <div
        ref={scroller}
        className="grid-scroller"
        tabIndex={0}
        role="grid"
        aria-label="Result rows"
        aria-rowcount={rows.rowCount + 1}
        aria-colcount={columns.length + 1}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div className="grid-layer" style={{ width: size.width, height: size.height }}>
          {body}
          {header}
          {rows.rowCount === 0 && <div className="grid-empty" style={{ top: HEADER_HEIGHT }}>No rows</div>}
        </div>
        <div style={{ width: gutter + edges[edges.length - 1], height: Math.max(0, HEADER_HEIGHT + scale.scrollHeight - size.height) }} />
      </div>
      <div className="grid-footer">
        <span data-testid="grid-position">
          {rows.rowCount === 0
            ? '0 rows'
            : `Rows ${(start + 1).toLocaleString()}–${lastShown.toLocaleString()} of ${rows.rowCount.toLocaleString()}`}
        </span>
        {rows.error !== undefined && (
          <span className="grid-error" role="alert">
            Some rows could not be read: {rows.error instanceof Error ? rows.error.message : String(rows.error)}
          </span>
        )}
        <GoToRow rowCount={rows.rowCount} onGo={goToRow} />
      </div>
      {viewing && viewed !== undefined && (
        <CellViewer
          column={columns[viewing.column]}
          row={viewing.row}
          value={viewed}
          onClose={() => {
            setViewing(null);
            scroller.current?.focus();
          }}
          onNotice={onNotice}
        />
      )}
    </div>
  );
});

function GoToRow({ rowCount, onGo }: { rowCount: number; onGo(row: number): void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="go-to-row"
      onSubmit={(event) => {
        event.preventDefault();
        const row = Number(text.replaceAll(/[,\s_]/g, ''));
        if (Number.isInteger(row) && row >= 1) onGo(Math.min(row, rowCount) - 1);
      }}
    >
      <label>
        Go to row <input value={text} onChange={(event) => setText(event.target.value)} inputMode="numeric" size={10} aria-label="Go to row" />
      </label>
    </form>
  );
}

function FilterIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M1.5 2h13l-5 6.2V13l-3 1.5V8.2z" fill="currentColor" />
    </svg>
  );
}
