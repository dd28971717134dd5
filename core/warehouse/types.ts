import { DuckDBDecimalType, DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { quoteIdent } from './names.ts';

/** One column on its way from DuckDB to Postgres. */
export interface PushColumn {
  name: string;
  /** As DuckDB writes it, e.g. `DECIMAL(18,2)`. */
  duckdbType: string;
  /** As Postgres' format_type() writes it, so it compares equal to an existing column's type. */
  postgresType: string;
  /** The DuckDB expression whose CSV text Postgres reads back as `postgresType`. */
  exportExpression: string;
}

/** A column of a table that already exists in the warehouse. */
export interface WarehouseColumn {
  name: string;
  /** format_type() of the column, e.g. `numeric(18,2)`, `character varying(40)`. */
  type: string;
  /** pg_type.typcategory: S string, N numeric, D date/time, E enum, U user-defined, … */
  category: string;
  notNull: boolean;
  hasDefault: boolean;
}

const SIMPLE_TYPES: Partial<Record<DuckDBTypeId, string>> = {
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.TINYINT]: 'smallint',
  [DuckDBTypeId.UTINYINT]: 'smallint',
  [DuckDBTypeId.SMALLINT]: 'smallint',
  [DuckDBTypeId.USMALLINT]: 'integer',
  [DuckDBTypeId.INTEGER]: 'integer',
  [DuckDBTypeId.UINTEGER]: 'bigint',
  [DuckDBTypeId.BIGINT]: 'bigint',
  [DuckDBTypeId.UBIGINT]: 'numeric(20,0)',
  [DuckDBTypeId.HUGEINT]: 'numeric(39,0)',
  [DuckDBTypeId.UHUGEINT]: 'numeric(39,0)',
  [DuckDBTypeId.BIGNUM]: 'numeric',
  [DuckDBTypeId.FLOAT]: 'real',
  [DuckDBTypeId.DOUBLE]: 'double precision',
  [DuckDBTypeId.VARCHAR]: 'text',
  [DuckDBTypeId.ENUM]: 'text',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIME]: 'time without time zone',
  [DuckDBTypeId.TIME_NS]: 'time without time zone',
  [DuckDBTypeId.TIME_TZ]: 'time with time zone',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp without time zone',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp without time zone',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp without time zone',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp without time zone',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp with time zone',
  [DuckDBTypeId.INTERVAL]: 'interval',
  [DuckDBTypeId.UUID]: 'uuid',
  [DuckDBTypeId.BIT]: 'bit varying',
  [DuckDBTypeId.SQLNULL]: 'text',
};

const NESTED_TYPES = new Set([DuckDBTypeId.LIST, DuckDBTypeId.ARRAY, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP, DuckDBTypeId.UNION]);

/**
 * The Postgres column for a DuckDB column, and how to write its values as CSV that COPY reads back
 * unchanged: BLOBs as bytea hex (`\x…`), nested values as JSON, everything else as DuckDB prints it
 * (the export session runs in UTC, so TIMESTAMPTZ values carry `+00`).
 */
export function pushColumn(name: string, type: DuckDBType): PushColumn {
  const column = quoteIdent(name);
  const duckdbType = type.toString();
  if (type.alias?.toUpperCase() === 'JSON') return { name, duckdbType, postgresType: 'jsonb', exportExpression: column };
  if (type instanceof DuckDBDecimalType) {
    return { name, duckdbType, postgresType: `numeric(${type.width},${type.scale})`, exportExpression: column };
  }
  if (type.typeId === DuckDBTypeId.BLOB) {
    return { name, duckdbType, postgresType: 'bytea', exportExpression: `'\\x' || hex(${column})` };
  }
  if (NESTED_TYPES.has(type.typeId)) {
    return { name, duckdbType, postgresType: 'jsonb', exportExpression: `to_json(${column})` };
  }
  const simple = SIMPLE_TYPES[type.typeId];
  if (simple) return { name, duckdbType, postgresType: simple, exportExpression: column };
  return { name, duckdbType, postgresType: 'text', exportExpression: `CAST(${column} AS VARCHAR)` };
}

const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };

interface Numeric {
  /** Digits before the point; Infinity for an unconstrained numeric. */
  whole: number;
  scale: number;
}

function numericShape(type: string): Numeric | undefined {
  if (type in INTEGER_DIGITS) return { whole: INTEGER_DIGITS[type], scale: 0 };
  if (type === 'numeric') return { whole: Infinity, scale: Infinity };
  const match = /^numeric\((\d+),(\d+)\)$/.exec(type);
  return match ? { whole: Number(match[1]) - Number(match[2]), scale: Number(match[2]) } : undefined;
}

/** `timestamp(3) without time zone` → `timestamp without time zone`: precision only rounds. */
function withoutPrecision(type: string): string {
  return type.replace(/^(timestamp|time)\(\d+\)/, '$1').replace(/^interval\(\d+\)$/, 'interval');
}

/**
 * Whether every value of `source` can be stored in the existing `target` column without losing its
 * meaning: same type, a wider number, a date into a timestamp, a naive timestamp into timestamptz (read
 * as UTC), or anything into a string column. Lengths of character columns are left to Postgres.
 */
export function fitsColumn(source: PushColumn, target: WarehouseColumn): boolean {
  const from = source.postgresType;
  const to = withoutPrecision(target.type);
  if (from === to || target.category === 'S') return true;
  const sourceNumber = numericShape(from);
  const targetNumber = numericShape(to);
  if (sourceNumber && targetNumber) return targetNumber.whole >= sourceNumber.whole && targetNumber.scale >= sourceNumber.scale;
  if (sourceNumber || from === 'real') return to === 'double precision' || (from === 'real' && to === 'real');
  switch (from) {
    case 'text':
      return target.category === 'E';
    case 'date':
      return to === 'timestamp without time zone' || to === 'timestamp with time zone';
    case 'timestamp without time zone':
      return to === 'timestamp with time zone';
    case 'jsonb':
      return to === 'json';
    case 'bit varying':
      return to === 'bit';
    default:
      return false;
  }
}
