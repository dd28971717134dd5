import { describe, expect, it } from 'vitest';
import { findRefs, replaceRefs } from './refs.ts';

describe('model refs', () => {
  it('finds {{ ref(…) }} with either quote and any spacing', () => {
    const sql = "select * from {{ ref('accounts') }} a join {{ref(\"deals\")}} d using (account_id)";
    expect(findRefs(sql)).toEqual([
      { start: 14, end: 35, name: 'accounts' },
      { start: 43, end: 59, name: 'deals' },
    ]);
    expect(findRefs("select '{{ ref(accounts) }}'")).toEqual([]);
  });

  it('replaces refs by quoted tables and maps offsets back to the text as written', () => {
    const sql = "select x from {{ ref('Accounts') }} where nosuch";
    const resolved = replaceRefs(sql, findRefs(sql), new Map([['accounts', { schema: 'core', table: 'accounts' }]]));
    expect(resolved.sql).toBe('select x from "core"."accounts" where nosuch');
    expect(resolved.toOriginalOffset(resolved.sql.indexOf('nosuch'))).toBe(sql.indexOf('nosuch'));
    expect(resolved.toOriginalOffset(resolved.sql.indexOf('"accounts"'))).toBe(sql.indexOf('{{'));
    expect(resolved.toOriginalOffset(7)).toBe(7);
  });
});
