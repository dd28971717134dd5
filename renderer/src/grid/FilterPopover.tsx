import { useEffect, useRef, useState } from 'react';
import type { ColumnInfo } from '../../../core/api/query.ts';
import { VALUELESS_OPERATORS, type FilterOperator, type ResultFilter } from '../../../core/api/results.ts';
import { columnKind } from '../columnTypes.ts';

const COMPARISONS: FilterOperator[] = ['=', '!=', '<', '<=', '>', '>='];
const NULLS: FilterOperator[] = ['is null', 'is not null'];

/** The operators that make sense for a column's type, the likeliest first. */
export function operatorsFor(type: string): FilterOperator[] {
  switch (columnKind(type)) {
    case 'text':
      return ['contains', 'starts with', '=', '!=', ...NULLS];
    case 'number':
    case 'temporal':
      return [...COMPARISONS, ...NULLS];
    default:
      return ['=', '!=', ...NULLS];
  }
}

const PLACEHOLDERS = { number: '1200.50', temporal: '2024-03-31', text: 'text', boolean: 'true', other: 'value' };

/** A small form under a column's header: operator, value, Apply. */
export function FilterPopover(props: {
  column: ColumnInfo;
  index: number;
  anchor: DOMRect;
  onApply(filter: ResultFilter): void;
  onCancel(): void;
}) {
  const { column, index, anchor, onApply, onCancel } = props;
  const operators = operatorsFor(column.type);
  const [operator, setOperator] = useState<FilterOperator>(operators[0]);
  const [value, setValue] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const needsValue = !VALUELESS_OPERATORS.includes(operator);

  useEffect(() => {
    const outside = (event: MouseEvent) => {
      if (!form.current?.contains(event.target as Node)) onCancel();
    };
    window.addEventListener('mousedown', outside);
    return () => window.removeEventListener('mousedown', outside);
  }, [onCancel]);

  return (
    <form
      ref={form}
      className="filter-popover"
      role="dialog"
      aria-label={`Filter ${column.name}`}
      style={{ left: Math.min(anchor.left, window.innerWidth - 300), top: anchor.bottom + 6 }}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(needsValue ? { column: index, operator, value } : { column: index, operator });
      }}
    >
      <div className="filter-title">
        Rows where <strong>{column.name}</strong>
      </div>
      <div className="filter-fields">
        <select aria-label="Operator" value={operator} onChange={(event) => setOperator(event.target.value as FilterOperator)}>
          {operators.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
        {needsValue && (
          <input
            aria-label="Value"
            autoFocus
            value={value}
            placeholder={PLACEHOLDERS[columnKind(column.type)]}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </div>
      <div className="filter-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Apply
        </button>
      </div>
    </form>
  );
}
