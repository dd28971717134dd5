import type { Catalog, CatalogColumn, CatalogTable, SqlVocabulary } from '../../../core/api/query.ts';

export type SuggestionKind = 'column' | 'table' | 'view' | 'schema' | 'function' | 'keyword';

export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  insertText: string;
  /** The insert text is a snippet (`date_trunc($1)`). */
  snippet?: boolean;
  /** What typing is matched against, when not the label (a qualified table matches by its own name). */
  filterText?: string;
  /** Shown beside the label: a column's type, a table's schema and rows, a function's signature. */
  detail: string;
  documentation?: string;
  /** Orders suggestions that match equally well: lower first. */
  sortText: string;
}

/** Rank groups: columns of what the statement reads first, then tables, schemas, functions, keywords last. */
const RANK = { scopeColumn: '0', table: '1', schema: '2', otherColumn: '3', function: '4', keyword: '5' } as const;
const TABLE_KEYWORDS = new Set(['from', 'join', 'into', 'update', 'table', 'describe', 'summarize']);
const REF_SCHEMAS = ['core', 'staging'];

/**
 * What the editor can complete, indexed once per catalog: a table's column suggestions are made once and
 * reused, so a table with thousands of columns costs a lookup per keystroke, not a rebuild.
 */
export class CompletionIndex {
  private readonly tablesByName = new Map<string, CatalogTable[]>();
  private readonly tablesBySchema = new Map<string, CatalogTable[]>();
  private readonly columnSuggestions = new Map<CatalogTable, Suggestion[]>();
  private readonly schemaSuggestions: Suggestion[];
  private readonly tableSuggestions: Suggestion[];
  private readonly vocabularySuggestions: Suggestion[];
  private allColumns?: Suggestion[];
  private readonly reserved: Set<string>;

  constructor(
    private readonly catalog: Catalog,
    vocabulary: SqlVocabulary = { functions: [], keywords: [] },
  ) {
    this.reserved = new Set(vocabulary.keywords.filter((keyword) => keyword.reserved).map((keyword) => keyword.name));
    for (const table of catalog.tables) {
      push(this.tablesByName, table.name.toLowerCase(), table);
      push(this.tablesBySchema, table.schema.toLowerCase(), table);
    }
    this.schemaSuggestions = catalog.schemas.map((schema) => ({
      label: schema,
      kind: 'schema',
      insertText: this.identifier(schema),
      detail: 'schema',
      sortText: `${RANK.schema}${schema}`,
    }));
    this.tableSuggestions = catalog.tables.map((table) => this.tableSuggestion(table, true));
    this.vocabularySuggestions = [
      ...vocabulary.functions.map((fn): Suggestion => ({
        label: fn.name,
        kind: 'function',
        insertText: `${fn.name}($1)`,
        snippet: true,
        detail: fn.returnType ? `${fn.signature} → ${fn.returnType}` : fn.signature,
        documentation: fn.description ?? undefined,
        sortText: `${RANK.function}${fn.name}`,
      })),
      ...vocabulary.keywords.map((keyword): Suggestion => ({
        label: keyword.name,
        kind: 'keyword',
        insertText: keyword.name,
        detail: 'keyword',
        sortText: `${RANK.keyword}${keyword.name}`,
      })),
    ];
  }

  /**
   * Suggestions at `offset` in `statement` (the statement the cursor is in). After `schema.` come that schema's
   * tables, after `table.` or `alias.` its columns; elsewhere everything, ranked by what the statement reads.
   */
  suggest(statement: string, offset: number): Suggestion[] {
    const before = statement.slice(0, offset);
    const qualifier = /((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)\.("?[\w$]*)$/.exec(before);
    if (qualifier) return this.qualified(splitName(qualifier[1]), statement);
    const previousWord = /([A-Za-z_]+)\s+("?[\w$]*)$/.exec(before)?.[1].toLowerCase();
    if (previousWord !== undefined && TABLE_KEYWORDS.has(previousWord)) {
      return [...this.tableSuggestions, ...this.schemaSuggestions, ...this.vocabularySuggestions];
    }
    const scope = this.tablesInScope(statement);
    const columns = scope.length > 0 ? scope.flatMap((table) => this.columnsOf(table)) : this.everyColumn();
    return [...columns, ...this.tableSuggestions, ...this.schemaSuggestions, ...this.vocabularySuggestions];
  }

  private qualified(parts: string[], statement: string): Suggestion[] {
    if (parts.length === 1) {
      const [name] = parts;
      const schemaTables = this.tablesBySchema.get(name.toLowerCase()) ?? [];
      const aliased = this.tablesInScope(statement, name);
      const named = aliased.length > 0 ? aliased : this.tablesByName.get(name.toLowerCase()) ?? [];
      return [
        ...schemaTables.map((table) => this.tableSuggestion(table, false)),
        ...named.slice(0, 1).flatMap((table) => this.columnsOf(table)),
      ];
    }
    const [schema, name] = parts;
    const table = this.tablesBySchema.get(schema.toLowerCase())?.find((t) => t.name.toLowerCase() === name.toLowerCase());
    return table ? this.columnsOf(table) : [];
  }

  /** Tables the statement reads (FROM/JOIN, `{{ ref() }}` included); with `alias`, only the one it names. */
  private tablesInScope(statement: string, alias?: string): CatalogTable[] {
    const found: CatalogTable[] = [];
    const pattern =
      /\b(?:from|join)\s+(\{\{\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*\}\}|(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)(?:\s+(?:as\s+)?("[^"]+"|[A-Za-z_][\w$]*))?/gi;
    for (const match of statement.matchAll(pattern)) {
      const table = match[2] ? this.refTable(match[2]) : this.lookup(splitName(match[1]));
      if (!table) continue;
      const name = match[3] && !this.isKeyword(match[3]) ? unquote(match[3]) : table.name;
      if (alias === undefined || name.toLowerCase() === alias.toLowerCase()) found.push(table);
    }
    return found;
  }

  private lookup(parts: string[]): CatalogTable | undefined {
    if (parts.length === 2) {
      return this.tablesBySchema.get(parts[0].toLowerCase())?.find((t) => t.name.toLowerCase() === parts[1].toLowerCase());
    }
    return this.tablesByName.get(parts[0].toLowerCase())?.[0];
  }

  /** The table `ref('name')` runs against: core, then staging, then any other schema. */
  private refTable(name: string): CatalogTable | undefined {
    const candidates = this.tablesByName.get(name.toLowerCase()) ?? [];
    const rank = (table: CatalogTable) => {
      const position = REF_SCHEMAS.indexOf(table.schema);
      return position === -1 ? REF_SCHEMAS.length : position;
    };
    return [...candidates].sort((a, b) => rank(a) - rank(b) || a.schema.localeCompare(b.schema))[0];
  }

  private columnsOf(table: CatalogTable): Suggestion[] {
    let suggestions = this.columnSuggestions.get(table);
    if (!suggestions) {
      suggestions = table.columns.map((column, position) => this.columnSuggestion(column, `${table.schema}.${table.name}`, position));
      this.columnSuggestions.set(table, suggestions);
    }
    return suggestions;
  }

  /** Every column name in the database once, ranked after tables, for a statement that reads no table yet. */
  private everyColumn(): Suggestion[] {
    if (!this.allColumns) {
      const byName = new Map<string, { column: CatalogColumn; tables: string[] }>();
      for (const table of this.catalog.tables) {
        for (const column of table.columns) {
          const entry = byName.get(column.name) ?? { column, tables: [] };
          entry.tables.push(`${table.schema}.${table.name}`);
          byName.set(column.name, entry);
        }
      }
      this.allColumns = [...byName.values()].map(({ column, tables }) => ({
        ...this.columnSuggestion(column, tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : ''), 0),
        sortText: `${RANK.otherColumn}${column.name}`,
      }));
    }
    return this.allColumns;
  }

  private columnSuggestion(column: CatalogColumn, where: string, position: number): Suggestion {
    return {
      label: column.name,
      kind: 'column',
      insertText: this.identifier(column.name),
      detail: column.type,
      documentation: [column.description, where].filter(Boolean).join('\n\n'),
      // Columns in table order, not alphabetically: the order the analyst knows from the Model page.
      sortText: `${RANK.scopeColumn}${String(position).padStart(5, '0')}`,
    };
  }

  private tableSuggestion(table: CatalogTable, qualify: boolean): Suggestion {
    const qualified = qualify && table.schema !== 'main';
    const rows = table.rowCount === null ? table.kind : `${table.kind}, ${table.rowCount.toLocaleString('en-US')} rows`;
    return {
      label: qualified ? `${table.schema}.${table.name}` : table.name,
      kind: table.kind,
      filterText: qualified ? `${table.name} ${table.schema}.${table.name}` : undefined,
      insertText: qualified ? `${this.identifier(table.schema)}.${this.identifier(table.name)}` : this.identifier(table.name),
      detail: rows,
      documentation: table.description ?? undefined,
      sortText: `${RANK.table}${table.schema === 'core' ? 0 : 1}${table.schema}.${table.name}`,
    };
  }

  private identifier(name: string): string {
    return sqlName(name, this.reserved);
  }

  private isKeyword(word: string): boolean {
    return /^(where|on|using|join|left|right|inner|outer|full|cross|natural|group|order|limit|having|union|window|qualify|as|select|set|values|lateral|positional|asof|semi|anti)$/i.test(word);
  }
}

/** A name as written in SQL: bare when it is a plain lower-case word (and not reserved), else double-quoted. */
export function sqlName(name: string, reserved: ReadonlySet<string> = new Set()): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !reserved.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function splitName(text: string): string[] {
  return [...text.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][\w$]*)/g)].map((match) => (match[1] ? match[1].replaceAll('""', '"') : match[2]));
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/** The statement around `offset`: from the semicolon before it to the one after (quotes respected loosely). */
export function statementAround(text: string, offset: number): { text: string; offset: number } {
  const boundaries = [...text.matchAll(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|;/g)]
    .filter((match) => match[0] === ';')
    .map((match) => match.index);
  const start = Math.max(0, ...boundaries.filter((at) => at < offset).map((at) => at + 1));
  const end = boundaries.find((at) => at >= offset) ?? text.length;
  return { text: text.slice(start, end), offset: offset - start };
}
