import type { WorkspaceInfo } from '../../../core/api/workspace.ts';

export function DashboardsPage({ info }: { info: WorkspaceInfo }) {
  return (
    <div className="page">
      <h1>Dashboards</h1>
      <p className="lede">
        Dashboards are <code>*.dashboard.yml</code> files under <code>dashboards/</code>, reviewed in git like code.
      </p>
      {info.dashboards.length === 0 ? (
        <p className="empty">This workspace has no dashboards yet.</p>
      ) : (
        <ul className="plain-list">
          {info.dashboards.map((file) => (
            <li key={file}>
              <code>{file}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
