import { useEffect, useState } from 'react';
import type { Dashboard, DashboardRun, DashboardTile } from '../../../core/api/dashboards.ts';
import type { PackInfo } from '../../../core/api/packs.ts';
import type { WorkspaceInfo } from '../../../core/api/workspace.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { DashboardGrid } from '../dashboard/DashboardGrid.tsx';
import { openOnDashboardsPage } from '../dashboard/drafts.ts';
import { ExportMenu } from '../dashboard/ExportMenu.tsx';
import { ParametersBar, type ParameterValue, type ParameterValues } from '../dashboard/ParametersBar.tsx';
import { SaveToDashboardDialog } from '../dashboard/SaveToDashboardDialog.tsx';
import { useDarkTheme } from '../dashboard/useDarkTheme.ts';
import { useAsync } from '../useAsync.ts';
import '../dashboard/dashboard-editor.css';

const OPEN_PACK = 'bizops.packs.open';

/** The metric packs: a gallery, and a pack's dashboard for a chosen period, to read or to copy into the workspace. */
export function PacksPage({ info }: { info: WorkspaceInfo }) {
  const [packs] = useAsync(() => api.listPacks({}));
  const [open, setOpen] = useState<string | null>(() => sessionStorage.getItem(OPEN_PACK));
  useEffect(() => {
    if (open) sessionStorage.setItem(OPEN_PACK, open);
    else sessionStorage.removeItem(OPEN_PACK);
  }, [open]);

  if (packs.status === 'loading') return <p className="page muted">Loading the metric packs…</p>;
  if (packs.status === 'failed') return <div className="page"><ErrorMessage error={packs.error} /></div>;
  const pack = packs.value.find((candidate) => candidate.name === open);
  if (pack) return <PackView key={pack.name} pack={pack} info={info} onBack={() => setOpen(null)} />;

  return (
    <div className="page packs-page">
      <h1>Metric packs</h1>
      <p className="lede">
        Ready-made metrics and dashboards over the business data model (<code>core.*</code>). Open one to see it for any period; save its
        dashboard to your workspace to make it your own.
      </p>
      <div className="pack-gallery">
        {packs.value.map((candidate) => (
          <button key={candidate.name} className="pack-card" onClick={() => setOpen(candidate.name)} aria-label={`Open the ${candidate.title} pack`}>
            <span className="pack-card-head">
              <span className="pack-card-title">{candidate.title}</span>
              <span className={`pack-origin ${candidate.origin}`}>{candidate.origin === 'built-in' ? 'Built in' : 'Workspace'}</span>
            </span>
            <span className="pack-card-description">{candidate.description}</span>
            <span className="pack-card-metrics">
              {candidate.metrics.slice(0, 6).map((metric) => (
                <span key={metric.name} className="pack-chip">
                  {metric.title}
                </span>
              ))}
              {candidate.metrics.length > 6 && <span className="pack-chip muted">+{candidate.metrics.length - 6} more</span>}
            </span>
            <span className="muted small">
              {plural(candidate.metrics.length, 'metric')} · {plural(candidate.charts.length, 'chart')}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

function PackView({ pack, info, onBack }: { pack: PackInfo; info: WorkspaceInfo; onBack(): void }) {
  const dark = useDarkTheme();
  const source = { pack: pack.name };
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [values, setValues] = useState<ParameterValues>({});
  const [result, setResult] = useState<{ key: string; run: DashboardRun } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copy, setCopy] = useState<{ state: 'idle' | 'naming' | 'saving'; name: string; error?: unknown; file?: string }>({ state: 'idle', name: pack.name });
  const [adding, setAdding] = useState<DashboardTile | null>(null);
  const runKey = JSON.stringify(values);
  const run = result?.run ?? null;
  const running = dashboard !== null && result?.key !== runKey && error === null;

  useEffect(() => {
    api.readDashboard({ source: { pack: pack.name } }).then((opened) => setDashboard(opened.dashboard), setError);
  }, [pack.name]);
  useEffect(() => {
    if (!dashboard) return;
    let current = true;
    api.runDashboard({ source: { pack: pack.name }, values }).then(
      (ran) => current && (setResult({ key: runKey, run: ran }), setError(null)),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [dashboard, pack.name, values, runKey]);

  const saveCopy = async (name: string) => {
    setCopy({ state: 'saving', name });
    try {
      const { file } = await api.copyPackDashboard({ pack: pack.name, ...(name !== pack.name && { name }) });
      setCopy({ state: 'idle', name, file });
    } catch (failure) {
      const taken = (failure as { code?: string }).code === 'already_exists';
      setCopy({ state: taken ? 'naming' : 'idle', name: taken ? `${name}-2` : name, error: failure });
    }
  };
  const data = Object.fromEntries((run?.tiles ?? []).map((tile) => [tile.id, tile]));

  return (
    <div className="page pack-view">
      <div className="dash-toolbar">
        <button className="link" onClick={onBack}>
          ← All packs
        </button>
        <h1 className="dash-page-title">{pack.title}</h1>
        {running && <span className="muted small">Computing…</span>}
        <span className="spacer" />
        {copy.state === 'naming' ? (
          <form className="dash-row" onSubmit={(event) => (event.preventDefault(), void saveCopy(copy.name))}>
            <label className="muted small" htmlFor="copy-name">
              Save as dashboards/
            </label>
            <input id="copy-name" value={copy.name} onChange={(event) => setCopy({ ...copy, name: event.target.value })} pattern="[a-z0-9][a-z0-9_\-]*" />
            <span className="muted small">.dashboard.yml</span>
            <button type="submit" className="primary">
              Save
            </button>
          </form>
        ) : (
          <button className="primary" onClick={() => void saveCopy(copy.name)} disabled={copy.state === 'saving' || !dashboard}>
            {copy.state === 'saving' ? 'Saving…' : 'Save to workspace'}
          </button>
        )}
        {dashboard && <ExportMenu source={source} dashboard={dashboard} values={values} dark={dark} />}
      </div>
      <p className="lede">{pack.description}</p>
      {copy.file && (
        <div className="dash-banner" role="status">
          Saved as <code>{copy.file}</code>: it is yours to change.
          <button onClick={() => openOnDashboardsPage(copy.file!)}>Open it</button>
        </div>
      )}
      {copy.error !== undefined && copy.state === 'naming' && <ErrorMessage error={copy.error} />}
      {error !== null && <ErrorMessage error={error} />}
      {dashboard && (
        <>
          <ParametersBar dashboard={dashboard} source={source} values={values} resolved={run?.parameters ?? {}} onChange={(name: string, value: ParameterValue) => setValues((before) => ({ ...before, [name]: value }))} />
          <DashboardGrid
            dashboard={dashboard}
            data={data}
            dark={dark}
            currency={info.currency}
            running={running ? new Set(dashboard.tiles.map((tile) => tile.id)) : undefined}
            actions={(tile) => (
              <button className="dash-tile-button dash-hover" onClick={() => setAdding(tile)} title="Add this tile to a dashboard of your own">
                Add to dashboard
              </button>
            )}
          />
        </>
      )}
      {adding && <SaveToDashboardDialog tile={withoutId(adding)} onClose={() => setAdding(null)} />}
    </div>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function withoutId(tile: DashboardTile) {
  const { id: _id, ...rest } = tile;
  return rest;
}
