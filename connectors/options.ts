import { z } from 'zod';
import type { OptionMeta } from './types.ts';

/** One option as a form or a CLI listing shows it, derived from the connector's zod schema. */
export interface OptionSpec {
  name: string;
  title: string;
  description?: string;
  type: 'string' | 'number' | 'boolean' | 'choice' | 'list' | 'object';
  choices?: string[];
  secret: boolean;
  required: boolean;
  default?: unknown;
}

export function describeOptions(schema: z.ZodObject<z.ZodRawShape>): OptionSpec[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const meta = (z.globalRegistry.get(field) ?? {}) as OptionMeta;
    const { inner, required, defaultValue } = unwrap(field);
    const spec: OptionSpec = {
      name,
      title: meta.title ?? name,
      type: kindOf(inner),
      secret: meta.secret === true,
      required,
    };
    if (meta.description) spec.description = meta.description;
    if (defaultValue !== undefined) spec.default = defaultValue;
    if (inner instanceof z.ZodEnum) spec.choices = inner.options.map(String);
    return spec;
  });
}

/** The secret options of a connector: never in bizops.yml, always from the keychain or the environment. */
export function secretOptionNames(schema: z.ZodObject<z.ZodRawShape>): string[] {
  return describeOptions(schema)
    .filter((option) => option.secret)
    .map((option) => option.name);
}

function unwrap(field: z.core.$ZodType): { inner: z.core.$ZodType; required: boolean; defaultValue?: unknown } {
  let inner = field;
  let required = true;
  let defaultValue: unknown;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: z.core.$ZodType; defaultValue?: unknown };
    if (def.type === 'default') {
      defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      required = false;
    } else if (def.type === 'optional') {
      required = false;
    } else if (def.type !== 'nullable') {
      return { inner, required, defaultValue };
    }
    inner = def.innerType!;
  }
}

function kindOf(schema: z.core.$ZodType): OptionSpec['type'] {
  const type = (schema._zod.def as { type: string }).type;
  if (type === 'string') return 'string';
  if (type === 'number' || type === 'int') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'enum') return 'choice';
  if (type === 'array') return 'list';
  return 'object';
}
