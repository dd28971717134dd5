import { useEffect, useState } from 'react';
import { api, onConnectionChange } from './api.ts';
import { ErrorMessage } from './components/ErrorMessage.tsx';
import { ScheduleStatus } from './components/ScheduleStatus.tsx';
import { WorkspaceSwitcher, type SwitcherMode } from './components/WorkspaceSwitcher.tsx';
import { DashboardsPage } from './pages/DashboardsPage.tsx';
import { ModelPage } from './pages/ModelPage.tsx';
import { PacksPage } from './pages/PacksPage.tsx';
import { SourcesPage } from './pages/SourcesPage.tsx';
import { SqlPage, type SqlCommand, type SqlRequest } from './pages/SqlPage.tsx';
import { useAsync } from './useAsync.ts';

const PAGES = ['sql', 'sources', 'model', 'packs', 'dashboards'] as const;
type PageName = (typeof PAGES)[number];
const TITLES: Record<PageName, string> = {
  sql: 'SQL',
  sources: 'Sources',
  model: 'Model',
  packs: 'Packs',
  dashboards: 'Dashboards',
};

function pageFromHash(): PageName {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as PageName) : 'sql';
}

function useTheme(): [boolean, () => void] {
  const system = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const [dark, setDark] = useState(() => {
    const saved = localStorage.getItem('bizops.theme');
    return saved ? saved === 'dark' : system;
  });
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    localStorage.setItem('bizops.theme', dark ? 'dark' : 'light');
  }, [dark]);
  return [dark, () => setDark((value) => !value)];
}

export function App() {
  const [page, setPage] = useState<PageName>(pageFromHash);
  const [dark, toggleTheme] = useTheme();
  const [lost, setLost] = useState(false);
  const [catalogVersion, setCatalogVersion] = useState(0);
  const [sqlRequest, setSqlRequest] = useState<SqlRequest | null>(null);
  const [info] = useAsync(() => api.workspaceInfo({}));
  const [switcher, setSwitcher] = useState<SwitcherMode | null>(null);
  const [sqlCommand, setSqlCommand] = useState<SqlCommand | null>(null);
  const noWorkspace = info.status === 'failed' && (info.error as { code?: string }).code === 'no_workspace';

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => onConnectionChange(setLost), []);
  useEffect(
    () => api.subscribe((event) => event.type === 'catalog.changed' && setCatalogVersion((n) => n + 1)),
    [],
  );
  // Another window (or the desktop menu) opened a workspace: start over on it.
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'workspace.opened' && info.status === 'ready' && event.root !== info.value.root) window.location.reload();
      }),
    [info],
  );
  // The desktop menu's commands: the new-workspace form here, the rest on the SQL page.
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type !== 'app.command') return;
        if (event.command === 'newWorkspace') return setSwitcher('create');
        window.location.hash = '#/sql';
        setSqlCommand((current) => ({ id: (current?.id ?? 0) + 1, name: event.command as SqlCommand['name'] }));
      }),
    [],
  );

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">BizOps</div>
        {PAGES.map((name) => (
          <a key={name} href={`#/${name}`} className={name === page ? 'active' : undefined} aria-current={name === page ? 'page' : undefined}>
            {TITLES[name]}
          </a>
        ))}
        <div className="spacer" />
        <button className="theme-toggle" onClick={toggleTheme}>
          {dark ? 'Light theme' : 'Dark theme'}
        </button>
      </nav>
      <main className="app-main">
        <header className="topbar">
          <button className="workspace-button" onClick={() => setSwitcher('open')} title="Open or create a workspace" aria-label="Workspaces">
            <span className="workspace-name" data-testid="workspace-name">
              {info.status === 'ready' ? info.value.name : ''}
            </span>
            {info.status === 'ready' && <span className="muted"> {info.value.root}</span>}
          </button>
          <ScheduleStatus />
          {lost && (
            <span className="connection-lost" role="status">
              Connection to the BizOps host lost: check that it is still running.
            </span>
          )}
        </header>
        <div className="content">
          {info.status === 'failed' && !noWorkspace && <ErrorMessage error={info.error} />}
          {(noWorkspace || switcher) && <WorkspaceSwitcher initialMode={switcher ?? 'open'} onClose={noWorkspace ? undefined : () => setSwitcher(null)} />}
          {/* The SQL page stays mounted: its tabs, results and scroll positions outlive a look at another page. */}
          <div className="page-slot" hidden={page !== 'sql'}>
            <SqlPage
              dark={dark}
              workspace={info.status === 'ready' ? info.value.root : undefined}
              catalogVersion={catalogVersion}
              request={sqlRequest}
              command={sqlCommand}
            />
          </div>
          {page === 'model' && (
            <ModelPage
              catalogVersion={catalogVersion}
              onQuery={(sql, name) => {
                setSqlRequest((current) => ({ id: (current?.id ?? 0) + 1, sql, name }));
                window.location.hash = '#/sql';
              }}
            />
          )}
          {info.status === 'ready' && page === 'sources' && <SourcesPage info={info.value} />}
          {info.status === 'ready' && page === 'packs' && <PacksPage info={info.value} />}
          {info.status === 'ready' && page === 'dashboards' && <DashboardsPage info={info.value} />}
        </div>
      </main>
    </div>
  );
}
