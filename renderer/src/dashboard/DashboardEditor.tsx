import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Dashboard, DashboardTile, TileData } from '../../../core/api/dashboards.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { onDashboardChanged } from './dashboardEvents.ts';
import { DashboardGrid } from './DashboardGrid.tsx';
import { addTile, idsFromTitles, runKey, stableJson, type TileDraft } from './draft.ts';
import { dropDraft, loadDraft, saveDraft } from './drafts.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { ParametersBar, type ParameterValue, type ParameterValues } from './ParametersBar.tsx';
import { SaveToDashboardDialog } from './SaveToDashboardDialog.tsx';
import { TilePanel } from './TilePanel.tsx';
import { defaultSize } from './view/layout.ts';

interface DashboardEditorProps {
  workspace: string;
  file: string;
  currency: string;
  dark: boolean;
  /** A dashboard not written yet (just created): its starting definition. */
  created?: Dashboard;
  onSaved(file: string): void;
  onDirtyChange(file: string, dirty: boolean): void;
}

/** The file as last read or written: what the draft is compared with, and what a save expects to replace. */
interface OnDisk {
  /** null while the file does not exist yet. */
  text: string | null;
  dashboard: Dashboard;
}

type Banner =
  | { kind: 'notice'; text: string }
  | { kind: 'changed'; disk: OnDisk }
  | { kind: 'broken-on-disk'; error: unknown }
  | { kind: 'conflict' };

const NEW_TILE: TileDraft = {
  title: 'New tile',
  display: 'table',
  sql: 'select segment, count(*) as accounts\nfrom core.accounts\ngroup by all\norder by accounts desc',
};

/**
 * One dashboard, viewed or edited: parameters at the top, tiles on the grid, a tile editor beside it. Changes are
 * kept as a draft until saved (and in the browser's storage, so closing never loses them); a change to the file on
 * disk reloads it, or asks first when there are unsaved changes.
 */
export function DashboardEditor({ workspace, file, currency, dark, created, onSaved, onDirtyChange }: DashboardEditorProps) {
  const [disk, setDisk] = useState<OnDisk | null>(null);
  const [draft, setDraft] = useState<Dashboard | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<ParameterValues>({});
  const [data, setData] = useState<Record<string, TileData | undefined>>({});
  const [resolved, setResolved] = useState<Record<string, unknown>>({});
  const [running, setRunning] = useState<ReadonlySet<string>>(new Set());
  const [runError, setRunError] = useState<unknown>(null);
  const [editing, setEditing] = useState(created !== undefined);
  const [selected, setSelected] = useState<string | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [copying, setCopying] = useState<DashboardTile | null>(null);
  const source = useMemo(() => ({ file }), [file]);
  // Read when the dashboard opens; after its first save it is a file like any other.
  const createdAtOpen = useRef(created);

  // Open: the file, or a new dashboard; unsaved changes from before come back. (The page mounts one editor per file.)
  useEffect(() => {
    let current = true;
    const stored = loadDraft(workspace, file);
    const fresh = createdAtOpen.current;
    const opened: Promise<OnDisk> = fresh ? Promise.resolve({ text: null, dashboard: fresh }) : api.readDashboard({ source: { file } });
    opened.then(
      (found) => {
        if (!current) return;
        setDisk({ text: found.text, dashboard: found.dashboard });
        if (stored && stableJson(stored.dashboard) !== stableJson(found.dashboard)) {
          setDraft(stored.dashboard);
          setEditing(true);
          setBanner(
            stored.baseText === found.text
              ? { kind: 'notice', text: 'Your unsaved changes from before are back.' }
              : { kind: 'changed', disk: { text: found.text, dashboard: found.dashboard } },
          );
        } else {
          setDraft(found.dashboard);
        }
      },
      (error: unknown) => {
        if (!current) return;
        setLoadError(error);
        if (stored) {
          setDisk({ text: stored.baseText, dashboard: stored.dashboard });
          setDraft(stored.dashboard);
          setEditing(true);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [workspace, file]);

  const dirty = draft !== null && disk !== null && (disk.text === null || stableJson(draft) !== stableJson(disk.dashboard));
  useEffect(() => {
    if (!draft || !disk) return;
    if (dirty) saveDraft(workspace, file, { baseText: disk.text, dashboard: draft });
    else dropDraft(workspace, file);
    onDirtyChange(file, dirty);
  }, [workspace, file, draft, disk, dirty, onDirtyChange]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Run the tiles whose definition changed, or all of them when the parameters did.
  const ran = useRef<{ parameters: string; tiles: Map<string, string>; generation: number }>({ parameters: '', tiles: new Map(), generation: 0 });
  useEffect(() => {
    if (!draft || draft.tiles.length === 0) return;
    const parameters = stableJson([values, draft.parameters]);
    const stale = parameters !== ran.current.parameters ? draft.tiles : draft.tiles.filter((tile) => ran.current.tiles.get(tile.id) !== runKey(tile));
    if (stale.length === 0) return;
    const ids = stale.map((tile) => tile.id);
    const timer = setTimeout(() => {
      const generation = ++ran.current.generation;
      ran.current.parameters = parameters;
      for (const tile of stale) ran.current.tiles.set(tile.id, runKey(tile));
      setRunning((before) => new Set([...before, ...ids]));
      api.runDashboard({ source, dashboard: draft, values, tiles: ids }).then(
        (run) => {
          setData((before) => ({ ...before, ...Object.fromEntries(run.tiles.map((tile) => [tile.id, tile])) }));
          setResolved(run.parameters);
          setRunError(null);
        },
        (error: unknown) => {
          ran.current.parameters = '';
          setRunError(error);
        },
      ).finally(() => {
        if (generation === ran.current.generation) setRunning(new Set());
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [draft, values, source]);

  const reload = useCallback((found: OnDisk) => {
    setDisk(found);
    setDraft(found.dashboard);
    setBanner({ kind: 'notice', text: `Reloaded ${file}: it changed on disk.` });
  }, [file]);

  // A change on disk (an editor, a git pull): reload, or ask first when that would drop unsaved changes.
  const latest = useRef({ disk, dirty });
  useEffect(() => {
    latest.current = { disk, dirty };
  });
  useEffect(
    () =>
      onDashboardChanged((changed) => {
        if (changed !== file) return;
        api.readDashboard({ source: { file } }).then(
          (found) => {
            const { disk: known, dirty: unsaved } = latest.current;
            if (!known || found.text === known.text) return;
            if (unsaved) setBanner({ kind: 'changed', disk: { text: found.text, dashboard: found.dashboard } });
            else reload({ text: found.text, dashboard: found.dashboard });
          },
          (error: unknown) => setBanner({ kind: 'broken-on-disk', error }),
        );
      }),
    [file, reload],
  );

  const save = useCallback(
    async (overwrite = false) => {
      if (!draft || !disk || draft.tiles.length === 0) return;
      setSaving(true);
      setSaveError(null);
      try {
        const { dashboard: named, renamed } = idsFromTitles(draft, new Set(disk.dashboard.tiles.map((tile) => tile.id)));
        const written = await api.saveDashboard({ file, dashboard: named, ...(overwrite ? {} : { baseText: disk.text }) });
        setDisk({ text: written.text, dashboard: named });
        setDraft(named);
        setSelected((id) => (id && renamed.get(id)) ?? id);
        if (renamed.size > 0) setData((before) => Object.fromEntries(Object.entries(before).map(([id, tile]) => [renamed.get(id) ?? id, tile && { ...tile, id: renamed.get(id) ?? id }])));
        setBanner(null);
        onSaved(file);
      } catch (error) {
        if ((error as { code?: string }).code === 'changed_on_disk') setBanner({ kind: 'conflict' });
        else setSaveError(error);
      } finally {
        setSaving(false);
      }
    },
    [draft, disk, file, onSaved],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  if (loadError && !draft) {
    return (
      <div className="dash-editor" data-testid="dashboard-error">
        <h2 className="dash-file-name">{file}</h2>
        <ErrorMessage error={loadError} />
        <p className="muted">Fix the file in your editor; it opens here as soon as it is valid again.</p>
      </div>
    );
  }
  if (!draft || !disk) return <p className="muted dash-editor">Opening {file}…</p>;

  const change = (next: Dashboard) => setDraft(next);
  const changeTile = (tile: DashboardTile) => {
    const before = draft.tiles.find((existing) => existing.id === tile.id);
    const tiles = draft.tiles.map((existing) => (existing.id === tile.id ? tile : existing));
    // A tile still at its display's default size takes the new display's (a KPI is smaller than a chart).
    const layout = draft.layout.map((placement) => {
      const old = before && defaultSize(before.display);
      if (!before || placement.tile !== tile.id || before.display === tile.display || placement.w !== old!.w || placement.h !== old!.h) return placement;
      return { ...placement, ...defaultSize(tile.display) };
    });
    change({ ...draft, tiles, layout });
  };
  const removeTile = (id: string) => {
    setSelected(null);
    change({ ...draft, tiles: draft.tiles.filter((tile) => tile.id !== id), layout: draft.layout.filter((placement) => placement.tile !== id) });
  };
  const newTile = () => {
    const { dashboard, id } = addTile(draft, NEW_TILE);
    change(dashboard);
    setSelected(id);
  };
  const setValue = (name: string, value: ParameterValue) => setValues((before) => ({ ...before, [name]: value }));
  const selectedTile = draft.tiles.find((tile) => tile.id === selected);

  return (
    <div className={`dash-editor${selectedTile ? ' with-panel' : ''}`} data-testid="dashboard-editor">
      <div className="dash-main">
        <div className="dash-toolbar">
          {editing ? (
            <input className="dash-title-input" aria-label="Dashboard title" value={draft.title} onChange={(event) => event.target.value.trim() && change({ ...draft, title: event.target.value })} />
          ) : (
            <h1 className="dash-page-title">{draft.title}</h1>
          )}
          <span className={`dash-save-state${dirty ? ' dirty' : ''}`} data-testid="save-state">
            {dirty ? (disk.text === null ? 'Not saved yet' : 'Unsaved changes') : 'Saved'}
          </span>
          <span className="spacer" />
          <button aria-pressed={editing} onClick={() => (setEditing(!editing), setSelected(null))}>
            {editing ? 'Done editing' : 'Edit'}
          </button>
          {editing && <button onClick={newTile}>Add tile</button>}
          {dirty && disk.text !== null && (
            <button onClick={() => (setDraft(disk.dashboard), setSelected(null))} title="Drop the unsaved changes">
              Revert
            </button>
          )}
          <button className="primary" onClick={() => void save()} disabled={!dirty || saving || draft.tiles.length === 0} title={draft.tiles.length === 0 ? 'Add a tile to save the dashboard' : 'Save (Ctrl+S)'}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          {draft.tiles.length > 0 && <ExportMenu source={source} dashboard={draft} values={values} dark={dark} />}
        </div>
        <p className="muted dash-file-line">
          <code>{file}</code>
          {draft.description && <span> · {draft.description}</span>}
        </p>
        {banner && <BannerView banner={banner} file={file} onReload={reload} onKeepMine={(found) => (setDisk(found), setBanner(null))} onOverwrite={() => void save(true)} onDismiss={() => setBanner(null)} />}
        {saveError !== null && <ErrorMessage error={saveError} />}
        {runError !== null && <ErrorMessage error={runError} />}
        <ParametersBar
          dashboard={draft}
          source={source}
          values={values}
          resolved={resolved}
          onChange={setValue}
          onRemove={editing ? (name) => change({ ...draft, parameters: draft.parameters.filter((parameter) => parameter.name !== name) }) : undefined}
        />
        {draft.tiles.length === 0 ? (
          <div className="dash-empty">
            <p>This dashboard has no tiles yet.</p>
            <button className="primary" onClick={newTile}>
              Add a tile
            </button>
          </div>
        ) : (
          <DashboardGrid
            dashboard={draft}
            data={data}
            dark={dark}
            currency={currency}
            running={running}
            editing={editing}
            selected={selected}
            onLayout={(layout) => change({ ...draft, layout })}
            onSelect={setSelected}
            actions={(tile) =>
              !editing && (
                <TileMenu tile={tile} onCopy={() => setCopying(tile)}>
                  <ExportMenu source={source} dashboard={draft} values={values} dark={dark} tile={tile.id} label="Export…" />
                </TileMenu>
              )
            }
          />
        )}
      </div>
      {selectedTile && (
        <TilePanel
          key={selectedTile.id}
          editorKey={`${workspace}:${file}`}
          tile={selectedTile}
          data={data[selectedTile.id]}
          dark={dark}
          onChange={changeTile}
          onRemove={() => removeTile(selectedTile.id)}
          onClose={() => setSelected(null)}
        />
      )}
      {copying && <SaveToDashboardDialog tile={withoutId(copying)} onClose={() => setCopying(null)} />}
    </div>
  );
}

function withoutId(tile: DashboardTile): TileDraft {
  const { id: _id, ...rest } = tile;
  return rest;
}

function TileMenu({ tile, onCopy, children }: { tile: DashboardTile; onCopy(): void; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="dash-menu dash-tile-menu">
      <button className="dash-icon-button" aria-label={`More for ${tile.title}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <div className="menu-items dash-menu-items dash-menu-right" role="menu" onMouseLeave={() => setOpen(false)}>
          <button role="menuitem" onClick={() => (setOpen(false), onCopy())}>
            Add to a dashboard…
          </button>
          {children}
        </div>
      )}
    </div>
  );
}

function BannerView(props: { banner: Banner; file: string; onReload(disk: OnDisk): void; onKeepMine(disk: OnDisk): void; onOverwrite(): void; onDismiss(): void }) {
  const { banner, file } = props;
  switch (banner.kind) {
    case 'notice':
      return (
        <div className="dash-banner" role="status">
          {banner.text}
          <button className="link" onClick={props.onDismiss}>
            Dismiss
          </button>
        </div>
      );
    case 'changed':
      return (
        <div className="dash-banner warn" role="alert">
          <span>
            <code>{file}</code> changed on disk (another editor or a git pull) while you have unsaved changes.
          </span>
          <button onClick={() => props.onReload(banner.disk)}>Reload from disk</button>
          <button onClick={() => props.onKeepMine(banner.disk)}>Keep my changes</button>
        </div>
      );
    case 'conflict':
      return (
        <div className="dash-banner warn" role="alert">
          <span>
            <code>{file}</code> changed on disk since you opened it: saving would replace that change.
          </span>
          <button onClick={props.onOverwrite}>Save mine over it</button>
          <button onClick={props.onDismiss}>Cancel</button>
        </div>
      );
    case 'broken-on-disk':
      return (
        <div className="dash-banner warn" role="alert">
          <span>The file on disk no longer opens; what you see is the last version that did.</span>
          <ErrorMessage error={banner.error} />
        </div>
      );
  }
}
