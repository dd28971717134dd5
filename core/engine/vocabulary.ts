import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlVocabulary } from '../api/query.ts';

/**
 * DuckDB's own functions and keywords. Functions come once per name (the overload with the fewest
 * parameters stands for the rest); operators and internal helpers (`+`, `__internal_…`) are left out.
 */
export async function readVocabulary(connection: DuckDBConnection): Promise<SqlVocabulary> {
  const functions = await connection.runAndReadAll(
    `SELECT function_name, arg_min(function_type, len(parameters)), arg_min(parameters, len(parameters)),
            arg_min(return_type, len(parameters)), arg_min(description, len(parameters))
       FROM duckdb_functions() WHERE regexp_full_match(function_name, '[a-z][a-z0-9_]*')
      GROUP BY function_name ORDER BY function_name`,
  );
  const keywords = await connection.runAndReadAll(
    'SELECT keyword_name, keyword_category FROM duckdb_keywords() ORDER BY keyword_name',
  );
  return {
    functions: functions.getRowsJS().map(([name, kind, parameters, returnType, description]) => ({
      name: String(name),
      kind: String(kind),
      signature: `${String(name)}(${(Array.isArray(parameters) ? parameters : []).join(', ')})`,
      returnType: returnType === null ? '' : String(returnType),
      description: typeof description === 'string' && description.length > 0 ? description : null,
    })),
    keywords: keywords.getRowsJS().map(([name, category]) => ({ name: String(name), reserved: category === 'reserved' })),
  };
}
