export interface SqlStatement {
  /** The statement's text without its terminating semicolon. */
  text: string;
  /** Offset of `text` in the SQL it was split from. */
  start: number;
}

/**
 * Split SQL at top-level semicolons, respecting quotes ('…', "…", E'…'), dollar quoting ($tag$…$tag$),
 * line comments and nested block comments. Statements with nothing but whitespace and comments are dropped.
 */
export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const push = (end: number) => {
    if (hasCode) statements.push({ text: sql.slice(start, end), start });
    hasCode = false;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      i = skipLineComment(sql, i);
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (ch === ';') {
      push(i);
      start = i + 1;
      i++;
    } else {
      hasCode ||= !/\s/.test(ch);
      if (ch === "'") i = skipQuoted(sql, i, "'", isEscapeString(sql, i));
      else if (ch === '"') i = skipQuoted(sql, i, '"', false);
      else if (ch === '$') i = skipDollarQuoted(sql, i);
      else i++;
    }
  }
  push(sql.length);
  return statements.map(trimStatement);
}

/** The statement containing `offset` (or the last one before it), for "run statement under cursor". */
export function statementAt(sql: string, offset: number): SqlStatement | undefined {
  const statements = splitStatements(sql);
  let found = statements[0];
  for (const statement of statements) {
    if (statement.start <= offset) found = statement;
  }
  return found;
}

function trimStatement(statement: SqlStatement): SqlStatement {
  const leading = statement.text.length - statement.text.trimStart().length;
  return { text: statement.text.trim(), start: statement.start + leading };
}

function skipLineComment(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end === -1 ? sql.length : end + 1;
}

function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return i;
}

function isEscapeString(sql: string, quoteIndex: number): boolean {
  const prefix = sql[quoteIndex - 1];
  return (prefix === 'E' || prefix === 'e') && !/[A-Za-z0-9_]/.test(sql[quoteIndex - 2] ?? '');
}

function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  i++;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return i;
}

function skipDollarQuoted(sql: string, i: number): number {
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
  // A `$1` parameter or a `$` inside an identifier is not a quote.
  if (!tag || /[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) return i + 1;
  const end = sql.indexOf(tag[0], i + tag[0].length);
  return end === -1 ? sql.length : end + tag[0].length;
}
