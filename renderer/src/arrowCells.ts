import { DataType, tableFromIPC, type Decimal, type Field, type Table, type Time, type Timestamp, type Vector } from 'apache-arrow';

/**
 * One page of a result, ready to show: a cell's text is made the first time its column is shown, so a page of
 * a 3,000-column result costs only the columns on screen.
 */
export class DisplayPage {
  private readonly texts: ((string | null)[] | undefined)[];

  constructor(private readonly table: Table) {
    this.texts = new Array<undefined>(table.numCols);
  }

  get rowCount(): number {
    return this.table.numRows;
  }

  /** The cell's text, or null for SQL NULL (an empty string stays an empty string). */
  cell(row: number, column: number): string | null {
    let texts = this.texts[column];
    if (!texts) {
      texts = mapColumn(this.table.getChildAt(column)!, this.table.schema.fields[column], cellText);
      this.texts[column] = texts;
    }
    return texts[row] ?? null;
  }
}

export function decodePage(arrow: Uint8Array): DisplayPage {
  return new DisplayPage(tableFromIPC(arrow));
}

/** Rows as plain values for a chart: numbers as numbers (exact decimals rounded to doubles), times as epoch ms. */
export function chartRows(arrow: Uint8Array): Record<string, unknown>[] {
  const table = tableFromIPC(arrow);
  const fields = table.schema.fields;
  const columns = fields.map((field, index) => mapColumn(table.getChildAt(index)!, field, chartValue));
  return Array.from({ length: table.numRows }, (_, row) => {
    const record: Record<string, unknown> = {};
    fields.forEach((field, index) => (record[field.name] = columns[index][row]));
    return record;
  });
}

/** A raw Arrow value with what is needed to read it exactly. */
interface RawCell {
  type: DataType;
  vector: Vector;
  /** Index in the whole vector (for `vector.get`). */
  index: number;
  /** Index in the chunk's buffers (for raw reads of decimals and timestamps). */
  at: number;
  values: ArrayLike<unknown>;
}

function mapColumn<T>(vector: Vector, field: Field, read: (cell: RawCell) => T): (T | null)[] {
  const out: (T | null)[] = [];
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++) {
      if (!data.getValid(i)) out.push(null);
      else out.push(read({ type: field.type, vector, index: out.length, at: data.offset + i, values: data.values }));
    }
  }
  return out;
}

/** Timestamps and decimals are read from the raw buffers: exact, not rounded. */
function cellText({ type, vector, index, at, values }: RawCell): string {
  if (DataType.isDecimal(type)) return decimalText(values as Uint32Array, at, (type as Decimal).scale);
  if (DataType.isTimestamp(type)) return timestampText((values as BigInt64Array)[at], (type as Timestamp).unit);
  if (DataType.isTime(type)) return timeText(BigInt((values as BigInt64Array | Int32Array)[at]), (type as Time).unit);
  if (DataType.isDate(type)) return new Date(vector.get(index) as number).toISOString().slice(0, 10);
  if (DataType.isBinary(type)) return binaryText(vector.get(index) as Uint8Array);
  return String(vector.get(index));
}

function chartValue(cell: RawCell): unknown {
  const { type, vector, index, at, values } = cell;
  if (DataType.isDecimal(type)) return Number(decimalText(values as Uint32Array, at, (type as Decimal).scale));
  if (DataType.isTimestamp(type)) {
    return Number((values as BigInt64Array)[at]) / [0.001, 1, 1000, 1_000_000][(type as Timestamp).unit];
  }
  const value = vector.get(index);
  if (typeof value === 'bigint') return Number(value);
  if (DataType.isTime(type) || DataType.isBinary(type)) return cellText(cell);
  return value;
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
