import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { closest } from './suggest.ts';

/** A YAML file people write by hand: its value, and the line of anything in it, for errors that point there. */
export interface YamlFile {
  value: unknown;
  /** The first syntax error, if the file is not valid YAML. */
  syntaxError?: { line: number; message: string };
  /** The line of the value at `path`, or of the nearest enclosing value that exists. */
  line(path: readonly PropertyKey[]): number;
  /** The line of the key `key` in the map at `path`. */
  keyLine(path: readonly PropertyKey[], key: string): number;
}

export function parseYamlFile(text: string): YamlFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const line = (path: readonly PropertyKey[]) => {
    const range = nodeRange(document, path);
    return range ? lineAt(range[0]) : 1;
  };
  const firstError = document.errors[0];
  return {
    value: firstError ? undefined : (document.toJS() ?? {}),
    ...(firstError && { syntaxError: { line: lineAt(firstError.pos[0]), message: firstError.message.split('\n')[0] } }),
    line,
    keyLine(path, key) {
      const parent = path.length === 0 ? document.contents : document.getIn(path, true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
      }
      return line(path);
    },
  };
}

function nodeRange(document: Document, path: readonly PropertyKey[]): [number, number, number] | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range as [number, number, number];
  }
  return undefined;
}

/** One problem a schema found, with its line: `unknown key "x.y" (did you mean "z"?)`, `"x.y": expected number`. */
export interface SchemaProblem {
  line: number;
  text: string;
}

/**
 * Every issue zod found in (part of) a YAML file, in words: the key's full path, and for an unknown key the
 * likely intended one. `prefix` is where the validated value sits in the file.
 */
export function describeIssues(
  issues: z.core.$ZodIssue[],
  schema: z.core.$ZodType,
  file: Pick<YamlFile, 'line' | 'keyLine'>,
  prefix: readonly PropertyKey[] = [],
): SchemaProblem[] {
  return issues.map((issue) => {
    const fullPath = [...prefix, ...issue.path];
    const path = fullPath.map(String);
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      const allowed = allowedKeys(schema, issue.path);
      const suggestion = allowed ? closest(key, allowed) : undefined;
      const text =
        `unknown key "${[...path, key].join('.')}"` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : allowed ? ` (allowed: ${allowed.join(', ')})` : '');
      return { line: file.keyLine(fullPath, key), text };
    }
    const name = path.length > 0 ? `"${path.join('.')}"` : 'the file';
    if (issue.code === 'invalid_key') {
      return { line: file.line(fullPath), text: `${name} is not a valid name: ${issue.issues.map((inner) => inner.message).join('; ')}` };
    }
    return { line: file.line(fullPath), text: `${name}: ${issue.message}` };
  });
}

/** The keys the schema allows at `path`, found by walking the schema the same way as the data. */
function allowedKeys(root: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let schema: z.core.$ZodType | undefined = root;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = schema._zod.def as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      valueType?: z.core.$ZodType;
      element?: z.core.$ZodType;
    };
    if (def.type === 'object' && def.shape) schema = def.shape[String(segment)];
    else if (def.type === 'record' && def.valueType) schema = def.valueType;
    else if (def.type === 'array' && def.element) schema = def.element;
    else return undefined;
    if (!schema) return undefined;
  }
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable') && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}
