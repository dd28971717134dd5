/** A JSON Schema as Singer taps write them: `type` may list "null", formats mark dates and times. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  multipleOf?: number;
}

/**
 * The DuckDB type a JSON Schema property lands as. Date-times become TIMESTAMPTZ so offsets other than UTC are
 * kept exactly; objects, arrays and mixed types land as JSON text.
 */
export function duckdbTypeForSchema(schema: JsonSchema): string {
  const variants = schema.anyOf?.filter((variant) => !isNullOnly(variant));
  if (variants && variants.length > 0) {
    const types = new Set(variants.map(duckdbTypeForSchema));
    return types.size === 1 ? [...types][0] : 'JSON';
  }
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []).filter((type) => type !== 'null');
  if (types.length !== 1) return types.length === 2 && types.includes('integer') && types.includes('number') ? 'DOUBLE' : 'JSON';
  switch (types[0]) {
    case 'string':
      if (schema.format === 'date-time') return 'TIMESTAMPTZ';
      if (schema.format === 'date') return 'DATE';
      if (schema.format === 'time') return 'TIME';
      return 'VARCHAR';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return decimalFor(schema.multipleOf) ?? 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'JSON';
  }
}

/** The columns of a stream's schema, in the order the schema lists them. */
export function columnsForSchema(schema: JsonSchema): { name: string; type: string }[] {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({ name, type: duckdbTypeForSchema(property) }));
}

function isNullOnly(schema: JsonSchema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.every((type) => type === 'null'));
}

/** `multipleOf: 0.01` is money-like: DECIMAL(18,2) keeps it exact. */
function decimalFor(multipleOf: number | undefined): string | undefined {
  if (multipleOf === undefined || multipleOf >= 1) return undefined;
  const scale = Math.round(-Math.log10(multipleOf));
  return Number.isInteger(scale) && scale > 0 && scale <= 18 && Math.abs(10 ** -scale - multipleOf) < 1e-12 ? `DECIMAL(${18 + Math.max(0, scale - 2)},${scale})` : undefined;
}
