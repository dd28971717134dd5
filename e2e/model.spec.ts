import { expect, gridRow, SCREENSHOTS, test } from './fixtures.ts';

test('browses schemas, tables, columns and their docs, and queries a table', async ({ app }) => {
  await app.getByRole('link', { name: 'Model' }).click();
  const core = app.getByTestId('schema-core');
  await expect(core).toContainText('accounts');
  await expect(core).toContainText('opportunities');
  await core.getByRole('button', { name: /^accounts/ }).click();
  const detail = app.getByRole('region', { name: 'core.accounts' });
  await expect(detail).toContainText('One row per customer or prospect company');
  await expect(detail).toContainText('250 rows');
  const segment = detail.getByTestId('columns-table').getByRole('row', { name: /segment/ });
  await expect(segment).toContainText('VARCHAR');
  await expect(segment).toContainText('SMB, Mid-Market or Enterprise, from employee count');
  await app.screenshot({ path: `${SCREENSHOTS}/model-light.png` });

  await app.getByLabel('Find a table or column').fill('close_date');
  await expect(app.getByRole('button', { name: /^opportunities/ })).toBeVisible();
  await expect(app.getByRole('button', { name: /^accounts/ })).toHaveCount(0);
  await app.getByRole('button', { name: /^opportunities/ }).click();
  await app.getByRole('button', { name: 'Query this table' }).click();
  await expect(app.getByRole('tab', { name: /^opportunities/, selected: true })).toBeVisible();
  await expect(app.getByTestId('query-status')).toHaveText(/^1,000 rows · /);
  await expect(gridRow(app, 1)).toContainText('O-0');
});

test('lists a 3,000-column table\'s columns', async ({ app }) => {
  await app.getByRole('link', { name: 'Model' }).click();
  await app.getByRole('button', { name: /^wide_metrics/ }).click();
  const detail = app.getByRole('region', { name: 'core.wide_metrics' });
  await expect(detail).toContainText('3,000 columns');
  await expect(detail.getByTestId('columns-table').locator('tbody tr')).toHaveCount(3000);
});
