import { useEffect, useId, useRef, useState } from 'react';
import type { DashboardEntry } from '../../../core/api/dashboards.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { addTile, emptyDashboard, fileForTitle, type TileDraft } from './draft.ts';
import { openOnDashboardsPage } from './drafts.ts';

interface SaveToDashboardDialogProps {
  /** The tile to add: its SQL (or pack metric), how it shows (chart with its Vega-Lite spec, KPI, table) and title. */
  tile: TileDraft;
  onClose(): void;
  /** Told where the tile went. */
  onSaved?(result: { file: string; tile: string }): void;
}

/**
 * "Save to dashboard": add a tile to an existing dashboard or to a new one, written to its file at once. Any page
 * that has a query or chart opens it with the tile it would add.
 */
export function SaveToDashboardDialog({ tile, onClose, onSaved }: SaveToDashboardDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState(tile.title);
  const [dashboards, setDashboards] = useState<DashboardEntry[] | null>(null);
  const [target, setTarget] = useState<'existing' | 'new'>('existing');
  const [file, setFile] = useState('');
  const [newTitle, setNewTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ file: string; tile: string } | null>(null);

  useEffect(() => {
    api.listDashboards({}).then(
      (entries) => {
        const usable = entries.filter((entry) => !entry.error);
        setDashboards(usable);
        setFile(usable[0]?.file ?? '');
        if (usable.length === 0) setTarget('new');
      },
      (failure: unknown) => setError(failure),
    );
    dialog.current?.querySelector('input')?.focus();
  }, []);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const named: TileDraft = { ...tile, title: title.trim() || tile.title };
      let result: { file: string; tile: string };
      if (target === 'existing') {
        const opened = await api.readDashboard({ source: { file } });
        const { dashboard, id } = addTile(opened.dashboard, named);
        await api.saveDashboard({ file, dashboard, baseText: opened.text });
        result = { file, tile: id };
      } else {
        const created = fileForTitle(newTitle, (dashboards ?? []).map((entry) => entry.file));
        const { dashboard, id } = addTile(emptyDashboard(newTitle.trim()), named);
        await api.saveDashboard({ file: created, dashboard, baseText: null });
        result = { file: created, tile: id };
      }
      setSaved(result);
      onSaved?.(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const ready = title.trim() !== '' && (target === 'existing' ? file !== '' : newTitle.trim() !== '');
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialog} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
        <h2 id={titleId}>Save to dashboard</h2>
        {saved ? (
          <>
            <p role="status">
              Added “{title}” to <code>{saved.file}</code>.
            </p>
            <div className="dialog-actions">
              <button onClick={onClose}>Close</button>
              <button className="primary" onClick={() => (onClose(), openOnDashboardsPage(saved.file))}>
                Open the dashboard
              </button>
            </div>
          </>
        ) : (
          <>
            <label>
              Tile title
              <input value={title} onChange={(event) => setTitle(event.target.value)} />
            </label>
            <fieldset className="dash-targets">
              <legend>Add it to</legend>
              <label className="radio">
                <input type="radio" name="target" checked={target === 'existing'} disabled={!dashboards?.length} onChange={() => setTarget('existing')} />
                an existing dashboard
              </label>
              {target === 'existing' && (
                <select aria-label="Dashboard" value={file} onChange={(event) => setFile(event.target.value)}>
                  {(dashboards ?? []).map((entry) => (
                    <option key={entry.file} value={entry.file}>
                      {entry.title} ({entry.file.replace(/^dashboards\//, '')})
                    </option>
                  ))}
                </select>
              )}
              <label className="radio">
                <input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} />
                a new dashboard
              </label>
              {target === 'new' && (
                <input aria-label="New dashboard title" placeholder="e.g. Sales review" value={newTitle} onChange={(event) => setNewTitle(event.target.value)} />
              )}
              {target === 'new' && newTitle.trim() !== '' && (
                <span className="muted small">Saved as {fileForTitle(newTitle, (dashboards ?? []).map((entry) => entry.file))}</span>
              )}
            </fieldset>
            {error !== null && <ErrorMessage error={error} />}
            <div className="dialog-actions">
              <button onClick={onClose}>Cancel</button>
              <button className="primary" disabled={!ready || busy} onClick={() => void save()}>
                {busy ? 'Saving…' : 'Save'}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
