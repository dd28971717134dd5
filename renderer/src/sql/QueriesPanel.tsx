import { useEffect, useState } from 'react';
import type { HistoryEntry, SavedQuery } from '../../../core/api/savedQueries.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatMs, formatRows } from '../format.ts';
import { useAsync } from '../useAsync.ts';

const SEARCH_DELAY_MS = 200;

/** Saved queries (files in queries/) and the history of runs, searchable; either opens in a tab. */
export function QueriesPanel(props: {
  /** Changes when a run or save may have added something to list. */
  version: number;
  onOpenSaved(name: string): void;
  onOpenSql(sql: string): void;
  onDeleted(name: string): void;
  onClose(): void;
}) {
  const { version, onOpenSaved, onOpenSql, onDeleted, onClose } = props;
  const [section, setSection] = useState<'saved' | 'history'>('history');
  return (
    <aside className="queries-panel" aria-label="Queries">
      <header>
        <div className="segmented" role="tablist">
          <button role="tab" aria-selected={section === 'history'} className={section === 'history' ? 'selected' : undefined} onClick={() => setSection('history')}>
            History
          </button>
          <button role="tab" aria-selected={section === 'saved'} className={section === 'saved' ? 'selected' : undefined} onClick={() => setSection('saved')}>
            Saved
          </button>
        </div>
        <span className="spacer" />
        <button className="link" onClick={onClose}>
          Close
        </button>
      </header>
      {section === 'history' ? (
        <History version={version} onOpenSql={onOpenSql} />
      ) : (
        <Saved version={version} onOpen={onOpenSaved} onDeleted={onDeleted} />
      )}
    </aside>
  );
}

function History({ version, onOpenSql }: { version: number; onOpenSql(sql: string): void }) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const [history] = useAsync(() => api.queryHistory({ search: query, limit: 200 }), [query, version]);
  return (
    <div className="panel-section">
      <input
        type="search"
        className="panel-search"
        placeholder="Search past queries"
        aria-label="Search history"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {history.status === 'failed' && <ErrorMessage error={history.error} />}
      {history.status === 'ready' && history.value.entries.length === 0 && (
        <p className="empty">{query ? 'No past query contains that.' : 'Queries you run are listed here.'}</p>
      )}
      {history.status === 'ready' && (
        <ul className="history-list" data-testid="history-list">
          {history.value.entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <button className="history-entry" onClick={() => onOpenSql(entry.sql)} title="Open in a new tab">
                <code>{entry.sql}</code>
                <span className={entry.error ? 'history-meta failed' : 'history-meta'}>{describe(entry)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function describe(entry: HistoryEntry): string {
  const when = new Date(entry.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const outcome = entry.error ? `failed: ${entry.error}` : `${formatRows(entry.rowCount ?? 0)} · ${formatMs(entry.elapsedMs)}`;
  return [when, entry.query, outcome].filter(Boolean).join(' · ');
}

function Saved({ version, onOpen, onDeleted }: { version: number; onOpen(name: string): void; onDeleted(name: string): void }) {
  const [saved, reload] = useAsync(() => api.listQueries({}), [version]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const remove = async (query: SavedQuery) => {
    try {
      await api.deleteQuery({ name: query.name });
      onDeleted(query.name);
      setConfirming(null);
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="panel-section">
      {error !== undefined && <ErrorMessage error={error} />}
      {saved.status === 'failed' && <ErrorMessage error={saved.error} />}
      {saved.status === 'ready' && saved.value.queries.length === 0 && <p className="empty">No saved queries yet: queries/ is empty.</p>}
      {saved.status === 'ready' && (
        <ul className="saved-list" data-testid="saved-list">
          {saved.value.queries.map((query) => (
            <li key={query.name}>
              <button className="saved-entry" onClick={() => onOpen(query.name)} title={query.file}>
                {query.name}
              </button>
              {confirming === query.name ? (
                <span className="confirm">
                  Delete {query.file}?{' '}
                  <button className="danger" onClick={() => void remove(query)}>
                    Delete
                  </button>{' '}
                  <button onClick={() => setConfirming(null)}>Keep</button>
                </span>
              ) : (
                <button className="link muted" aria-label={`Delete ${query.name}`} onClick={() => setConfirming(query.name)}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
