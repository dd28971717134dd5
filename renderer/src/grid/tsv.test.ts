import { describe, expect, it } from 'vitest';
import { toTsv } from './tsv.ts';

describe('toTsv', () => {
  it('pastes into a spreadsheet cell for cell: NULL empty, awkward text quoted', () => {
    expect(
      toTsv([
        ['account_id', 'note'],
        ['A-1', null],
        ['A-2', 'two\tparts'],
        ['A-3', 'said "hi"\nthen left'],
        ['A-4', ''],
      ]),
    ).toBe('account_id\tnote\nA-1\t\nA-2\t"two\tparts"\nA-3\t"said ""hi""\nthen left"\nA-4\t');
  });
});
