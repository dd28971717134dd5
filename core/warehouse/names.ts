import { WorkbenchError } from '../errors.ts';

/** Postgres cuts longer identifiers short without a word, which would push into a table of another name. */
export const MAX_IDENTIFIER_BYTES = 63;

export interface TableName {
  schema: string;
  table: string;
}

/** An identifier in double quotes, embedded quotes doubled: the same rule in Postgres and DuckDB. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteTable({ schema, table }: TableName): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** `schema.table` for messages, quoting only the parts that need it. */
export function describeTable({ schema, table }: TableName): string {
  const part = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : quoteIdent(name));
  return `${part(schema)}.${part(table)}`;
}

/**
 * `name` or `schema.name`, either part in double quotes when it holds dots or quotes. Names are taken as
 * written, case included: what you type is what the warehouse gets.
 */
export function parseTableName(text: string, what: string): { schema?: string; table: string } {
  const parts: string[] = [];
  let i = 0;
  const fail = (problem: string): never => {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `${what} "${text}" is not a table name: ${problem}.`,
      hint: 'Write it as table or schema.table; put a part in double quotes if it contains a dot, e.g. "my.schema".orders.',
    });
  };
  while (i <= text.length) {
    let part = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('a double quote is not closed');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        part += text[i++];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== '.') part += text[i++];
      part = part.trim();
    }
    if (part === '') fail('a part of it is empty');
    parts.push(part);
    if (i >= text.length) break;
    if (text[i] !== '.') fail('expected a "." after a quoted part');
    i++;
  }
  if (parts.length > 2) fail('it has more than two parts');
  return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}

/** Refuse names Postgres would shorten, naming which one and where it came from. */
export function checkIdentifierLength(name: string, what: string): void {
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `The ${what} "${name}" is longer than Postgres allows (${MAX_IDENTIFIER_BYTES} bytes).`,
      hint: 'Choose a shorter name: rename the column with AS in a query, or pass --table with a shorter table name.',
    });
  }
}
