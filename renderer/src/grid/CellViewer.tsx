import { useEffect, useRef } from 'react';
import type { ColumnInfo } from '../../../core/api/query.ts';

/** A cell's whole value, for text too long for its column: read it, copy it, close it with Escape. */
export function CellViewer(props: { column: ColumnInfo; row: number; value: string | null; onClose(): void; onNotice(message: string): void }) {
  const { column, row, value, onClose, onNotice } = props;
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <section
      className="cell-viewer"
      role="dialog"
      aria-label={`Value of ${column.name} in row ${row + 1}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header>
        <strong>{column.name}</strong>
        <span className="muted">
          {column.type} · row {(row + 1).toLocaleString()}
          {value !== null && ` · ${value.length.toLocaleString()} characters`}
        </span>
        <span className="spacer" />
        <button
          disabled={value === null}
          onClick={() =>
            navigator.clipboard.writeText(value ?? '').then(
              () => onNotice('Copied the value.'),
              (error: unknown) => onNotice(`The value could not be copied: ${String(error)}`),
            )
          }
        >
          Copy
        </button>
        <button ref={closeButton} onClick={onClose}>
          Close
        </button>
      </header>
      {value === null ? <p className="null">NULL</p> : <pre data-testid="cell-value">{value}</pre>}
    </section>
  );
}
