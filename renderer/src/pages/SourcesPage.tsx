import type { WorkspaceInfo } from '../../../core/api/workspace.ts';

export function SourcesPage({ info }: { info: WorkspaceInfo }) {
  return (
    <div className="page">
      <h1>Sources</h1>
      <p className="lede">
        Each source lands its tables in the schema <code>raw_&lt;name&gt;</code>. Sources are declared in{' '}
        <code>bizops.yml</code>; their secrets stay in the keychain or in <code>BIZOPS_&lt;SOURCE&gt;_&lt;OPTION&gt;</code>{' '}
        environment variables.
      </p>
      {info.sources.length === 0 ? (
        <p className="empty">This workspace declares no sources yet.</p>
      ) : (
        <table className="list-table" data-testid="sources-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Lands in</th>
            </tr>
          </thead>
          <tbody>
            {info.sources.map((source) => (
              <tr key={source.name}>
                <td>{source.name}</td>
                <td>{source.type}</td>
                <td>
                  <code>raw_{source.name}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
