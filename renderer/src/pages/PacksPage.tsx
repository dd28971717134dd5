import type { WorkspaceInfo } from '../../../core/api/workspace.ts';

export function PacksPage({ info }: { info: WorkspaceInfo }) {
  return (
    <div className="page">
      <h1>Packs</h1>
      <p className="lede">
        Metric packs are folders under <code>packs/</code> with a <code>pack.yml</code>, metric SQL and charts.
      </p>
      {info.packs.length === 0 ? (
        <p className="empty">This workspace has no packs of its own.</p>
      ) : (
        <ul className="plain-list">
          {info.packs.map((pack) => (
            <li key={pack}>
              <code>packs/{pack}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
