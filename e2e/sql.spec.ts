import { expect, SCREENSHOTS, test, typeSql } from './fixtures.ts';

test('types SQL in Monaco, runs it with Ctrl+Enter and sees the rows', async ({ app }) => {
  await typeSql(app, "select account_id, account_name, segment from core.accounts where segment = 'Enterprise' order by account_id");
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(app.getByTestId('query-status')).toHaveText(/^83 rows · \d+/);
  const table = app.getByTestId('result-table');
  await expect(table.locator('thead')).toContainText('account_idVARCHAR');
  await expect(table.locator('tbody tr').first()).toContainText('A-0002');
  await expect(table.locator('tbody tr')).toHaveCount(83);
  await app.screenshot({ path: `${SCREENSHOTS}/sql-results.png` });
});

test('pages through a 1M-row result without loading it all', async ({ app }) => {
  await typeSql(app, 'select i, i * 2 as doubled, 0.01 * i as amount from range(1000000) t(i)');
  await app.getByRole('button', { name: 'Run' }).click();
  await expect(app.getByTestId('query-status')).toHaveText(/^1,000,000 rows/);
  await expect(app.getByTestId('pager-range')).toHaveText('Rows 1–200 of 1,000,000');
  await expect(app.getByTestId('result-table').locator('tbody tr')).toHaveCount(200);
  await app.getByRole('button', { name: 'Last' }).click();
  await expect(app.getByTestId('pager-range')).toHaveText('Rows 999,801–1,000,000 of 1,000,000');
  await expect(app.getByTestId('result-table').locator('tbody tr').last()).toContainText('999999');
  await expect(app.getByTestId('result-table').locator('tbody tr').last()).toContainText('9999.99');
  await app.screenshot({ path: `${SCREENSHOTS}/sql-paging.png` });
});

test('shows an SQL error in place and marks it in the editor', async ({ app }) => {
  await typeSql(app, 'select account_id,\n       revenue\nfrom core.accounts');
  await app.keyboard.press('ControlOrMeta+Enter');
  const error = app.getByRole('alert').filter({ hasText: 'Error' });
  await expect(error).toContainText('Binder Error: Referenced column "revenue" not found');
  await expect(error).toContainText(/at query, line 2, column \d+/);
  await expect(app.locator('.view-overlays .squiggly-error, .squiggly-error').first()).toBeVisible();
  await app.screenshot({ path: `${SCREENSHOTS}/sql-error.png` });
});

test('the model page lists the catalog, and the theme switches to dark', async ({ app }) => {
  await app.getByRole('link', { name: 'Model' }).click();
  await expect(app.getByTestId('schema-core')).toContainText('accounts');
  await expect(app.getByTestId('schema-core')).toContainText('250 rows');
  await app.getByRole('button', { name: /accounts/ }).click();
  await expect(app.getByText('One row per customer or prospect company')).toBeVisible();
  await app.getByRole('button', { name: 'Dark theme' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.screenshot({ path: `${SCREENSHOTS}/model-dark.png` });
  await app.getByRole('button', { name: 'Light theme' }).click();
});
