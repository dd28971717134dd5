import type { languages } from 'monaco-editor/editor/editor.api';

export const DUCKDB_LANGUAGE = 'duckdb';

/** Words that read as SQL structure; unreserved words an analyst uses as column names (year, name) are left out. */
const KEYWORDS = `
  all analyse analyze and anti any array as asc asof asymmetric attach begin between both by case cast check collate
  column commit constraint copy create cross default deferrable delete desc describe detach distinct do drop else end
  except exclude exists explain false fetch filter for foreign from full glob grant group having ilike in inner
  initially insert install intersect interval into is isnull join lateral leading left like limit load materialized
  natural not notnull null nulls offset on only or order outer over partition pivot pivot_longer pivot_wider placing
  positional pragma primary qualify range recursive references replace returning right rollback rows schema select
  semi set show similar some summarize symmetric table temp temporary then to trailing transaction true union unique
  unpivot update using values variadic view when where window with within`.trim().split(/\s+/);

const TYPES = `
  bigint bit blob bool boolean char date datetime decimal double enum float float4 float8 hugeint int int1 int2 int4
  int8 integer list map numeric real smallint string struct text time timestamp timestamptz tinyint ubigint uhugeint
  uinteger union usmallint utinyint uuid varchar`.trim().split(/\s+/);

/**
 * DuckDB SQL for Monaco: keywords, types, DuckDB's own function names, strings ('…', E'…', $tag$…$tag$),
 * quoted identifiers, nested block comments, `::` casts, `$1` parameters and `{{ ref('…') }}` templates.
 */
export function duckdbTokens(functions: readonly string[]): languages.IMonarchLanguage {
  return {
    ignoreCase: true,
    defaultToken: '',
    tokenPostfix: '.sql',
    keywords: KEYWORDS,
    typeKeywords: TYPES,
    builtinFunctions: [...functions],
    tokenizer: {
      root: [
        [/\{\{/, { token: 'annotation', next: '@template' }],
        [/--.*$/, 'comment'],
        [/\/\*/, { token: 'comment', next: '@comment' }],
        [/[eE]'/, { token: 'string', next: '@escapeString' }],
        [/'/, { token: 'string', next: '@string' }],
        [/"/, { token: 'identifier.quote', next: '@quotedIdentifier' }],
        [/(\$[A-Za-z_]\w*\$|\$\$)/, { token: 'string', next: '@dollarString.$1' }],
        [/\$\d+|\?/, 'variable'],
        [/0[xX][0-9a-fA-F]+/, 'number'],
        [/(\d+(_\d+)*)?\.?\d+([eE][-+]?\d+)?/, 'number'],
        [/[A-Za-z_][\w$]*/, { cases: { '@keywords': 'keyword', '@typeKeywords': 'type', '@builtinFunctions': 'predefined', '@default': 'identifier' } }],
        [/::|->>|->|=>|\|\||<=|>=|<>|!=|[-+*/%=<>^~!&|@]/, 'operator'],
        [/[;,.()[\]{}]/, 'delimiter'],
        [/\s+/, 'white'],
      ],
      comment: [
        [/\/\*/, { token: 'comment', next: '@push' }],
        [/\*\//, { token: 'comment', next: '@pop' }],
        [/[^/*]+|[/*]/, 'comment'],
      ],
      string: [
        [/''/, 'string'],
        [/'/, { token: 'string', next: '@pop' }],
        [/[^']+/, 'string'],
      ],
      escapeString: [
        [/\\./, 'string.escape'],
        [/''/, 'string'],
        [/'/, { token: 'string', next: '@pop' }],
        [/[^'\\]+/, 'string'],
      ],
      dollarString: [
        [/(\$[A-Za-z_]\w*\$|\$\$)/, { cases: { '$1==$S2': { token: 'string', next: '@pop' }, '@default': 'string' } }],
        [/[^$]+|\$/, 'string'],
      ],
      quotedIdentifier: [
        [/""/, 'identifier'],
        [/"/, { token: 'identifier.quote', next: '@pop' }],
        [/[^"]+/, 'identifier'],
      ],
      template: [
        [/\}\}/, { token: 'annotation', next: '@pop' }],
        [/'[^']*'|"[^"]*"/, 'string'],
        [/[^}'"]+|\}/, 'annotation'],
      ],
    },
  };
}

export const duckdbConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  wordPattern: /[A-Za-z_][\w$]*/,
};
