import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogTable } from '../../../core/api/query.ts';
import { CompletionIndex, statementAround } from './completion.ts';

const table = (schema: string, name: string, columns: [string, string][], description: string | null = null): CatalogTable => ({
  schema,
  name,
  kind: 'table',
  rowCount: 250,
  description,
  columns: columns.map(([column, type]) => ({ name: column, type, nullable: true, description: column === 'segment' ? 'SMB, Mid-Market or Enterprise' : null })),
});

const catalog: Catalog = {
  database: 'warehouse',
  schemas: ['core', 'staging'],
  tables: [
    table('core', 'accounts', [['account_id', 'VARCHAR'], ['segment', 'VARCHAR'], ['created_at', 'TIMESTAMP']], 'One row per company'),
    table('core', 'opportunities', [['opportunity_id', 'VARCHAR'], ['account_id', 'VARCHAR'], ['amount', 'DECIMAL(18,2)']]),
    table('staging', 'accounts', [['raw_id', 'VARCHAR']]),
  ],
};
const vocabulary = {
  functions: [{ name: 'date_trunc', kind: 'scalar', signature: 'date_trunc(part, timestamp)', returnType: 'TIMESTAMP', description: 'Truncate' }],
  keywords: [{ name: 'select', reserved: true }, { name: 'from', reserved: true }, { name: 'amount', reserved: false }],
};
const index = new CompletionIndex(catalog, vocabulary);

/** Suggestions at the `|` in the text, in the order the editor ranks them. */
function suggestAt(text: string) {
  const offset = text.indexOf('|');
  return index
    .suggest(text.replace('|', ''), offset)
    .sort((a, b) => a.sortText.localeCompare(b.sortText));
}

describe('completion', () => {
  it('ranks the columns of the tables read, with types and docs, before tables, functions and keywords', () => {
    const suggestions = suggestAt('select se| from core.accounts');
    expect(suggestions.slice(0, 3).map((s) => s.label)).toEqual(['account_id', 'segment', 'created_at']);
    expect(suggestions[1]).toMatchObject({ kind: 'column', detail: 'VARCHAR', documentation: 'SMB, Mid-Market or Enterprise\n\ncore.accounts' });
    const kinds = suggestions.map((s) => s.kind);
    expect(kinds.lastIndexOf('column')).toBeLessThan(kinds.indexOf('table'));
    expect(kinds.lastIndexOf('table')).toBeLessThan(kinds.indexOf('function'));
    expect(kinds.lastIndexOf('function')).toBeLessThan(kinds.indexOf('keyword'));
    expect(suggestions.find((s) => s.label === 'date_trunc')).toMatchObject({ insertText: 'date_trunc($1)', snippet: true });
  });

  it('offers tables after FROM, core first, qualified with their schema', () => {
    const suggestions = suggestAt('select * from |');
    expect(suggestions.slice(0, 3).map((s) => s.label)).toEqual(['core.accounts', 'core.opportunities', 'staging.accounts']);
    expect(suggestions[0]).toMatchObject({ detail: 'table, 250 rows', documentation: 'One row per company' });
    expect(suggestions.some((s) => s.kind === 'column')).toBe(false);
  });

  it('completes a schema\'s tables, and an alias\'s or table\'s columns, after a dot', () => {
    expect(suggestAt('select * from staging.|').map((s) => s.label)).toEqual(['accounts']);
    expect(suggestAt('select o.| from core.opportunities o join core.accounts a using (account_id)').map((s) => s.label)).toEqual([
      'opportunity_id', 'account_id', 'amount',
    ]);
    expect(suggestAt('select a.|, o.amount from core.opportunities as o join core.accounts a on true').map((s) => s.label)).toEqual([
      'account_id', 'segment', 'created_at',
    ]);
    expect(suggestAt('select core.accounts.|').map((s) => s.label)).toEqual(['account_id', 'segment', 'created_at']);
  });

  it('reads columns through {{ ref() }}, from core before staging', () => {
    expect(suggestAt("select | from {{ ref('accounts') }}").slice(0, 3).map((s) => s.label)).toEqual([
      'account_id', 'segment', 'created_at',
    ]);
  });

  it('quotes names that need it, reserved words included', () => {
    const odd = new CompletionIndex(
      { database: 'w', schemas: ['main'], tables: [table('main', 'Mixed Case', [['from', 'INTEGER'], ['amount', 'INTEGER']])] },
      vocabulary,
    );
    expect(odd.suggest('select * from ', 14)[0]).toMatchObject({ label: 'Mixed Case', insertText: '"Mixed Case"' });
    const columns = odd.suggest('select  from "Mixed Case"', 7).filter((s) => s.kind === 'column');
    expect(columns.map((s) => s.insertText)).toEqual(['"from"', 'amount']);
  });

  it('stays fast with a 3,000-column table', () => {
    const wide = table('core', 'wide', Array.from({ length: 3000 }, (_, i) => [`metric_${i}`, 'DOUBLE'] as [string, string]));
    const big = new CompletionIndex({ database: 'w', schemas: ['core'], tables: [...catalog.tables, wide] }, vocabulary);
    const started = performance.now();
    for (let keystroke = 0; keystroke < 20; keystroke++) {
      const suggestions = big.suggest('select metric_29 from core.wide', 16);
      expect(suggestions.filter((s) => s.kind === 'column')).toHaveLength(3000);
    }
    expect((performance.now() - started) / 20).toBeLessThan(20);
  });
});

describe('statementAround', () => {
  it('finds the statement under the cursor, ignoring semicolons in strings and comments', () => {
    const text = "select 1;\nselect ';' as x, -- ; \n y from t;\nselect 3";
    const around = statementAround(text, text.indexOf('y from'));
    expect(around.text).toBe("\nselect ';' as x, -- ; \n y from t");
    expect(around.text.slice(around.offset)).toBe('y from t');
  });
});
