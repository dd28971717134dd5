import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, test as baseTest } from '@playwright/test';
import { BIZOPS_BIN, runCli } from '../test/cli.ts';
import { expect, runSql, SCREENSHOTS, shownError, test } from './fixtures.ts';
import { printedAddress } from './global-setup.ts';

test('every page looks finished in the light and the dark theme', async ({ app }) => {
  await runSql(app, "select segment, count(*) as accounts, min(created_at) as first_created from core.accounts group by all order by 1");
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await app.getByRole('button', { name: 'Dark theme' }).click();
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    const ready = {
      SQL: app.getByTestId('result-grid'),
      Model: app.getByRole('region', { name: 'core.accounts' }),
      Sources: app.getByRole('heading', { name: 'Sources' }),
      Packs: app.getByRole('heading', { name: 'Packs' }),
      Dashboards: app.getByRole('heading', { name: 'Dashboards' }),
    };
    for (const [page, shown] of Object.entries(ready)) {
      await app.getByRole('link', { name: page }).click();
      await expect(shown).toBeVisible();
      await app.screenshot({ path: `${SCREENSHOTS}/page-${page.toLowerCase()}-${theme}.png` });
    }
    await app.getByRole('link', { name: 'SQL' }).click();
    await app.getByRole('tab', { name: 'Chart' }).click();
    await expect(app.getByTestId('chart').locator('svg')).toBeVisible();
    await app.screenshot({ path: `${SCREENSHOTS}/chart-${theme}.png` });
    await app.getByRole('tab', { name: 'Rows' }).click();
  }
  await app.getByRole('button', { name: 'Light theme' }).click();
});

baseTest('says when the connection to the host is lost, on the page and in place', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'bizops-lost-'));
  const workspace = join(dir, 'ws');
  baseExpect((await runCli(['init', workspace, '--name', 'Short-lived'])).code).toBe(0);
  const server = spawn(process.execPath, [BIZOPS_BIN, 'serve', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await printedAddress(server);
    const unexpected: string[] = [];
    page.on('console', (message) => {
      // The browser itself reports the cut event stream and each refused reconnection; anything else is a fault.
      if (message.type() === 'error' && !/net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)/.test(message.text())) {
        unexpected.push(message.text());
      }
    });
    page.on('pageerror', (error) => unexpected.push(error.message));
    await page.goto(url);
    await baseExpect(page.getByTestId('workspace-name')).toHaveText('Short-lived');
    await page.getByTestId('sql-editor').click();
    await page.keyboard.insertText('select 1');

    server.kill('SIGINT');
    await new Promise((resolve) => server.once('close', resolve));
    await baseExpect(page.getByRole('status').filter({ hasText: 'Connection to the BizOps host lost' })).toBeVisible();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await baseExpect(shownError(page)).toContainText('Lost the connection to the BizOps host');
    await baseExpect(shownError(page)).toContainText('Check that `bizops serve` (or `npm start`) is still running');
    await page.screenshot({ path: `${SCREENSHOTS}/connection-lost.png` });
    baseExpect(unexpected).toEqual([]);
  } finally {
    server.kill('SIGINT');
    await rm(dir, { recursive: true, force: true });
  }
});
