import { readFileSync } from 'node:fs';
import { expect, runSql, SCREENSHOTS, shownError, test, writeClipboard } from './fixtures.ts';

const SALES = `select timestamp '2024-01-01' + to_minutes(i) as sold_at, ['web', 'partner', 'sales'][1 + i % 3] as channel,
  (i % 100)::decimal(18,2) as amount from range(1000000) t(i)`;

/** Replace the Vega-Lite spec's JSON by pasting over it. */
async function pasteSpec(app: import('@playwright/test').Page, spec: object) {
  await writeClipboard(app, JSON.stringify(spec, null, 2));
  await app.getByTestId('spec-editor').click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('ControlOrMeta+V');
}

test('charts a million rows grouped in DuckDB, and the spec and the controls follow each other', async ({ app }) => {
  await runSql(app, SALES);
  await app.getByRole('tab', { name: 'Chart' }).click();
  await expect(app.getByTestId('chart-note')).toHaveText(/^Grouped in DuckDB: 69 groups from 1,000,000 rows\.$/);
  await expect(app.getByTestId('chart').locator('svg .mark-line path')).toHaveCount(3);
  await expect(app.getByRole('radio', { name: 'Line' })).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByLabel('X time unit')).toHaveValue('month');
  await app.screenshot({ path: `${SCREENSHOTS}/chart-line.png` });

  await app.getByRole('radio', { name: 'Bar' }).click();
  await expect(app.getByTestId('spec-editor')).toContainText('"type": "bar"');
  await app.getByLabel('X field').selectOption('channel');
  await expect(app.getByTestId('chart-note')).toHaveText('Grouped in DuckDB: 3 groups from 1,000,000 rows.');
  await expect(app.getByTestId('chart').locator('svg .mark-rect.role-mark path')).toHaveCount(3);

  await pasteSpec(app, {
    mark: { type: 'area', tooltip: true },
    encoding: {
      x: { field: 'sold_at', timeUnit: 'utcyearweek', type: 'temporal' },
      y: { field: 'amount', aggregate: 'mean', type: 'quantitative' },
    },
    title: 'Average sale by week',
  });
  await expect(app.getByRole('radio', { name: 'Area' })).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByLabel('Y aggregate')).toHaveValue('mean');
  await expect(app.getByLabel('X time unit')).toHaveValue('week');
  await expect(app.getByTestId('chart').locator('svg')).toContainText('Average sale by week');
  await expect(app.getByTestId('chart-note')).toHaveText(/^Grouped in DuckDB: 100 groups from 1,000,000 rows\.$/);
});

test('draws a KPI and exports SVG and PNG', async ({ app }) => {
  await runSql(app, 'select amount, stage from core.opportunities');
  await app.getByRole('tab', { name: 'Chart' }).click();
  await app.getByRole('radio', { name: 'KPI' }).click();
  await expect(app.getByTestId('chart').locator('svg')).toContainText('Sum of amount');
  await expect(app.getByTestId('chart').locator('svg')).toContainText('5,943,000');
  await app.screenshot({ path: `${SCREENSHOTS}/chart-kpi.png` });

  const svgDownload = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^<svg[\s\S]*5,943,000[\s\S]*<\/svg>$/);
  const pngDownload = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export PNG' }).click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
});

test('names a field the result does not have, in place', async ({ app }) => {
  await runSql(app, 'select 1 as x');
  await app.getByRole('tab', { name: 'Chart' }).click();
  await pasteSpec(app, { mark: 'bar', encoding: { x: { field: 'region', type: 'nominal' } } });
  await expect(shownError(app)).toContainText('The chart uses the field "region", which is not a column of this result.');
});

test('draws facets, a pie and a heatmap from the same result', async ({ app }) => {
  await runSql(app, 'select stage, close_date, amount from core.opportunities');
  await app.getByRole('tab', { name: 'Chart' }).click();
  await expect(app.getByRole('radio', { name: 'Line' })).toHaveAttribute('aria-checked', 'true');
  await app.getByLabel('Facet field').selectOption('stage');
  const chart = app.getByTestId('chart').locator('svg');
  for (const stage of ['Prospecting', 'Proposal', 'Closed Won', 'Closed Lost']) await expect(chart).toContainText(stage);
  await expect(chart.locator('.mark-line path')).toHaveCount(4);
  await app.screenshot({ path: `${SCREENSHOTS}/chart-facets.png` });

  await app.getByRole('radio', { name: 'Pie' }).click();
  await expect(app.getByLabel('Category field')).toHaveValue('close_date');
  await app.getByLabel('Category field').selectOption('stage');
  await expect(chart.locator('.mark-arc path')).toHaveCount(4);

  await app.getByRole('radio', { name: 'Heatmap' }).click();
  await app.getByLabel('X field').selectOption('close_date');
  await app.getByLabel('X time unit').selectOption('quarter');
  await app.getByLabel('Y field').selectOption('stage');
  await app.getByLabel('Color field').selectOption('amount');
  await expect(app.getByTestId('chart-note')).toHaveText('Grouped in DuckDB: 32 groups from 2,000 rows.');
  await expect(chart.locator('.mark-rect.role-mark path')).toHaveCount(32);
  await app.screenshot({ path: `${SCREENSHOTS}/chart-heatmap.png` });
});
