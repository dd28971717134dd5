import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, SCREENSHOTS, test } from './fixtures.ts';

const DEALS = 3_000_000;

test.beforeAll(async () => {
  const folder = join(process.env.BIZOPS_E2E_WORKSPACE!, 'data', 'crm');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'targets.csv'), 'quarter,amount\n2024-Q1,100000\n2024-Q2,120000\n');
  // Large enough that the sync's progress shows for a moment.
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT i AS id, 'Deal ' || i AS name, (i % 9973) * 1.5 AS amount FROM range(${DEALS}) t(i)) TO '${join(folder, 'deals.csv')}' (HEADER)`);
  connection.disconnectSync();
  instance.closeSync();
});

test('adds a files source, tests it, picks its tables and syncs them with live progress', async ({ app }) => {
  app.on('dialog', (dialog) => void dialog.accept());
  await app.getByRole('link', { name: 'Sources' }).click();
  await expect(app.getByText('This workspace has no sources yet.')).toBeVisible();

  await app.getByTestId('add-source').click();
  const form = app.getByRole('form', { name: 'Add a source' });
  await expect(form.getByRole('combobox', { name: 'Type', exact: true })).toHaveValue('files');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('crm');
  await form.getByRole('textbox', { name: 'Path', exact: true }).fill('data/crm');
  await form.getByRole('textbox', { name: 'Primary key', exact: true }).fill('id');
  await app.screenshot({ path: `${SCREENSHOTS}/sources-add-light.png` });
  await form.getByRole('button', { name: 'Add source' }).click();

  const picker = app.getByLabel('Tables of crm', { exact: true });
  await expect(picker.getByText('2 of 2 selected (the defaults)')).toBeVisible();
  await picker.getByRole('checkbox').nth(1).uncheck();
  await expect(picker.getByText('1 of 2 selected')).toBeVisible();
  await picker.getByRole('button', { name: 'Save selection' }).click();

  const detail = app.getByTestId('source-detail');
  await detail.getByTestId('test-connection').click();
  await expect(detail.getByTestId('test-result')).toHaveText('✓ Source "crm" is reachable.');

  await detail.getByTestId('sync-now').click();
  await expect(detail.getByTestId('progress-deals')).toBeVisible();
  await app.screenshot({ path: `${SCREENSHOTS}/sources-sync-progress-light.png` });
  await expect(detail.getByTestId('source-tables')).toContainText('raw_crm.deals3,000,000', { timeout: 45_000 });
  await expect(detail.getByTestId('source-tables')).not.toContainText('targets');
  await expect(app.getByTestId('source-crm')).toContainText('✓ synced');
  await expect(detail.getByTestId('sync-runs')).toContainText('3,000,000 rows');
  await app.screenshot({ path: `${SCREENSHOTS}/sources-synced-light.png` });

  await detail.getByRole('button', { name: 'Edit' }).click();
  const edit = app.getByRole('form', { name: 'Edit source crm' });
  await expect(edit.getByRole('textbox', { name: 'Path', exact: true })).toHaveValue('data/crm');
  await expect(edit.getByRole('textbox', { name: 'Primary key', exact: true })).toHaveValue('id');
  await edit.getByRole('combobox', { name: 'Mode', exact: true }).selectOption('plain');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(app.getByTestId('source-detail')).toBeVisible();
});

test('shows where secrets go when the app cannot store them, and a failing source\'s error', async ({ app }) => {
  app.on('dialog', (dialog) => void dialog.accept());
  await app.getByRole('link', { name: 'Sources' }).click();
  await app.getByRole('button', { name: 'Dark theme' }).click();
  await app.getByTestId('add-source').click();
  const form = app.getByRole('form', { name: 'Add a source' });
  await form.getByRole('combobox', { name: 'Type', exact: true }).selectOption('salesforce');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('sf');
  await expect(form.getByTestId('secrets-env-note')).toContainText('cannot store them');
  await expect(form.getByText('BIZOPS_SF_PASSWORD')).toBeVisible();
  await form.getByRole('textbox', { name: 'Username', exact: true }).fill('ann@example.com');
  await app.screenshot({ path: `${SCREENSHOTS}/sources-add-salesforce-dark.png` });
  await form.getByRole('button', { name: 'Add source' }).click();

  const picker = app.getByLabel('Tables of sf', { exact: true });
  const panel = app.getByRole('region', { name: 'Source', exact: true });
  await expect(panel.getByRole('alert')).toContainText('Signing in with password needs the password.');
  await expect(panel.getByRole('alert')).toContainText('BIZOPS_<SOURCE>_PASSWORD environment variable');
  await expect(picker).toHaveCount(0);
  await app.getByRole('button', { name: 'Close' }).click();

  await app.getByTestId('source-sf').click();
  const detail = app.getByTestId('source-detail');
  await detail.getByTestId('sync-now').click();
  await expect(detail.getByTestId('last-error')).toContainText('The last sync failed: Signing in with password needs the password.');
  await expect(app.getByTestId('source-sf')).toContainText('✗ failed');
  await app.screenshot({ path: `${SCREENSHOTS}/sources-failed-dark.png` });

  await detail.getByRole('button', { name: 'Remove' }).click();
  await expect(app.getByTestId('source-sf')).toHaveCount(0);
  await app.getByTestId('source-crm').click();
  await app.getByTestId('source-detail').getByRole('button', { name: 'Remove' }).click();
  await expect(app.getByText('This workspace has no sources yet.')).toBeVisible();
  await app.getByRole('button', { name: 'Light theme' }).click();
});
