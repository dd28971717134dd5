import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CHARTS_SETTLED_SCRIPT } from '../core/dashboards/export/pdf.ts';
import { runSql, SCREENSHOTS, shownError } from './fixtures.ts';
import { expect, SAMPLE_URL, SAMPLE_WORKSPACE, test } from './sampleFixture.ts';

const fileOf = (name: string) => join(SAMPLE_WORKSPACE, 'dashboards', `${name}.dashboard.yml`);

async function openDashboards(app: Page): Promise<void> {
  await app.goto(`${SAMPLE_URL}#/dashboards`);
  await expect(app.getByTestId('workspace-name')).toHaveText('Sample company');
}

/** The tile's SQL, replaced as a paste would and run. */
async function setTileSql(app: Page, sql: string): Promise<void> {
  await app.getByTestId('tile-sql').click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Delete');
  await app.keyboard.insertText(sql);
  await app.keyboard.press('ControlOrMeta+Enter');
}

const tile = (app: Page, id: string) => app.locator(`.dash-grid [data-tile="${id}"]`);

/** Line numbers (from 1) where two texts differ; both must have the same number of lines. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

test('a dashboard built in the app, saved, changed in a text editor, reopened and exported to HTML that works offline', async ({ sample: app, browser }) => {
  await openDashboards(app);
  await app.getByRole('button', { name: 'New', exact: true }).click();
  await app.getByLabel('New dashboard title').fill('Sales review');
  await app.getByRole('button', { name: 'Create' }).click();
  await expect(app.getByTestId('save-state')).toHaveText('Not saved yet');
  await app.getByRole('button', { name: 'Add a tile' }).click();

  // The new tile's panel: SQL bound to the period, shown as a chart.
  await app.getByLabel('Title', { exact: true }).fill('Won ARR by segment');
  await setTileSql(app, [
    'select a.segment, sum(o.arr) as won_arr',
    'from core.opportunities o join core.accounts a using (account_id)',
    'where o.is_won and o.close_date >= $period_from and o.close_date < $period_to',
    'group by all order by won_arr desc',
  ].join('\n'));
  await expect(tile(app, 'new_tile').locator('.dash-table tbody tr')).toHaveCount(3);
  await app.getByRole('radio', { name: 'Chart' }).click();
  await expect(tile(app, 'new_tile').locator('svg .mark-rect path')).toHaveCount(3);
  await app.getByRole('button', { name: 'Done', exact: true }).click();

  // A KPI beside it.
  await app.getByRole('button', { name: 'Add tile' }).click();
  await app.getByLabel('Title', { exact: true }).fill('Won deals');
  await setTileSql(app, 'select count(*) as won from core.opportunities\nwhere is_won and close_date >= $period_from and close_date < $period_to');
  await app.getByRole('radio', { name: 'KPI' }).click();
  await app.getByRole('checkbox', { name: 'Change vs previous period' }).check();
  await expect(tile(app, 'new_tile_2').locator('.dash-kpi-change')).toContainText('vs previous period');
  await app.getByRole('button', { name: 'Done', exact: true }).click();

  // Resize the KPI by dragging its corner one column narrower, then save.
  const grip = tile(app, 'new_tile_2').locator('.dash-resize-grip');
  const box = (await grip.boundingBox())!;
  const column = ((await app.locator('.dash-grid').boundingBox())!.width + 12) / 12;
  await app.mouse.move(box.x + 5, box.y + 5);
  await app.mouse.down();
  await app.mouse.move(box.x + 5 - column * 1.1, box.y + 5, { steps: 5 });
  await app.mouse.up();
  await expect(app.getByTestId('save-state')).toHaveText('Not saved yet');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByTestId('save-state')).toHaveText('Saved');
  const saved = readFileSync(fileOf('sales-review'), 'utf8');
  expect(saved.split('\n')[0]).toBe('# yaml-language-server: $schema=./dashboard.schema.json');
  // Tiles new to the file are named after their titles when it is saved.
  expect(saved).toContain('  - {tile: won_deals, x: 0, y: 5, w: 2, h: 3}');
  expect(saved).toContain('    sql: |\n      select a.segment, sum(o.arr) as won_arr\n');
  await app.getByRole('button', { name: 'Done editing' }).click();
  await app.screenshot({ path: `${SCREENSHOTS}/dashboard-view-light.png` });

  // A one-tile change in the app is a diff of that tile's lines only.
  await app.getByRole('button', { name: 'Edit', exact: true }).click();
  await tile(app, 'won_deals').getByRole('button', { name: 'Edit' }).click();
  await app.getByLabel('Title', { exact: true }).fill('Deals won');
  await app.getByRole('button', { name: 'Done', exact: true }).click();
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByTestId('save-state')).toHaveText('Saved');
  const retitled = readFileSync(fileOf('sales-review'), 'utf8');
  expect(changedLines(saved, retitled)).toEqual([saved.split('\n').indexOf('    title: Won deals') + 1]);

  // Changed in a text editor: the open dashboard reloads.
  writeFileSync(fileOf('sales-review'), retitled.replace('title: Won ARR by segment', 'title: Won ARR per segment'));
  await expect(tile(app, 'won_arr_by_segment')).toHaveAttribute('aria-label', 'Won ARR per segment');
  await expect(app.getByRole('status').filter({ hasText: 'it changed on disk' })).toBeVisible();

  // Reopened, and exported to one HTML file.
  await app.reload();
  await app.getByRole('button', { name: /Sales review/ }).click();
  await expect(tile(app, 'won_arr_by_segment').locator('svg .mark-rect path')).toHaveCount(3);
  await app.getByRole('button', { name: 'Export', exact: true }).click();
  const download = app.waitForEvent('download');
  await app.getByRole('menuitem', { name: /^HTML/ }).click();
  const html = readFileSync((await (await download).path())!, 'utf8');

  // The export in a fresh browser with every request refused: it needs none, and shows every tile.
  const offline = await browser.newContext({ offline: true });
  const requests: string[] = [];
  await offline.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await offline.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setContent(html, { waitUntil: 'load' });
  await expect(page.locator('.dash-title')).toHaveText('Sales review');
  await expect(page.locator('[data-tile="won_arr_by_segment"] svg .mark-rect path')).toHaveCount(3);
  await expect(page.locator('[data-tile="won_deals"] .dash-kpi-value')).toHaveText(/^\d[\d,]*$/);
  await expect(page.locator('.dash-tile')).toHaveCount(2);
  // What the desktop app's printer waits for before it prints the page as a PDF.
  await expect.poll(() => page.evaluate(CHARTS_SETTLED_SCRIPT)).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-export-offline.png` });
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
  await offline.close();
});

test('unsaved changes survive closing the page, and a change on disk asks before it replaces them', async ({ sample: app }) => {
  writeFileSync(fileOf('keep'), [
    'title: Keep',
    'tiles:',
    '  - id: accounts',
    '    title: Accounts',
    '    display: kpi',
    '    sql: select count(*) from core.accounts',
    '',
  ].join('\n'));
  await openDashboards(app);
  await app.getByRole('button', { name: /^Keep/ }).click();
  await expect(tile(app, 'accounts').locator('.dash-kpi-value')).toHaveText(/^\d+$/);
  await app.getByRole('button', { name: 'Edit', exact: true }).click();
  await app.getByLabel('Dashboard title').fill('Keep this');
  await expect(app.getByTestId('save-state')).toHaveText('Unsaved changes');

  await app.reload();
  await expect(app.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect(app.getByLabel('Dashboard title')).toHaveValue('Keep this');
  await expect(app.getByRole('status').filter({ hasText: 'Your unsaved changes from before are back.' })).toBeVisible();
  await expect(app.getByRole('button', { name: /keep\.dashboard\.yml/ })).toContainText('●');

  writeFileSync(fileOf('keep'), readFileSync(fileOf('keep'), 'utf8').replace('title: Accounts', 'title: All accounts'));
  const prompt = app.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(prompt).toBeVisible();
  await app.screenshot({ path: `${SCREENSHOTS}/dashboard-changed-on-disk.png` });
  await prompt.getByRole('button', { name: 'Reload from disk' }).click();
  await expect(app.getByTestId('save-state')).toHaveText('Saved');
  await expect(tile(app, 'accounts')).toHaveAttribute('aria-label', 'All accounts');
});

test('a broken file opens with the line and what is wrong, and the other dashboards still work', async ({ sample: app }) => {
  writeFileSync(fileOf('broken'), 'title: Broken\ntiles:\n  - id: one\n    title: One\n    display: pie\n    sql: select 1\n');
  await openDashboards(app);
  const entry = app.getByRole('button', { name: /broken\.dashboard\.yml/ });
  await expect(entry).toContainText('Cannot be opened: line 5');
  await entry.click();
  await expect(shownError(app)).toContainText('dashboards/broken.dashboard.yml:5: "tiles.0.display": Invalid option');
  await app.getByRole('button', { name: /Sales review/ }).click();
  await expect(tile(app, 'won_arr_by_segment').locator('svg .mark-rect path')).toHaveCount(3);
});

test('the editor and the dashboard in the dark theme', async ({ sample: app }) => {
  await openDashboards(app);
  await app.getByRole('button', { name: 'Dark theme' }).click();
  await app.getByRole('button', { name: /Sales review/ }).click();
  await expect(tile(app, 'won_arr_by_segment').locator('svg .mark-rect path')).toHaveCount(3);
  await app.screenshot({ path: `${SCREENSHOTS}/dashboard-view-dark.png` });
  await app.getByRole('button', { name: 'Edit', exact: true }).click();
  await tile(app, 'won_arr_by_segment').getByRole('button', { name: 'Edit' }).click();
  await expect(app.getByTestId('tile-sql')).toContainText('won_arr');
  await app.screenshot({ path: `${SCREENSHOTS}/dashboard-editor-dark.png` });
  await app.getByRole('button', { name: 'Light theme' }).click();
  await app.screenshot({ path: `${SCREENSHOTS}/dashboard-editor-light.png` });
});

test('a chart made from a query goes to a new dashboard with "Save to dashboard", its SQL and spec with it', async ({ sample: app }) => {
  await runSql(app, 'create temp table scratch as select 1;\nselect segment, count(*) as accounts from core.accounts group by segment order by segment');
  await app.getByRole('tab', { name: 'Chart' }).click();
  await expect(app.getByTestId('chart').locator('svg .mark-rect.role-mark path')).toHaveCount(3);
  await app.getByRole('button', { name: 'Save to dashboard…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Save to dashboard' });
  await dialog.getByLabel('Tile title').fill('Accounts by segment');
  await dialog.getByRole('radio', { name: 'a new dashboard' }).check();
  await dialog.getByLabel('New dashboard title').fill('From queries');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toContainText('to dashboards/from-queries.dashboard.yml');
  const text = readFileSync(fileOf('from-queries'), 'utf8');
  expect(text).toContain('display: chart');
  expect(text).toContain('select segment, count(*) as accounts from core.accounts group by segment order by segment');
  expect(text).not.toContain('scratch');
  expect(text).toMatch(/\bmark\b/);

  await dialog.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(tile(app, 'accounts_by_segment').locator('svg .mark-rect path')).toHaveCount(3);
  await app.screenshot({ path: `${SCREENSHOTS}/dashboard-from-query.png` });
});
