import type { DisplayPage } from '../arrowCells.ts';

/** One page of rows; NULL is shown apart from an empty string, numbers right-aligned, types under names. */
export function ResultTable({ page, firstRow }: { page: DisplayPage; firstRow: number }) {
  return (
    <div className="result-scroll">
      <table className="result-table" data-testid="result-table">
        <thead>
          <tr>
            <th className="row-number">#</th>
            {page.columns.map((column, c) => (
              <th key={c} className={column.numeric ? 'numeric' : undefined}>
                <div className="column-name">{column.name}</div>
                <div className="column-type">{column.type}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, r) => (
            <tr key={r}>
              <td className="row-number">{firstRow + r + 1}</td>
              {row.map((cell, c) => (
                <td key={c} className={page.columns[c].numeric ? 'numeric' : undefined} title={cell ?? 'NULL'}>
                  {cell === null ? <span className="null">NULL</span> : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
