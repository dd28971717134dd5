import { useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import type { QueryTab } from './queryTabs.ts';

const SAVE_STATES = { saved: '', saving: 'Saving…', unsaved: 'Unsaved changes', failed: 'Not saved' };

/** The open queries as tabs: click to switch, double-click to rename, × to close; + opens a new query. */
export function QueryTabsBar(props: {
  tabs: QueryTab[];
  activeKey: string | undefined;
  onSelect(key: string): void;
  onClose(key: string): void;
  onNew(): void;
  onRename(key: string, name: string): Promise<void>;
}) {
  const { tabs, activeKey, onSelect, onClose, onNew, onRename } = props;
  const [renaming, setRenaming] = useState<{ key: string; text: string; error?: unknown } | null>(null);

  const finishRename = async () => {
    if (!renaming) return;
    const tab = tabs.find((t) => t.key === renaming.key);
    const text = renaming.text.trim();
    if (!tab || text === '' || text === tab.name) return setRenaming(null);
    try {
      await onRename(renaming.key, text);
      setRenaming(null);
    } catch (error) {
      setRenaming({ ...renaming, error });
    }
  };

  return (
    <div className="query-tabs">
      <div className="query-tab-list" role="tablist" aria-label="Open queries">
        {tabs.map((tab) => {
          const title = tab.name ?? 'Untitled';
          const active = tab.key === activeKey;
          return (
            <div key={tab.key} className={`query-tab${active ? ' active' : ''}`}>
              {renaming?.key === tab.key ? (
                <input
                  className="tab-rename"
                  aria-label="Query name"
                  autoFocus
                  value={renaming.text}
                  onChange={(event) => setRenaming({ key: tab.key, text: event.target.value })}
                  onBlur={() => void finishRename()}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') void finishRename();
                    if (event.key === 'Escape') setRenaming(null);
                  }}
                />
              ) : (
                <button
                  role="tab"
                  aria-selected={active}
                  className="tab-title"
                  title={`${tab.name ? `queries/${tab.name}.sql` : 'Not saved yet'}${SAVE_STATES[tab.saved] ? ` · ${SAVE_STATES[tab.saved]}` : ''} (double-click to rename)`}
                  onClick={() => onSelect(tab.key)}
                  onDoubleClick={() => setRenaming({ key: tab.key, text: tab.name ?? '' })}
                  onKeyDown={(event) => event.key === 'F2' && setRenaming({ key: tab.key, text: tab.name ?? '' })}
                >
                  {title}
                  {tab.saved !== 'saved' && <span className={`save-state ${tab.saved}`} aria-label={SAVE_STATES[tab.saved]} />}
                </button>
              )}
              <button className="tab-close" aria-label={`Close ${title}`} onClick={() => onClose(tab.key)}>
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button className="tab-new" aria-label="New query" title="New query" onClick={onNew}>
        +
      </button>
      {renaming?.error !== undefined && (
        <div className="tab-error">
          <ErrorMessage error={renaming.error} />
        </div>
      )}
    </div>
  );
}
