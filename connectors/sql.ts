/** A name as a quoted SQL identifier: `"Account"`, with embedded quotes doubled. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Text as an SQL string literal, for the few places DuckDB takes no bound parameter (COMMENT ON, type maps). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
