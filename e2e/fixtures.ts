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

/** Replace the SQL editor's text the way a person would: click, select all, type. */
export async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId('sql-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape');
}
