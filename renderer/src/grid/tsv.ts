/**
 * Rows as tab-separated text, the way spreadsheets paste it: NULL becomes an empty cell, and a value with a
 * tab, a line break or a quote is quoted with its quotes doubled.
 */
export function toTsv(rows: (string | null)[][]): string {
  return rows.map((row) => row.map(tsvCell).join('\t')).join('\n');
}

function tsvCell(value: string | null): string {
  if (value === null) return '';
  return /[\t\n\r"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
