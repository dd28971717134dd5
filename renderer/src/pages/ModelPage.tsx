import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useAsync } from '../useAsync.ts';

/** The catalog: schemas, their tables and views, and each one's columns. */
export function ModelPage({ catalogVersion }: { catalogVersion: number }) {
  const [catalog, reload] = useAsync(() => api.catalog({}), [catalogVersion]);
  const [open, setOpen] = useState<string | null>(null);
  if (catalog.status === 'loading') return <div className="page"><p className="empty">Reading the catalog…</p></div>;
  if (catalog.status === 'failed') return <div className="page"><ErrorMessage error={catalog.error} /></div>;
  const { schemas, tables } = catalog.value;
  return (
    <div className="page">
      <h1>Model</h1>
      <p className="lede">
        Schemas, tables and views in <code>{catalog.value.database}</code>.{' '}
        <button className="link" onClick={reload}>Refresh</button>
      </p>
      {tables.length === 0 && <p className="empty">The database has no tables yet: sync a source or create one in SQL.</p>}
      {schemas.map((schema) => {
        const inSchema = tables.filter((table) => table.schema === schema);
        if (inSchema.length === 0) return null;
        return (
          <section key={schema} className="schema">
            <h2>{schema}</h2>
            <ul className="table-list" data-testid={`schema-${schema}`}>
              {inSchema.map((table) => {
                const key = `${table.schema}.${table.name}`;
                return (
                  <li key={key}>
                    <button className="table-name" onClick={() => setOpen(open === key ? null : key)} aria-expanded={open === key}>
                      <span className={`kind ${table.kind}`}>{table.kind}</span> {table.name}
                      {table.rowCount !== null && <span className="muted"> · {table.rowCount.toLocaleString()} rows</span>}
                    </button>
                    {table.description && <div className="muted">{table.description}</div>}
                    {open === key && (
                      <table className="list-table columns">
                        <tbody>
                          {table.columns.map((column) => (
                            <tr key={column.name}>
                              <td>{column.name}</td>
                              <td className="column-type">{column.type}</td>
                              <td className="muted">{column.description ?? ''}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
