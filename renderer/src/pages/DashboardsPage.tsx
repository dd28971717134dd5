import { useCallback, useEffect, useState } from 'react';
import type { Dashboard, DashboardEntry } from '../../../core/api/dashboards.ts';
import type { WorkspaceInfo } from '../../../core/api/workspace.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { DashboardEditor } from '../dashboard/DashboardEditor.tsx';
import { onDashboardChanged } from '../dashboard/dashboardEvents.ts';
import { emptyDashboard, fileForTitle } from '../dashboard/draft.ts';
import { dashboardToOpen, draftFiles, loadDraft, rememberOpenDashboard } from '../dashboard/drafts.ts';
import { useDarkTheme } from '../dashboard/useDarkTheme.ts';
import '../dashboard/dashboard-editor.css';

/**
 * The workspace's dashboards (files under dashboards/, reviewed in git like code): a list, broken files with their
 * error, and the open dashboard to view, edit and export.
 */
export function DashboardsPage({ info }: { info: WorkspaceInfo }) {
  const dark = useDarkTheme();
  const [entries, setEntries] = useState<DashboardEntry[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(dashboardToOpen);
  const [created, setCreated] = useState<Record<string, Dashboard>>({});
  const [dirty, setDirty] = useState<ReadonlySet<string>>(() => new Set(draftFiles(info.root)));
  const [naming, setNaming] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.listDashboards({}).then(
      (list) => (setEntries(list), setListError(null)),
      (error: unknown) => setListError(error),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => onDashboardChanged(refresh), [refresh]);
  useEffect(() => rememberOpenDashboard(open), [open]);

  // Dashboards being made (new, unsaved) show in the list too, from their drafts.
  const unsaved = [...dirty]
    .filter((file) => !entries?.some((entry) => entry.file === file))
    .map((file) => ({ file, title: created[file]?.title ?? loadDraft(info.root, file)?.dashboard.title ?? file }));
  const listed: (DashboardEntry | { file: string; title: string })[] = [...(entries ?? []), ...unsaved];

  const onDirtyChange = useCallback((file: string, isDirty: boolean) => {
    setDirty((before) => {
      if (before.has(file) === isDirty) return before;
      const next = new Set(before);
      if (isDirty) next.add(file);
      else next.delete(file);
      return next;
    });
  }, []);
  const create = (title: string) => {
    const file = fileForTitle(title, listed.map((entry) => entry.file));
    setCreated((before) => ({ ...before, [file]: emptyDashboard(title) }));
    setNaming(null);
    setOpen(file);
  };
  const openEntry = open && entries ? listed.find((entry) => entry.file === open) : undefined;
  const newDraft = open && entries && !entries.some((entry) => entry.file === open) ? (created[open] ?? loadDraft(info.root, open)?.dashboard) : undefined;

  return (
    <div className="dash-page">
      <nav className="dash-list" aria-label="Dashboards">
        <div className="dash-list-head">
          <h1>Dashboards</h1>
          <button onClick={() => setNaming('')}>New</button>
        </div>
        {naming !== null && (
          <form className="dash-new" onSubmit={(event) => (event.preventDefault(), naming.trim() && create(naming.trim()))}>
            <input autoFocus aria-label="New dashboard title" placeholder="Title, e.g. Sales review" value={naming} onChange={(event) => setNaming(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && setNaming(null)} />
            <button type="submit" disabled={!naming.trim()}>
              Create
            </button>
          </form>
        )}
        {listError !== null && <ErrorMessage error={listError} />}
        {entries && listed.length === 0 && (
          <p className="muted small">
            No dashboards yet. Create one, or save a metric pack's dashboard from the Packs page. Each is a file in <code>dashboards/</code>.
          </p>
        )}
        <ul>
          {listed.map((entry) => (
            <li key={entry.file}>
              <button className={entry.file === open ? 'active' : undefined} aria-current={entry.file === open ? 'page' : undefined} onClick={() => setOpen(entry.file)}>
                <span className="dash-list-title">
                  {entry.title}
                  {dirty.has(entry.file) && (
                    <span className="dash-unsaved-dot" title="Unsaved changes" aria-label="unsaved changes">
                      ●
                    </span>
                  )}
                </span>
                <span className="dash-list-file">{entry.file.replace(/^dashboards\//, '')}</span>
                {'error' in entry && entry.error && <span className="dash-list-error">Cannot be opened: line {entry.error.where?.replace(/^.*:/, '')}</span>}
              </button>
            </li>
          ))}
        </ul>
        <p className="muted small dash-list-foot">
          Files under <code>dashboards/</code>; <code>dashboard.schema.json</code> beside them lets editors check them.
        </p>
      </nav>
      <div className="dash-open">
        {open && (openEntry || newDraft) ? (
          <DashboardEditor
            key={open}
            workspace={info.root}
            file={open}
            currency={info.currency}
            dark={dark}
            created={newDraft}
            onSaved={refresh}
            onDirtyChange={onDirtyChange}
          />
        ) : (
          <div className="dash-welcome">
            <h2>A dashboard is a file your team reviews</h2>
            <p className="muted">
              Pick a dashboard, or create one and add tiles from SQL. Every save writes <code>dashboards/&lt;name&gt;.dashboard.yml</code> in a stable
              layout, so a change shows as a small diff in a merge request.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
