import pg from 'pg';
import type { PostgresConnection } from '../test/postgres.ts';
import { expect, SCREENSHOTS, test, runSql } from './fixtures.ts';

const warehouse = () => JSON.parse(process.env.BIZOPS_E2E_POSTGRES!) as PostgresConnection;

async function warehouseRows(sql: string): Promise<unknown[]> {
  const client = new pg.Client(warehouse());
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test.beforeEach(async ({ app }) => {
  await app.goto(process.env.BIZOPS_E2E_SAMPLE_URL!);
  await expect(app.getByTestId('workspace-name')).toHaveText('Sample company');
});

test('pushes a query result, as the grid shows it, to the team warehouse with progress', async ({ app }) => {
  await runSql(app, "select segment, count(*) as accounts from core.accounts group by segment order by segment");
  await app.getByRole('button', { name: 'Push…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Push to warehouse' });
  await expect(dialog.getByRole('combobox', { name: 'Warehouse' })).toHaveValue('team');
  await dialog.getByRole('textbox', { name: 'Table' }).fill('reporting.accounts_by_segment');
  await app.screenshot({ path: `${SCREENSHOTS}/push-dialog.png` });
  await dialog.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Pushed 3 rows to reporting.accounts_by_segment');
  await app.screenshot({ path: `${SCREENSHOTS}/push-done.png` });
  expect(await warehouseRows('select segment, accounts::int from reporting.accounts_by_segment order by segment')).toEqual([
    { segment: 'Enterprise', accounts: expect.any(Number) },
    { segment: 'Mid-Market', accounts: expect.any(Number) },
    { segment: 'SMB', accounts: expect.any(Number) },
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('pushes a model from the model browser, merging by key', async ({ app }) => {
  await app.getByRole('link', { name: 'Model' }).click();
  await app.getByRole('button', { name: /^accounts/ }).first().click();
  await app.getByRole('button', { name: 'Push to warehouse…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Push to warehouse' });
  await expect(dialog.getByRole('textbox', { name: 'Table' })).toHaveValue('accounts');
  await dialog.getByRole('radio', { name: /^Upsert/ }).check();
  await dialog.getByRole('checkbox', { name: 'account_id' }).check();
  await app.screenshot({ path: `${SCREENSHOTS}/push-upsert.png` });
  await dialog.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText(/Pushed [\d,]+ rows to public\.accounts \([\d,]+ inserted, 0 updated\)/);
  const [{ count }] = (await warehouseRows('select count(*)::int as count from public.accounts')) as { count: number }[];
  expect(count).toBeGreaterThan(100);
});
