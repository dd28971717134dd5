import { DataType, type Field, type Table, type Vector, type Decimal, type Timestamp, type Time } from 'apache-arrow';

/** One page of a result, ready to show: formatted text per cell, null kept distinct from empty. */
export interface DisplayPage {
  columns: { name: string; type: string; numeric: boolean }[];
  /** rows[r][c]: the cell's text, or null for SQL NULL. */
  rows: (string | null)[][];
}

export function toDisplayPage(table: Table): DisplayPage {
  const fields = table.schema.fields;
  const columns = fields.map((field, index) => formatColumn(table.getChildAt(index)!, field));
  const rows = Array.from({ length: table.numRows }, (_, r) => columns.map((column) => column[r]));
  return {
    columns: fields.map((field) => ({
      name: field.name,
      type: field.metadata.get('duckdb_type') ?? String(field.type),
      numeric: isNumeric(field),
    })),
    rows,
  };
}

function isNumeric(field: Field): boolean {
  return DataType.isInt(field.type) || DataType.isFloat(field.type) || DataType.isDecimal(field.type);
}

/** Every value of a column as text. Timestamps and decimals are read from the raw buffers: exact, not rounded. */
function formatColumn(vector: Vector, field: Field): (string | null)[] {
  const type = field.type;
  const out: (string | null)[] = [];
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++) {
      if (!data.getValid(i)) {
        out.push(null);
        continue;
      }
      const at = data.offset + i;
      if (DataType.isDecimal(type)) {
        out.push(decimalText(data.values as Uint32Array, at, (type as Decimal).scale));
      } else if (DataType.isTimestamp(type)) {
        out.push(timestampText((data.values as BigInt64Array)[at], (type as Timestamp).unit));
      } else if (DataType.isTime(type)) {
        out.push(timeText(BigInt((data.values as BigInt64Array | Int32Array)[at]), (type as Time).unit));
      } else if (DataType.isDate(type)) {
        out.push(new Date(vector.get(out.length) as number).toISOString().slice(0, 10));
      } else if (DataType.isBinary(type)) {
        out.push(binaryText(vector.get(out.length) as Uint8Array));
      } else {
        out.push(String(vector.get(out.length)));
      }
    }
  }
  return out;
}

/** A Decimal128 value (four little-endian 32-bit words, two's complement) with its scale applied. */
export function decimalText(words: Uint32Array, index: number, scale: number): string {
  let value = 0n;
  for (let w = 3; w >= 0; w--) value = (value << 32n) | BigInt(words[index * 4 + w]);
  if (value >= 1n << 127n) value -= 1n << 128n;
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${whole}` : whole;
}

const UNITS_PER_SECOND = [1n, 1000n, 1_000_000n, 1_000_000_000n];

/** DuckDB's own rendering: `2024-02-29 13:45:00`, with a fraction only when there is one. */
export function timestampText(value: bigint, unit: number): string {
  const perSecond = UNITS_PER_SECOND[unit];
  let seconds = value / perSecond;
  let fraction = value % perSecond;
  if (fraction < 0n) {
    fraction += perSecond;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fractionText(fraction, perSecond)}`;
}

function timeText(value: bigint, unit: number): string {
  const perSecond = UNITS_PER_SECOND[unit];
  const seconds = Number(value / perSecond);
  const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return hms + fractionText(value % perSecond, perSecond);
}

function fractionText(fraction: bigint, perSecond: bigint): string {
  if (fraction === 0n) return '';
  const width = perSecond.toString().length - 1;
  return `.${fraction.toString().padStart(width, '0').replace(/0+$/, '')}`;
}

function binaryText(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 32), (byte) => `\\x${byte.toString(16).padStart(2, '0').toUpperCase()}`);
  return shown.join('') + (bytes.length > 32 ? '…' : '');
}
