/**
 * The part of SOQL the fake Salesforce understands: the queries connectors send for extraction.
 * `SELECT f1, f2 | COUNT() FROM Object [WHERE a op literal [AND …]] [LIMIT n]`.
 */
export interface SoqlQuery {
  fields: string[];
  count: boolean;
  object: string;
  conditions: { field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: string | number | boolean | null }[];
  limit?: number;
}

export class SoqlError extends Error {
  constructor(
    message: string,
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
  ) {
    super(message);
  }
}

const QUERY = /^\s*SELECT\s+(.+?)\s+FROM\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is;
const CONDITION = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|<=|>=|=|<|>)\s*(.+?)\s*$/s;

export function parseSoql(soql: string): SoqlQuery {
  const match = QUERY.exec(soql);
  if (!match) throw new SoqlError(`unexpected token in query: ${soql.slice(0, 80)}`, 'MALFORMED_QUERY');
  const [, select, object, where, limit] = match;
  const count = /^COUNT\(\s*\)$/i.test(select.trim());
  const fields = count ? [] : select.split(',').map((field) => field.trim());
  if (fields.some((field) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(field))) {
    throw new SoqlError(`unexpected token in field list: ${select}`, 'MALFORMED_QUERY');
  }
  const conditions = where
    ? where.split(/\s+AND\s+/i).map((part) => {
        const condition = CONDITION.exec(part);
        if (!condition) throw new SoqlError(`unexpected token in WHERE: ${part}`, 'MALFORMED_QUERY');
        return { field: condition[1], op: condition[2] as SoqlQuery['conditions'][number]['op'], value: literal(condition[3]) };
      })
    : [];
  return { fields, count, object, conditions, ...(limit !== undefined && { limit: Number(limit) }) };
}

function literal(text: string): string | number | boolean | null {
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/\\'/g, "'");
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^null$/i.test(text)) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.test(text)) return new Date(text).toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  throw new SoqlError(`unexpected literal: ${text}`, 'MALFORMED_QUERY');
}

/** Compares like Salesforce: datetimes as instants, the rest by value; NULL only equals NULL. */
export function matches(record: Record<string, unknown>, query: SoqlQuery): boolean {
  return query.conditions.every(({ field, op, value }) => {
    const actual = record[field] ?? null;
    if (value === null || actual === null) return op === '=' ? actual === value : op === '!=' ? actual !== value : false;
    const left = typeof actual === 'string' && typeof value === 'string' && value.endsWith('Z') ? Date.parse(actual) : actual;
    const right = typeof value === 'string' && value.endsWith('Z') ? Date.parse(value) : value;
    switch (op) {
      case '=':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return (left as number) < (right as number);
      case '<=':
        return (left as number) <= (right as number);
      case '>':
        return (left as number) > (right as number);
      case '>=':
        return (left as number) >= (right as number);
    }
  });
}
