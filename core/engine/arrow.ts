import duckdb from '@duckdb/node-bindings';
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';
import {
  Binary,
  Bool,
  type DataType,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeData,
  type Data,
} from 'apache-arrow';

/**
 * DuckDB result chunks as Arrow record batches, column by column. Fixed-width columns are copied byte for
 * byte from DuckDB's vectors (DuckDB and Arrow share little-endian layouts and LSB-first validity bits);
 * strings are copied as UTF-8 bytes without becoming JS strings. Types Arrow cannot carry faithfully
 * (intervals, UUIDs, nested values, …) travel as text; every field keeps its DuckDB type in metadata.
 */

export const DUCKDB_TYPE_METADATA = 'duckdb_type';

interface ColumnCodec {
  arrowType: DataType;
  /** Bytes per value in DuckDB's vector, for fixed-width columns copied as they are. */
  width?: number;
  read(vector: duckdb.Vector, chunk: DuckDBDataChunk, column: number, rows: number): Data;
}

export function arrowSchema(names: readonly string[], types: readonly DuckDBType[]): Schema {
  const seen = new Map<string, number>();
  return new Schema(
    names.map((name, i) => {
      // Arrow consumers look fields up by name: keep duplicate names apart ("id", "id_2").
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      const fieldName = count === 1 ? name : `${name}_${count}`;
      return new Field(fieldName, codecFor(types[i]).arrowType, true, new Map([[DUCKDB_TYPE_METADATA, types[i].toString()]]));
    }),
  );
}

export function chunkToRecordBatch(schema: Schema, types: readonly DuckDBType[], chunk: DuckDBDataChunk): RecordBatch {
  const rows = chunk.rowCount;
  const children = types.map((type, column) =>
    codecFor(type).read(duckdb.data_chunk_get_vector(chunk.chunk, column), chunk, column, rows),
  );
  const data = makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/** An Arrow IPC stream of the batches; with no batches it still carries the schema. */
export function toIpcStream(schema: Schema, batches: readonly RecordBatch[]): Uint8Array {
  const writer = new RecordBatchStreamWriter();
  writer.reset(undefined, schema);
  for (const batch of batches) writer.write(batch);
  writer.finish();
  return writer.toUint8Array(true);
}

const codecs = new Map<DuckDBTypeId, ColumnCodec>();

function fixed(typeId: DuckDBTypeId, arrowType: DataType, width: number) {
  codecs.set(typeId, { arrowType, width, read: (vector, _c, _i, rows) => copyFixed(arrowType, vector, rows, width) });
}

fixed(DuckDBTypeId.TINYINT, new Int8(), 1);
fixed(DuckDBTypeId.SMALLINT, new Int16(), 2);
fixed(DuckDBTypeId.INTEGER, new Int32(), 4);
fixed(DuckDBTypeId.BIGINT, new Int64(), 8);
fixed(DuckDBTypeId.UTINYINT, new Uint8(), 1);
fixed(DuckDBTypeId.USMALLINT, new Uint16(), 2);
fixed(DuckDBTypeId.UINTEGER, new Uint32(), 4);
fixed(DuckDBTypeId.UBIGINT, new Uint64(), 8);
fixed(DuckDBTypeId.FLOAT, new Float32(), 4);
fixed(DuckDBTypeId.DOUBLE, new Float64(), 8);
fixed(DuckDBTypeId.DATE, new DateDay(), 4);
fixed(DuckDBTypeId.TIME, new TimeMicrosecond(), 8);
fixed(DuckDBTypeId.TIMESTAMP, new TimestampMicrosecond(), 8);
fixed(DuckDBTypeId.TIMESTAMP_S, new TimestampSecond(), 8);
fixed(DuckDBTypeId.TIMESTAMP_MS, new TimestampMillisecond(), 8);
fixed(DuckDBTypeId.TIMESTAMP_NS, new TimestampNanosecond(), 8);
fixed(DuckDBTypeId.TIMESTAMP_TZ, new TimestampMicrosecond('UTC'), 8);
fixed(DuckDBTypeId.HUGEINT, new Decimal(0, 38, 128), 16);

codecs.set(DuckDBTypeId.BOOLEAN, {
  arrowType: new Bool(),
  read(vector, _chunk, _column, rows) {
    const bytes = duckdb.vector_get_data(vector, rows);
    const bits = new Uint8Array(Math.ceil(rows / 8));
    for (let row = 0; row < rows; row++) if (bytes[row]) bits[row >> 3] |= 1 << (row & 7);
    return makeData({ type: new Bool(), length: rows, ...validity(vector, rows), data: bits });
  },
});

codecs.set(DuckDBTypeId.VARCHAR, { arrowType: new Utf8(), read: (vector, _c, _i, rows) => copyStrings(new Utf8(), vector, rows) });
codecs.set(DuckDBTypeId.BLOB, { arrowType: new Binary(), read: (vector, _c, _i, rows) => copyStrings(new Binary(), vector, rows) });

const textCodec: ColumnCodec = {
  arrowType: new Utf8(),
  read(_vector, chunk, column, rows) {
    const values = chunk.getColumnVector(column);
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    const offsets = new Int32Array(rows + 1);
    const nullBitmap = new Uint8Array(Math.ceil(rows / 8));
    let nullCount = 0;
    let total = 0;
    for (let row = 0; row < rows; row++) {
      const value = values.getItem(row);
      if (value === null) {
        nullCount++;
      } else {
        nullBitmap[row >> 3] |= 1 << (row & 7);
        const bytes = encoder.encode(String(value));
        parts.push(bytes);
        total += bytes.length;
      }
      offsets[row + 1] = total;
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return makeData({ type: new Utf8(), length: rows, nullCount, nullBitmap, valueOffsets: offsets, data });
  },
};

function codecFor(type: DuckDBType): ColumnCodec {
  if (type.typeId === DuckDBTypeId.DECIMAL) return decimalCodec(type.width, type.scale);
  return codecs.get(type.typeId) ?? textCodec;
}

const decimalCodecs = new Map<string, ColumnCodec>();

/** DECIMAL is stored as int16/32/64/128 by width; Arrow's Decimal128 wants 16 bytes, sign-extended. */
function decimalCodec(width: number, scale: number): ColumnCodec {
  const key = `${width},${scale}`;
  let codec = decimalCodecs.get(key);
  if (!codec) {
    const arrowType = new Decimal(scale, width, 128);
    const storage = width <= 4 ? 2 : width <= 9 ? 4 : width <= 18 ? 8 : 16;
    codec = {
      arrowType,
      read(vector, _chunk, _column, rows) {
        if (storage === 16) return copyFixed(arrowType, vector, rows, 16);
        const raw = duckdb.vector_get_data(vector, rows * storage);
        const source = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        const words = new BigInt64Array(rows * 2);
        for (let row = 0; row < rows; row++) {
          const value =
            storage === 2
              ? BigInt(source.getInt16(row * 2, true))
              : storage === 4
                ? BigInt(source.getInt32(row * 4, true))
                : source.getBigInt64(row * 8, true);
          words[row * 2] = value;
          words[row * 2 + 1] = value < 0n ? -1n : 0n;
        }
        const data = new Uint32Array(words.buffer);
        return makeData({ type: arrowType, length: rows, ...validity(vector, rows), data });
      },
    };
    decimalCodecs.set(key, codec);
  }
  return codec;
}

function copyFixed(type: DataType, vector: duckdb.Vector, rows: number, width: number): Data {
  const copy = new Uint8Array(rows * width);
  copy.set(duckdb.vector_get_data(vector, rows * width));
  const ArrayType = (type as DataType & { ArrayType: new (buffer: ArrayBuffer) => ArrayLike<unknown> }).ArrayType;
  const data = new ArrayType(copy.buffer);
  return makeData({ type, length: rows, ...validity(vector, rows), data } as Parameters<typeof makeData>[0]);
}

const STRING_T = 16;
const INLINE_LENGTH = 12;

function copyStrings(type: Utf8 | Binary, vector: duckdb.Vector, rows: number): Data {
  const raw = duckdb.vector_get_data(vector, rows * STRING_T);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const nulls = validity(vector, rows);
  const offsets = new Int32Array(rows + 1);
  let total = 0;
  for (let row = 0; row < rows; row++) {
    if (isValid(nulls.nullBitmap, row)) total += view.getUint32(row * STRING_T, true);
    offsets[row + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let row = 0; row < rows; row++) {
    const length = offsets[row + 1] - offsets[row];
    if (length === 0) continue;
    const at = row * STRING_T;
    const bytes =
      length <= INLINE_LENGTH
        ? raw.subarray(at + 4, at + 4 + length)
        : duckdb.get_data_from_pointer(raw.buffer as ArrayBuffer, raw.byteOffset + at + 8, length);
    data.set(bytes, offsets[row]);
  }
  const props = { length: rows, ...nulls, valueOffsets: offsets, data };
  return type instanceof Utf8 ? makeData({ type, ...props }) : makeData({ type, ...props });
}

function validity(vector: duckdb.Vector, rows: number): { nullCount: number; nullBitmap?: Uint8Array } {
  const words = Math.ceil(rows / 64);
  const mask = duckdb.vector_get_validity(vector, words * 8);
  if (!mask) return { nullCount: 0 };
  const nullBitmap = mask.slice(0, Math.ceil(rows / 8));
  let valid = 0;
  for (let row = 0; row < rows; row++) if (isValid(nullBitmap, row)) valid++;
  return valid === rows ? { nullCount: 0 } : { nullCount: rows - valid, nullBitmap };
}

function isValid(bitmap: Uint8Array | undefined, row: number): boolean {
  return !bitmap || (bitmap[row >> 3] & (1 << (row & 7))) !== 0;
}
