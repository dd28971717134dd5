import { useMemo, useState } from 'react';
import type { CatalogTable } from '../../../core/api/query.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PushDialog } from '../components/PushDialog.tsx';
import { sqlName } from '../editor/completion.ts';
import { useAsync } from '../useAsync.ts';

/** The catalog as an analyst browses it: schemas, their tables and views, and each one's columns and docs. */
export function ModelPage({ catalogVersion, onQuery }: { catalogVersion: number; onQuery(sql: string, name: string): void }) {
  const [catalog, reload] = useAsync(() => api.catalog({}), [catalogVersion]);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const needle = search.trim().toLowerCase();
  const matching = useMemo(() => {
    const tables = catalog.status === 'ready' ? catalog.value.tables : [];
    return needle === ''
        ? tables
        : tables.filter(
            (table) =>
              table.name.toLowerCase().includes(needle) ||
              (table.description ?? '').toLowerCase().includes(needle) ||
              table.columns.some((column) => column.name.toLowerCase().includes(needle)),
          );
  }, [catalog, needle]);

  if (catalog.status === 'loading') return <div className="page"><p className="empty">Reading the catalog…</p></div>;
  if (catalog.status === 'failed') return <div className="page"><ErrorMessage error={catalog.error} /></div>;
  const { tables } = catalog.value;
  const current = tables.find((table) => keyOf(table) === selected) ?? matching[0];

  return (
    <div className="model-page">
      <aside className="model-tree" aria-label="Schemas and tables">
        <div className="model-tree-top">
          <input
            type="search"
            placeholder="Find a table or column"
            aria-label="Find a table or column"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button className="link" onClick={reload} title="Read the catalog again">
            Refresh
          </button>
        </div>
        {tables.length === 0 && <p className="empty">The database has no tables yet: sync a source or create one in SQL.</p>}
        {tables.length > 0 && matching.length === 0 && <p className="empty">No table or column matches “{search}”.</p>}
        {catalog.value.schemas.map((schema) => {
          const inSchema = matching.filter((table) => table.schema === schema);
          if (inSchema.length === 0) return null;
          const open = !collapsed.has(schema) || needle !== '';
          return (
            <section key={schema} className="model-schema">
              <button
                className="schema-name"
                aria-expanded={open}
                onClick={() => setCollapsed((now) => toggled(now, schema))}
              >
                <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
                {schema}
                <span className="muted"> {inSchema.length}</span>
              </button>
              {open && (
                <ul className="model-tables" data-testid={`schema-${schema}`}>
                  {inSchema.map((table) => (
                    <li key={keyOf(table)}>
                      <button
                        className={`model-table${current && keyOf(current) === keyOf(table) ? ' selected' : ''}`}
                        aria-current={current && keyOf(current) === keyOf(table) ? 'true' : undefined}
                        onClick={() => setSelected(keyOf(table))}
                      >
                        <span className="table-label">{table.name}</span>
                        <span className="muted small">{table.rowCount === null ? table.kind : table.rowCount.toLocaleString()}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </aside>
      {current ? (
        <TableDetail table={current} highlight={needle} onQuery={() => onQuery(tableSql(current), current.name)} />
      ) : (
        <section className="model-detail" />
      )}
    </div>
  );
}

function TableDetail({ table, highlight, onQuery }: { table: CatalogTable; highlight: string; onQuery(): void }) {
  const [pushing, setPushing] = useState(false);
  return (
    <section className="model-detail" aria-label={`${table.schema}.${table.name}`}>
      <header className="detail-header">
        <div>
          <h1>
            <span className="muted">{table.schema}.</span>
            {table.name}
          </h1>
          <p className="detail-meta">
            <span className={`kind ${table.kind}`}>{table.kind}</span>
            {table.rowCount !== null && <span>{table.rowCount.toLocaleString()} rows</span>}
            <span>{table.columns.length.toLocaleString()} columns</span>
          </p>
        </div>
        <div className="detail-actions">
          <button onClick={() => setPushing(true)} title="Send this table to a Postgres warehouse">
            Push to warehouse…
          </button>
          <button className="primary" onClick={onQuery}>
            Query this table
          </button>
        </div>
      </header>
      {pushing && (
        <PushDialog
          source={{ table: `${table.schema}.${table.name}` }}
          columns={table.columns.map((column) => column.name)}
          onClose={() => setPushing(false)}
        />
      )}
      {table.description ? <p className="detail-description">{table.description}</p> : <p className="muted">No description yet.</p>}
      <h2>Columns</h2>
      <table className="list-table columns-table" data-testid="columns-table">
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {table.columns.map((column) => (
            <tr key={column.name} className={highlight && column.name.toLowerCase().includes(highlight) ? 'match' : undefined}>
              <td>
                <code>{column.name}</code>
                {!column.nullable && <span className="muted small"> not null</span>}
              </td>
              <td className="column-type">{column.type}</td>
              <td>{column.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The first look at a table an analyst would write. */
function tableSql(table: CatalogTable): string {
  return `select *\nfrom ${sqlName(table.schema)}.${sqlName(table.name)}\nlimit 1000`;
}

function keyOf(table: CatalogTable): string {
  return `${table.schema}.${table.name}`;
}

function toggled(set: ReadonlySet<string>, item: string): Set<string> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
