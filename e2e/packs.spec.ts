import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENSHOTS, shownError } from './fixtures.ts';
import { expect, SAMPLE_URL, SAMPLE_WORKSPACE, test } from './sampleFixture.ts';

const dashboardFile = (name: string) => join(SAMPLE_WORKSPACE, 'dashboards', `${name}.dashboard.yml`);

async function openPack(app: Page, title: string): Promise<void> {
  await app.goto(`${SAMPLE_URL}#/packs`);
  await expect(app.getByTestId('workspace-name')).toHaveText('Sample company');
  await app.getByRole('button', { name: `Open the ${title} pack` }).click();
  await expect(app.locator('.dash-tile')).not.toHaveCount(0);
}

const tile = (app: Page, id: string) => app.locator(`.dash-grid [data-tile="${id}"]`);

test('the gallery shows every pack; a pack shows its KPIs with change and sparkline, and its charts, for a chosen period', async ({ sample: app }) => {
  await app.goto(`${SAMPLE_URL}#/packs`);
  await expect(app.locator('.pack-card')).toHaveCount(4);
  await expect(app.getByRole('button', { name: 'Open the Sales pack' })).toContainText('Bookings');
  await app.screenshot({ path: `${SCREENSHOTS}/packs-gallery-light.png` });

  await app.getByRole('button', { name: 'Open the Sales pack' }).click();
  await app.getByLabel('Period', { exact: true }).selectOption('custom');
  await app.getByLabel('Period from').fill('2025-01-01');
  await app.getByLabel('Period to (excluded)').fill('2026-01-01');
  const bookings = tile(app, 'bookings');
  await expect(bookings.locator('.dash-kpi-value')).toHaveText(/^\$[\d.,]+[KM]?$/);
  await expect(bookings.locator('.dash-kpi-change')).toHaveText(/^[▲▼] \d+\.\d% vs previous period$/);
  await expect(bookings.locator('.dash-kpi-spark svg path')).toHaveCount(2);
  const charts = app.locator('.dash-tile-chart');
  await expect(charts).toHaveCount(6);
  for (const chart of await charts.all()) await expect(chart.locator('[data-drawn="true"] svg')).toBeVisible();
  await expect(app.locator('.dash-tile-running')).toHaveCount(0);
  const fullYear = await bookings.locator('.dash-kpi-value').textContent();
  await app.screenshot({ path: `${SCREENSHOTS}/packs-sales-light.png` });

  await app.getByLabel('Period to (excluded)').fill('2025-04-01');
  await expect(bookings.locator('.dash-kpi-value')).not.toHaveText(fullYear!);
  await expect(bookings.locator('.dash-kpi-spark svg path')).toHaveCount(2);

  await app.getByRole('button', { name: 'Dark theme' }).click();
  await app.getByLabel('Period', { exact: true }).selectOption('last_year');
  await expect(app.locator('.dash-tile-running')).toHaveCount(0);
  await app.screenshot({ path: `${SCREENSHOTS}/packs-sales-dark.png` });
  await app.getByRole('button', { name: '← All packs' }).click();
  await app.screenshot({ path: `${SCREENSHOTS}/packs-gallery-dark.png` });
  await app.getByRole('button', { name: 'Light theme' }).click();
});

test('"Save to workspace" copies a pack\'s dashboard into dashboards/ to change there, under another name when taken', async ({ sample: app }) => {
  await openPack(app, 'SaaS');
  await app.getByRole('button', { name: 'Save to workspace' }).click();
  const saved = app.getByRole('status').filter({ hasText: 'Saved as dashboards/saas.dashboard.yml' });
  await expect(saved).toBeVisible();
  expect(readFileSync(dashboardFile('saas'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/dashboard\.schema\.json\ntitle: SaaS\n/);

  await app.reload();
  await app.getByRole('button', { name: 'Save to workspace' }).click();
  await expect(shownError(app)).toContainText('dashboards/saas.dashboard.yml already exists.');
  await expect(app.getByLabel('Save as dashboards/')).toHaveValue('saas-2');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByRole('status').filter({ hasText: 'dashboards/saas-2.dashboard.yml' }).getByRole('button', { name: 'Open it' }).click();
  await expect(app.getByRole('button', { name: /saas-2\.dashboard\.yml/ })).toHaveAttribute('aria-current', 'page');
  await expect(app.getByTestId('save-state')).toHaveText('Saved');
  await expect(tile(app, 'mrr').locator('.dash-kpi-value')).toHaveText(/^\$/);
});

test('one tile of a pack goes to a dashboard of your own with "Save to dashboard"', async ({ sample: app }) => {
  await openPack(app, 'Marketing');
  const first = app.locator('.dash-tile-kpi').first();
  const title = await first.getAttribute('aria-label');
  await first.hover();
  await first.getByRole('button', { name: 'Add to dashboard' }).click();
  const dialog = app.getByRole('dialog', { name: 'Save to dashboard' });
  await dialog.getByRole('radio', { name: 'a new dashboard' }).check();
  await dialog.getByLabel('New dashboard title').fill('Marketing picks');
  await expect(dialog).toContainText('Saved as dashboards/marketing-picks.dashboard.yml');
  await app.screenshot({ path: `${SCREENSHOTS}/save-to-dashboard-dialog.png` });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toContainText('to dashboards/marketing-picks.dashboard.yml');
  expect(existsSync(dashboardFile('marketing-picks'))).toBe(true);
  const text = readFileSync(dashboardFile('marketing-picks'), 'utf8');
  expect(text).toContain(`title: ${title}`);
  expect(text).toContain('    metric:\n      pack: marketing\n');
  expect(text).toContain('    type: date_range');

  await dialog.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(app.locator('.dash-tile')).toHaveCount(1);
  await expect(app.locator('.dash-tile .dash-kpi-value')).not.toHaveText('—');
});
