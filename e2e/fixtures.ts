import { test as base, expect, type Page } from '@playwright/test';

export const SCREENSHOTS = 'e2e/output/screenshots';

/** Every test fails on a console error or an uncaught exception in the page. */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(process.env.BIZOPS_E2E_URL!);
    await expect(page.getByTestId('workspace-name')).toHaveText('E2E company');
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/** Replace the SQL editor's text as a paste would: click, select all, insert (no auto-closing or completion). */
export async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId('sql-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

/** Put SQL in the editor and run it (every statement), waiting until it has finished. */
export async function runSql(page: Page, sql: string): Promise<void> {
  await typeSql(page, sql);
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(page.getByTestId('query-status')).toHaveText(/^([\d,]+ rows?|Failed) · |^Failed$/);
}

/** A row of the result grid, numbered from 1 as the grid numbers it. */
export function gridRow(page: Page, row: number) {
  return page.getByRole('grid', { name: 'Result rows' }).locator(`[role="row"][aria-rowindex="${row + 1}"]`);
}

/** A cell of the result grid: row numbered from 1, column counted from 0. */
export function gridCell(page: Page, row: number, column: number) {
  return gridRow(page, row).locator(`[role="gridcell"][aria-colindex="${column + 2}"]`);
}

/** The error the app shows in place (Monaco keeps alert regions of its own, empty ones). */
export function shownError(page: Page) {
  return page.locator('.error-message[role="alert"]');
}

/** The system clipboard as the page sees it (the test's browser context must be granted clipboard access). */
interface Clipboard {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}

export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as Clipboard).navigator.clipboard.readText());
}

export async function writeClipboard(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => (globalThis as unknown as Clipboard).navigator.clipboard.writeText(value), text);
}
