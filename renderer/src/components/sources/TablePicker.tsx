import { useState } from 'react';
import { api } from '../../api.ts';
import { useAsync } from '../../useAsync.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type TableSpec = Awaited<ReturnType<typeof api.discoverSource>>[number];

/** Pick which of a source's objects or tables to sync; saved as the source's `tables:` in bizops.yml. */
export function TablePicker({ source, type, options, current, onSaved, onCancel }: {
  source: string;
  type: string;
  options: Record<string, unknown>;
  current: string[] | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const [discovered] = useAsync(() => api.discoverSource({ name: source }), [source]);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (discovered.status === 'loading') return <p className="empty">Asking {source} which tables it has…</p>;
  if (discovered.status === 'failed') {
    return (
      <div>
        <ErrorMessage error={discovered.error} />
        <button onClick={onCancel}>Close</button>
      </div>
    );
  }
  const tables: TableSpec[] = discovered.value;
  const selected = chosen ?? initialSelection(tables, current);
  const shown = tables.filter((table) => `${table.name} ${table.sourceName} ${table.description ?? ''}`.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (name: string) => {
    const next = new Set(selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setChosen(next);
  };
  const defaults = tables.filter((table) => table.selectedByDefault !== false).map((table) => table.sourceName);
  const isDefault = selected.size === defaults.length && defaults.every((name) => selected.has(name));

  async function save() {
    setError(null);
    try {
      const list = tables.map((table) => table.sourceName).filter((name) => selected.has(name));
      await api.saveSource({ name: source, type, options, tables: isDefault ? null : list });
      onSaved();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="table-picker" aria-label={`Tables of ${source}`}>
      <h2>Tables of {source}</h2>
      <div className="source-actions">
        <input type="search" placeholder="Find a table" aria-label="Find a table" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <span className="muted">{selected.size} of {tables.length} selected{isDefault ? ' (the defaults)' : ''}</span>
      </div>
      <div className="picker-list">
        {shown.map((table) => (
          <label key={table.sourceName} className="picker-row">
            <input type="checkbox" checked={selected.has(table.sourceName)} onChange={() => toggle(table.sourceName)} />
            <span className="picker-name">{table.sourceName}</span>
            <span className="muted">raw_{source}.{table.name}</span>
            <span className="muted picker-detail">
              {table.rowCountEstimate !== undefined ? `≈ ${table.rowCountEstimate.toLocaleString()} rows` : ''}
              {table.columns.length > 0 ? ` · ${table.columns.length} columns` : ''}
            </span>
          </label>
        ))}
      </div>
      {error !== null && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button className="primary" onClick={save} disabled={selected.size === 0}>Save selection</button>
        <button onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}

function initialSelection(tables: TableSpec[], current: string[] | null): Set<string> {
  if (current) {
    return new Set(tables.filter((table) => current.includes(table.name) || current.includes(table.sourceName)).map((table) => table.sourceName));
  }
  return new Set(tables.filter((table) => table.selectedByDefault !== false).map((table) => table.sourceName));
}
