import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, runSql, SCREENSHOTS, test, typeSql } from './fixtures.ts';

const queryFile = (name: string) => join(process.env.BIZOPS_E2E_WORKSPACE!, 'queries', `${name}.sql`);

test('each tab is a .sql file in queries/, renamed with its tab and reopened after a reload', async ({ app }) => {
  await typeSql(app, 'select stage, count(*) from core.opportunities group by all');
  const tab = app.getByRole('tab', { selected: true });
  await tab.dblclick();
  await app.getByLabel('Query name').fill('Pipeline by stage');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('tab', { name: 'Pipeline by stage' })).toBeVisible();
  await expect.poll(() => existsSync(queryFile('Pipeline by stage')) && readFileSync(queryFile('Pipeline by stage'), 'utf8')).toBe(
    'select stage, count(*) from core.opportunities group by all',
  );

  await app.getByRole('button', { name: 'New query' }).click();
  await typeSql(app, 'select 42 as answer');
  await expect(app.getByText(/^queries\/Untitled( \d+)?\.sql$/)).toBeVisible();
  const second = (await app.getByText(/^queries\/Untitled( \d+)?\.sql$/).innerText()).slice('queries/'.length, -4);
  await expect.poll(() => existsSync(queryFile(second)) && readFileSync(queryFile(second), 'utf8')).toBe('select 42 as answer');

  await app.reload();
  await expect(app.getByRole('tab', { name: 'Pipeline by stage' })).toBeVisible();
  await expect(app.getByRole('tab', { name: second, selected: true })).toBeVisible();
  await app.getByRole('button', { name: `Close ${second}` }).click();
  await expect(app.getByRole('tab', { name: second })).toHaveCount(0);
  expect(existsSync(queryFile(second))).toBe(true);
  await app.screenshot({ path: `${SCREENSHOTS}/sql-tabs.png` });
});

test('history is searchable and reopens a past query in a new tab', async ({ app }) => {
  await runSql(app, "select count(*) as won from core.opportunities where stage = 'Closed Won'");
  await runSql(app, 'select 7 as lucky_number');
  await app.getByRole('button', { name: 'History & saved' }).click();
  const history = app.getByTestId('history-list');
  await expect(history.locator('li').first()).toContainText('select 7 as lucky_number');
  await app.getByLabel('Search history').fill('closed won');
  await expect(history.locator('li')).toHaveCount(1);
  await expect(history.locator('li').first()).toContainText('1 row');
  await app.screenshot({ path: `${SCREENSHOTS}/sql-history.png` });
  await history.getByRole('button').first().click();
  await expect(app.getByRole('tab', { name: /^From history/, selected: true })).toBeVisible();
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(app.getByTestId('query-status')).toHaveText(/^1 row · /);

  await app.getByRole('tab', { name: 'Saved', exact: true }).click();
  await expect(app.getByTestId('saved-list')).toContainText('From history');
});
