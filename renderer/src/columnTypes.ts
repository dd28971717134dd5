/** What a DuckDB type is for the UI: how to align it, filter it, and chart it. */
export type ColumnKind = 'number' | 'temporal' | 'text' | 'boolean' | 'other';

export function columnKind(type: string): ColumnKind {
  if (/^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL)\b/.test(type)) return 'number';
  if (/^(DATE|TIMESTAMP)\b/.test(type)) return 'temporal';
  if (type === 'BOOLEAN') return 'boolean';
  if (/^(VARCHAR|UUID|ENUM)\b/.test(type)) return 'text';
  return 'other';
}

/** Columns that identify rows rather than measure them: charts do not sum them by default. */
export function looksLikeKey(name: string): boolean {
  return /(^id$|_id$|^id_|_key$|^year$)/i.test(name);
}
