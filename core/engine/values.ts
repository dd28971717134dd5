import {
  DuckDBTypeId,
  type DuckDBType,
  DuckDBArrayValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBUnionValue,
  type DuckDBValue,
} from '@duckdb/node-api';

/**
 * DuckDB values as JSON text. Numbers stay exact: BIGINT and DECIMAL are written as JSON numbers with every
 * digit (not through a double); dates, times and other scalars as DuckDB renders them, quoted.
 */
export function valueToJson(value: DuckDBValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
  }
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    return `[${value.items.map(valueToJson).join(',')}]`;
  }
  if (value instanceof DuckDBStructValue) {
    return `{${Object.entries(value.entries)
      .map(([key, item]) => `${JSON.stringify(key)}:${valueToJson(item)}`)
      .join(',')}}`;
  }
  if (value instanceof DuckDBMapValue) {
    const stringKeys = value.entries.every((entry) => typeof entry.key === 'string');
    return stringKeys
      ? `{${value.entries.map((entry) => `${JSON.stringify(entry.key)}:${valueToJson(entry.value)}`).join(',')}}`
      : `[${value.entries.map((entry) => `{"key":${valueToJson(entry.key)},"value":${valueToJson(entry.value)}}`).join(',')}]`;
  }
  if (value instanceof DuckDBUnionValue) return valueToJson(value.value);
  return JSON.stringify(String(value));
}

/** A value as plain text the way DuckDB prints it; null stays null so callers choose how to show it. */
export function valueToText(value: DuckDBValue): string | null {
  return value === null ? null : String(value);
}

const NUMERIC_TYPES = new Set([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DECIMAL,
]);

export function isNumericType(type: DuckDBType): boolean {
  return NUMERIC_TYPES.has(type.typeId);
}
