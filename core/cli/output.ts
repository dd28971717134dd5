import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { StreamedResult } from '../engine/engine.ts';
import { isNumericType, valueToJson, valueToText } from '../engine/values.ts';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Something rows are written to: stdout or a file stream. */
export interface TextSink {
  write(text: string): void | Promise<void>;
}

/** Widths are measured on the first rows; longer values later on are cut to fit. */
const TABLE_SAMPLE_ROWS = 1000;
const MAX_TABLE_WIDTH = 60;

export async function writeResult(result: StreamedResult, format: OutputFormat, sink: TextSink): Promise<number> {
  switch (format) {
    case 'json':
      return writeJson(result, sink);
    case 'csv':
      return writeCsv(result, sink);
    case 'table':
      return writeTable(result, sink);
  }
}

/** `[{"column": value, …}, …]`: exact numbers, one row per line. */
async function writeJson(result: StreamedResult, sink: TextSink): Promise<number> {
  const keys = result.columns.map((column) => JSON.stringify(column.name));
  let rows = 0;
  await sink.write('[');
  for await (const chunk of result.chunks()) {
    for (const row of chunk.getRows()) {
      const fields = row.map((value, i) => `${keys[i]}:${valueToJson(value)}`);
      await sink.write(`${rows === 0 ? '' : ',\n'}{${fields.join(',')}}`);
      rows++;
    }
  }
  await sink.write(']\n');
  return rows;
}

/** RFC 4180: a header row, quotes where needed, NULL as an empty field. */
async function writeCsv(result: StreamedResult, sink: TextSink): Promise<number> {
  let rows = 0;
  await sink.write(result.columns.map((column) => csvField(column.name)).join(',') + '\r\n');
  for await (const chunk of result.chunks()) {
    let text = '';
    for (const row of chunk.getRows()) {
      text += row.map((value) => csvField(valueToText(value) ?? '')).join(',') + '\r\n';
      rows++;
    }
    await sink.write(text);
  }
  return rows;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** An aligned table for people: numbers right-aligned, NULL spelled out, a row count at the end. */
async function writeTable(result: StreamedResult, sink: TextSink): Promise<number> {
  const names = result.columns.map((column) => column.name);
  const numeric = result.columns.map((column) => isNumericType(column.type));
  const widths = names.map((name) => Math.min(name.length, MAX_TABLE_WIDTH));
  const pending: string[][] = [];
  let rows = 0;
  let header = false;
  const line = (cells: string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' │ ').trimEnd() + '\n';
  const flush = async () => {
    if (!header) {
      await sink.write(line(names.map((name, i) => fit(name, widths[i]))));
      await sink.write(widths.map((width) => '─'.repeat(width)).join('─┼─') + '\n');
      header = true;
    }
    await sink.write(pending.map((cells) => line(cells.map((cell, i) => fit(cell, widths[i])))).join(''));
    pending.length = 0;
  };
  for await (const chunk of result.chunks()) {
    for (const cells of textRows(chunk)) {
      if (!header) cells.forEach((cell, i) => (widths[i] = Math.min(Math.max(widths[i], cell.length), MAX_TABLE_WIDTH)));
      pending.push(cells);
      rows++;
    }
    if (rows >= TABLE_SAMPLE_ROWS || header) await flush();
  }
  await flush();
  await sink.write(`(${rows} row${rows === 1 ? '' : 's'})\n`);
  return rows;
}

function textRows(chunk: DuckDBDataChunk): string[][] {
  return chunk.getRows().map((row) => row.map((value) => (valueToText(value) ?? 'NULL').replace(/\s+/g, ' ')));
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
