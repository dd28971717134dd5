/**
 * The DuckDB type a Postgres column lands as, from its `format_type()` text, e.g. `numeric(12,2)` or
 * `timestamp with time zone`. Arrays, ranges, enums, intervals and other types DuckDB cannot read from
 * Postgres' text output land as VARCHAR, exactly as Postgres writes them.
 */
export function duckdbTypeForPostgres(formatted: string): string {
  const type = formatted.toLowerCase().trim();
  if (type.endsWith('[]')) return 'VARCHAR';
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(type);
  if (numeric) {
    const [precision, scale] = [Number(numeric[1]), Number(numeric[2])];
    return precision <= 38 ? `DECIMAL(${precision},${scale})` : 'DOUBLE';
  }
  if (/^numeric\(\d+\)$/.test(type)) {
    const precision = Number(/\d+/.exec(type)![0]);
    return precision <= 38 ? `DECIMAL(${precision},0)` : 'DOUBLE';
  }
  const base = type.replace(/\(\d+(,\d+)?\)/, '');
  switch (base) {
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'numeric':
    case 'double precision':
      return 'DOUBLE';
    case 'real':
      return 'FLOAT';
    case 'boolean':
      return 'BOOLEAN';
    case 'uuid':
      return 'UUID';
    case 'date':
      return 'DATE';
    case 'timestamp without time zone':
      return 'TIMESTAMP';
    case 'timestamp with time zone':
      return 'TIMESTAMPTZ';
    case 'time without time zone':
      return 'TIME';
    case 'json':
    case 'jsonb':
      return 'JSON';
    default:
      return 'VARCHAR';
  }
}
