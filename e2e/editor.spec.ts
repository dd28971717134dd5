import { expect, gridRow, runSql, SCREENSHOTS, shownError, test, typeSql } from './fixtures.ts';

/** The editor's text as shown (Monaco renders spaces as non-breaking ones). */
const editorText = async (app: import('@playwright/test').Page) =>
  (await app.getByTestId('sql-editor').locator('.view-lines').innerText()).replaceAll('\u00a0', ' ');

test('completes the columns of the table read, with their types, before keywords', async ({ app }) => {
  await typeSql(app, 'select  from core.accounts');
  await app.keyboard.press('Home');
  for (let i = 0; i < 7; i++) await app.keyboard.press('ArrowRight');
  await app.keyboard.type('seg');
  const suggestions = app.locator('.suggest-widget .monaco-list-row');
  await expect(suggestions.first()).toContainText('segment');
  await expect(suggestions.first()).toContainText('VARCHAR');
  await app.screenshot({ path: `${SCREENSHOTS}/sql-completion.png` });
  await app.keyboard.press('Enter');
  await expect.poll(() => editorText(app)).toBe('select segment from core.accounts');
});

test('completion stays quick with a 3,000-column table', async ({ app }) => {
  await typeSql(app, 'select  from core.wide_metrics');
  await app.keyboard.press('Home');
  for (let i = 0; i < 7; i++) await app.keyboard.press('ArrowRight');
  // Warm up: the first suggestion builds the table's completions once.
  await app.keyboard.type('metric_');
  await expect(app.locator('.suggest-widget .monaco-list-row').first()).toContainText('metric_');
  const started = Date.now();
  await app.keyboard.type('29');
  await expect(app.locator('.suggest-widget .monaco-list-row').first()).toContainText('metric_29');
  const elapsed = Date.now() - started;
  console.log(`completion among 3,000 columns: ${elapsed} ms from keystrokes to suggestions`);
  expect(elapsed).toBeLessThan(1000);
});

test('runs the statement under the cursor or the selection, and marks an error where DuckDB says', async ({ app }) => {
  await typeSql(app, 'select 1 as one;\n\nselect account_id,\n       revenue\nfrom core.accounts;');
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('ControlOrMeta+Enter');
  const error = shownError(app);
  await expect(error).toContainText('Referenced column "revenue" not found');
  await expect(error).toContainText('at query, line 4, column 8');
  await expect(app.locator('.squiggly-error').first()).toBeVisible();
  await app.screenshot({ path: `${SCREENSHOTS}/sql-error.png` });

  await app.keyboard.press('ControlOrMeta+Home');
  await app.keyboard.press('Shift+End');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(app.getByTestId('query-status')).toHaveText(/^1 row · /);
  await expect(app.getByTestId('column-header')).toHaveText(['oneINTEGER']);
});

test('cancels a running query', async ({ app }) => {
  await typeSql(app, 'select count(*) from range(50000000000) t(i) where i % 7 = 3');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByTestId('query-status')).toHaveText(/^Running…/);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(shownError(app)).toContainText('The query was cancelled.');
});

test('formats SQL in the DuckDB dialect and keeps model refs', async ({ app }) => {
  await typeSql(app, "select segment, count(*) as accounts from {{ ref('accounts') }} where created_at >= date '2024-03-01' group by all");
  await app.getByRole('button', { name: 'Format' }).click();
  await expect.poll(() => editorText(app)).toBe(
    ['select', '  segment,', '  count(*) as accounts', 'from', "  {{ ref('accounts') }}", 'where', "  created_at >= date '2024-03-01'", 'group by all'].join('\n'),
  );
});

test('ref() runs against core before staging, and an unknown model is named', async ({ app }) => {
  await runSql(app, "select account_id from {{ ref('accounts') }} order by 1");
  await expect(app.getByTestId('query-status')).toHaveText(/^250 rows/);
  await expect(gridRow(app, 1)).toContainText('A-0000');
  await runSql(app, "select *\nfrom {{ ref('acounts') }}");
  const error = shownError(app);
  await expect(error).toContainText("ref('acounts') names no table");
  await expect(error).toContainText('at query, line 2, column 6');
});
