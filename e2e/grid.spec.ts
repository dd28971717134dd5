import { readFileSync } from 'node:fs';
import { expect, gridCell, gridRow, readClipboard, runSql, SCREENSHOTS, shownError, test } from './fixtures.ts';

test('scrolls ten million rows by wheel and scrollbar, and jumps to any row', async ({ app }) => {
  await runSql(app, 'select i, i * 2 as doubled, md5(i::varchar) as hash from range(10000000) t(i)');
  await expect(app.getByTestId('query-status')).toHaveText(/^10,000,000 rows/);
  const grid = app.getByRole('grid', { name: 'Result rows' });
  await expect(app.getByTestId('grid-position')).toHaveText(/^Rows 1–\d+ of 10,000,000$/);

  await grid.hover();
  for (let i = 0; i < 10; i++) await app.mouse.wheel(0, 260);
  await expect(app.getByTestId('grid-position')).toHaveText(/^Rows 101–/);
  await expect(gridCell(app, 101, 0)).toHaveText('100');

  await grid.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(app.getByTestId('grid-position')).toHaveText(/–10,000,000 of 10,000,000$/);
  await expect(gridCell(app, 10_000_000, 0)).toHaveText('9999999');
  await expect(gridCell(app, 10_000_000, 1)).toHaveText('19999998');

  await app.getByLabel('Go to row').fill('5,000,000');
  await app.keyboard.press('Enter');
  await expect(gridCell(app, 5_000_000, 0)).toHaveText('4999999');
  await expect(gridCell(app, 5_000_000, 2)).toHaveText(/^[0-9a-f]{32}$/);
  await app.screenshot({ path: `${SCREENSHOTS}/grid-10m-rows.png` });
});

test('sorts and filters in DuckDB, values bound, and explains a value that does not fit', async ({ app }) => {
  await runSql(app, 'select opportunity_id, stage, amount, close_date from core.opportunities');
  const amount = app.getByTestId('column-header').filter({ hasText: 'amount' });
  await amount.getByRole('button', { name: /^amount/ }).click();
  await expect(amount).toHaveAttribute('aria-sort', 'ascending');
  await expect(gridCell(app, 1, 2)).toHaveText('500.00');
  await amount.getByRole('button', { name: /^amount/ }).click();
  await expect(amount).toHaveAttribute('aria-sort', 'descending');
  await expect(gridCell(app, 1, 2)).toHaveText('5497.00');

  await app.getByRole('button', { name: 'Filter stage' }).click();
  await app.getByLabel('Value').fill('won');
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByTestId('filter-chip')).toHaveText(/stage contains won/);
  await expect(app.getByTestId('refined-count')).toHaveText('500 of 2,000 rows');
  await expect(gridCell(app, 1, 1)).toHaveText('Closed Won');
  await expect(gridCell(app, 1, 2)).toHaveText('5490.00');
  await app.screenshot({ path: `${SCREENSHOTS}/grid-sort-filter.png` });

  await app.getByRole('button', { name: 'Filter stage' }).click();
  await app.getByLabel('Operator').selectOption('=');
  await app.getByLabel('Value').fill("Won' or '1'='1");
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByTestId('refined-count')).toHaveText('0 of 2,000 rows');
  await expect(app.getByTestId('grid-position')).toHaveText('0 rows');
  await app.getByRole('button', { name: 'Remove the filter on stage' }).last().click();
  await expect(app.getByTestId('refined-count')).toHaveText('500 of 2,000 rows');

  await app.getByRole('button', { name: 'Filter amount' }).click();
  await app.getByLabel('Value').fill('lots');
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(shownError(app)).toContainText('The filters could not be applied: Conversion Error');
  await expect(app.getByTestId('refined-count')).toHaveText('500 of 2,000 rows');
});

test('shows NULL apart from empty text, long text in full, and moves by keyboard', async ({ app }) => {
  await runSql(app, 'select account_id, notes from core.accounts order by account_id limit 12');
  await expect(gridCell(app, 1, 1)).toHaveText('NULL');
  await expect(gridCell(app, 1, 1).locator('.null')).toBeVisible();
  await expect(gridCell(app, 2, 1)).toHaveText('');
  const long = gridCell(app, 3, 1);
  expect(await long.evaluate((cell) => cell.scrollWidth > cell.clientWidth)).toBe(true);

  await gridCell(app, 1, 0).click();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Enter');
  const viewer = app.getByRole('dialog', { name: 'Value of notes in row 3' });
  await expect(viewer.getByTestId('cell-value')).toHaveText(`Notes on account 2: ${'renewal risk discussed; '.repeat(12)}`);
  await app.screenshot({ path: `${SCREENSHOTS}/grid-cell-viewer.png` });
  await app.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
});

test('copies cells as tab-separated text', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await runSql(app, "select account_id, segment, notes from core.accounts where account_id in ('A-0010', 'A-0011', 'A-0012') order by 1");
  await gridCell(app, 1, 0).click();
  await gridCell(app, 2, 2).click({ modifiers: ['Shift'] });
  await app.keyboard.press('ControlOrMeta+C');
  await expect(app.getByTestId('results-notice')).toContainText('Copied 2 rows');
  expect(await readClipboard(app)).toBe('A-0010\tMid-Market\t\nA-0011\tEnterprise\t');
  await gridRow(app, 3).getByText('3', { exact: true }).click();
  await app.getByRole('button', { name: 'Copy', exact: true }).click();
  expect(await readClipboard(app)).toBe(
    `account_id\tsegment\tnotes\nA-0012\tSMB\tNotes on account 12: ${'renewal risk discussed; '.repeat(12)}`,
  );
});

test('exports the whole result, not just the rows read, as CSV, Parquet and JSON downloads', async ({ app }) => {
  await runSql(app, 'select i, i * 0.5 as half from range(1000000) t(i)');
  const exported = async (format: string) => {
    const download = app.waitForEvent('download');
    await app.getByRole('button', { name: 'Export ▾' }).click();
    await app.getByRole('menuitem', { name: format }).click();
    const file = await download;
    await expect(app.getByTestId('results-notice')).toContainText('Exported 1,000,000 rows');
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };
  const csv = await exported('CSV');
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(1_000_001);
  expect(lines[0]).toBe('i,half');
  expect(lines[1_000_000]).toBe('999999,499999.5');
  const parquet = await exported('Parquet');
  expect(parquet.bytes.subarray(0, 4).toString()).toBe('PAR1');
  expect(parquet.bytes.subarray(-4).toString()).toBe('PAR1');
  const json = await exported('JSON');
  expect(json.bytes.subarray(0, 1).toString()).toBe('[');
  expect(JSON.parse(json.bytes.toString('utf8')).length).toBe(1_000_000);
});
