import './workspaces.css';
import { useState } from 'react';
import type { WorkspacesInfo } from '../../../core/api/workspaces.ts';
import { api } from '../api.ts';
import { useAsync } from '../useAsync.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** Sample company sizes offered when creating a workspace (the scale `bizops init --sample --scale` takes). */
const SAMPLE_SIZES = [
  { scale: 0.1, label: 'Small — about 500 accounts (a few seconds)' },
  { scale: 1, label: 'Full — about 5,000 accounts and a million product events (a minute or so)' },
];

export type SwitcherMode = 'open' | 'create';

/**
 * Open another workspace (a recent one, or a folder), or create one, with or without the sample company. The page
 * reloads on the workspace that opens, so every view starts from it.
 */
export function WorkspaceSwitcher({ initialMode, onClose }: { initialMode: SwitcherMode; onClose?: () => void }) {
  const [info, reload] = useAsync(() => api.workspaces({}));
  const [mode, setMode] = useState<SwitcherMode>(initialMode);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();

  const run = async (what: string, work: () => Promise<unknown>) => {
    setBusy(what);
    setError(undefined);
    try {
      await work();
      window.location.reload();
    } catch (failure) {
      setError(failure);
      setBusy(null);
    }
  };

  const ready = info.status === 'ready' ? info.value : undefined;
  return (
    <div className="switcher-backdrop" onClick={(event) => event.target === event.currentTarget && onClose?.()}>
      <section className="switcher" role="dialog" aria-modal="true" aria-label="Workspaces">
        <header className="switcher-head">
          <h2>Workspaces</h2>
          {onClose && (
            <button className="switcher-close" onClick={onClose} aria-label="Close">
              ×
            </button>
          )}
        </header>
        {ready?.current && (
          <p className="muted">
            Open now: <strong>{ready.current.name}</strong> · {ready.current.root}
          </p>
        )}
        {info.status === 'failed' && <ErrorMessage error={info.error} />}
        {ready && !ready.switchable && <p className="muted">This host serves one workspace; start the desktop app or `bizops serve` to switch.</p>}
        {ready?.switchable && (
          <>
            <div className="segmented" role="tablist" aria-label="Open or create">
              {(['open', 'create'] as const).map((option) => (
                <button key={option} role="tab" aria-selected={mode === option} className={mode === option ? 'selected' : undefined} onClick={() => setMode(option)}>
                  {option === 'open' ? 'Open' : 'New workspace'}
                </button>
              ))}
            </div>
            {mode === 'open' ? (
              <OpenWorkspace info={ready} disabled={busy !== null} onOpen={(path) => void run(`Opening ${path}…`, () => api.openWorkspace({ path }))} onForget={(path) => void api.forgetWorkspace({ path }).then(reload, setError)} />
            ) : (
              <CreateWorkspace folderDialog={ready.folderDialog} disabled={busy !== null} onCreate={(arg) => void run(arg.sample ? 'Generating the sample company, syncing it and building its models…' : 'Creating the workspace…', () => api.createWorkspace(arg))} />
            )}
          </>
        )}
        {busy && (
          <p className="busy" role="status">
            {busy}
          </p>
        )}
        {error !== undefined && <ErrorMessage error={error} />}
      </section>
    </div>
  );
}

function OpenWorkspace(props: { info: WorkspacesInfo; disabled: boolean; onOpen: (path: string) => void; onForget: (path: string) => void }) {
  const { info, disabled, onOpen, onForget } = props;
  const [path, setPath] = useState('');
  return (
    <>
      <h3>Recent</h3>
      {info.recent.length === 0 ? (
        <p className="muted">No other workspace opened yet.</p>
      ) : (
        <ul className="recent-workspaces" aria-label="Recent workspaces">
          {info.recent.map((entry) => (
            <li key={entry.root}>
              <button className="recent-open" disabled={disabled || entry.missing} onClick={() => onOpen(entry.root)}>
                <strong>{entry.name}</strong>
                <span className="muted">{entry.root}</span>
              </button>
              {entry.missing && <span className="muted">folder not found</span>}
              <button className="recent-forget" onClick={() => onForget(entry.root)} aria-label={`Remove ${entry.name} from the list`} disabled={disabled}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>A workspace folder</h3>
      <form
        className="switcher-form"
        onSubmit={(event) => {
          event.preventDefault();
          onOpen(path);
        }}
      >
        <FolderField label="Folder" value={path} onChange={setPath} folderDialog={info.folderDialog} purpose="open" />
        <button className="primary" type="submit" disabled={disabled || path.trim() === ''}>
          Open
        </button>
      </form>
    </>
  );
}

function CreateWorkspace(props: { folderDialog: boolean; disabled: boolean; onCreate: (arg: { path: string; name?: string; sample: boolean; scale: number }) => void }) {
  const { folderDialog, disabled, onCreate } = props;
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [sample, setSample] = useState(true);
  const [scale, setScale] = useState(SAMPLE_SIZES[0].scale);
  return (
    <form
      className="switcher-form"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate({ path, name: name.trim() || undefined, sample, scale });
      }}
    >
      <FolderField label="New folder" value={path} onChange={setPath} folderDialog={folderDialog} purpose="create" />
      <label>
        Name
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="the folder's name" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={sample} onChange={(event) => setSample(event.target.checked)} />
        Fill it with the sample company (generated CRM, billing, ads and product data, synced and modelled)
      </label>
      {sample && (
        <label>
          Sample size
          <select value={scale} onChange={(event) => setScale(Number(event.target.value))}>
            {SAMPLE_SIZES.map((size) => (
              <option key={size.scale} value={size.scale}>
                {size.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <button className="primary" type="submit" disabled={disabled || path.trim() === ''}>
        Create
      </button>
    </form>
  );
}

function FolderField(props: { label: string; value: string; onChange: (path: string) => void; folderDialog: boolean; purpose: 'open' | 'create' }) {
  const { label, value, onChange, folderDialog, purpose } = props;
  const [error, setError] = useState<unknown>();
  return (
    <>
      <label>
        {label}
        <span className="folder-field">
          <input value={value} onChange={(event) => onChange(event.target.value)} placeholder="/Users/you/Analytics" spellCheck={false} />
          {folderDialog && (
            <button type="button" onClick={() => void api.chooseFolder({ purpose }).then((chosen) => chosen.path && onChange(chosen.path), setError)}>
              Browse…
            </button>
          )}
        </span>
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
    </>
  );
}
