import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { BIZOPS_BIN, runCli } from '../test/cli.ts';
import { SCREENSHOTS, runSql } from './fixtures.ts';
import { printedAddress } from './global-setup.ts';

/**
 * The desktop app's workspace features, through the same API under the browser host: a `bizops serve` of its
 * own, with its own recent-workspaces list, so switching here leaves the other specs' workspace alone.
 */
let dir: string;
let server: ChildProcess;
let url: string;

/** A workspace with one scheduled source that refreshes and builds, and one whose folder is missing. */
async function scheduledWorkspace(root: string): Promise<void> {
  expect((await runCli(['init', root, '--name', 'Alpha'])).code).toBe(0);
  await rm(join(root, 'models'), { recursive: true });
  await mkdir(join(root, 'models', 'core'), { recursive: true });
  await writeFile(join(root, 'models', 'core', 'order_totals.sql'), "select sum(amount) as total from {{ source('shop', 'orders') }}\n");
  await mkdir(join(root, 'data', 'shop'), { recursive: true });
  await writeFile(join(root, 'data', 'shop', 'orders.csv'), 'id,amount\n1,10\n2,32\n');
  const config = join(root, 'bizops.yml');
  await writeFile(
    config,
    (await readFile(config, 'utf8')).replace(
      'sources: {}',
      [
        'sources:',
        '  shop:',
        '    type: files',
        '    options: { path: data/shop }',
        '    schedule: { every_hours: 6 }',
        '  legacy:',
        '    type: files',
        '    options: { path: data/legacy-export }',
        '    schedule: { every_hours: 12, build: false }',
      ].join('\n'),
    ),
  );
}

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-workspaces-'));
  await scheduledWorkspace(join(dir, 'alpha'));
  expect((await runCli(['init', join(dir, 'beta'), '--name', 'Beta'])).code).toBe(0);
  server = spawn(process.execPath, [BIZOPS_BIN, 'serve', '--workspace', join(dir, 'alpha')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BIZOPS_APP_DATA: join(dir, 'app-data') },
  });
  url = await printedAddress(server);
});

test.afterAll(async () => {
  server.kill('SIGINT');
  await new Promise((resolve) => server.once('close', resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Fails the test on page errors; the event stream that a reload cuts is the browser's to report, not a fault. */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/net::ERR_(INCOMPLETE_CHUNKED_ENCODING|ABORTED)/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test('the schedule status says what refreshed, what failed and when each runs next', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto(url);
  await expect(page.getByTestId('workspace-name')).toHaveText('Alpha');
  // Both sources never ran, so both are refreshed as soon as the host starts; legacy's folder is missing.
  const pill = page.getByTestId('schedule-status');
  await expect(pill).toHaveText('Refresh failed: legacy', { timeout: 30_000 });
  await pill.click();
  const details = page.getByRole('region', { name: 'Scheduled refreshes' });
  await expect(details.getByRole('row', { name: /shop/ })).toContainText('every 6 hours · then build');
  await expect(details.getByRole('row', { name: /shop/ })).toContainText(/synced and built today/);
  await expect(details.getByRole('row', { name: /legacy/ })).toContainText('every 12 hours');
  await expect(details.getByRole('row', { name: /legacy/ })).toContainText('failed (sync)');
  await expect(details.getByRole('alert')).toContainText('data/legacy-export');
  await page.screenshot({ path: `${SCREENSHOTS}/schedule-status.png` });
  await runSql(page, 'select total from core.order_totals');
  await expect(page.getByTestId('query-status')).toHaveText(/^1 row · /);
  expect(problems).toEqual([]);
});

test('the switcher creates a workspace with the sample company, and reopens recent ones and folders', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchErrors(page);
  await page.goto(url);
  await expect(page.getByTestId('workspace-name')).toHaveText('Alpha');

  await page.getByRole('button', { name: 'Workspaces' }).click();
  const switcher = page.getByRole('dialog', { name: 'Workspaces' });
  await switcher.getByRole('tab', { name: 'New workspace' }).click();
  await switcher.getByLabel('New folder').fill(join(dir, 'gamma'));
  await switcher.getByLabel('Name').fill('Gamma company');
  await expect(switcher.getByLabel(/Fill it with the sample company/)).toBeChecked();
  await expect(switcher.getByLabel('Sample size')).toHaveValue('0.1');
  await expect(switcher.getByRole('button', { name: 'Browse…' })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/workspace-new.png` });
  await switcher.getByRole('button', { name: 'Create' }).click();
  await expect(switcher.getByRole('status')).toContainText('Generating the sample company');
  await expect(page.getByTestId('workspace-name')).toHaveText('Gamma company', { timeout: 150_000 });
  await runSql(page, "select count(*) > 300 as many_accounts from core.accounts");
  await expect(page.getByRole('grid', { name: 'Result rows' })).toContainText('true');

  await page.getByRole('button', { name: 'Workspaces' }).click();
  const recent = page.getByRole('list', { name: 'Recent workspaces' });
  await expect(recent.getByRole('listitem')).toHaveCount(1);
  await expect(recent).toContainText('Alpha');
  await page.screenshot({ path: `${SCREENSHOTS}/workspace-switcher.png` });
  await recent.getByRole('button', { name: /^Alpha/ }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Alpha');

  await page.getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('dialog', { name: 'Workspaces' }).getByLabel('Folder').fill(join(dir, 'not-a-workspace'));
  await page.getByRole('dialog', { name: 'Workspaces' }).getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Workspaces' }).getByRole('alert')).toContainText('is not a BizOps workspace');
  await page.getByRole('dialog', { name: 'Workspaces' }).getByLabel('Folder').fill(join(dir, 'beta'));
  await page.getByRole('dialog', { name: 'Workspaces' }).getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Beta');
  await page.getByRole('button', { name: 'Workspaces' }).click();
  await expect(page.getByRole('list', { name: 'Recent workspaces' })).toContainText(/Alpha[\s\S]*Gamma company/);
  expect(problems).toEqual([]);
});
