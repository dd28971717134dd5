import { test as base, expect, type Page } from '@playwright/test';

/** The sample company's workspace (synced and built), served beside the main e2e workspace by the global setup. */
export const SAMPLE_URL = process.env.BIZOPS_E2E_SAMPLE_URL!;
export const SAMPLE_WORKSPACE = process.env.BIZOPS_E2E_SAMPLE_WORKSPACE!;

/**
 * A page on the sample workspace, failing the test on any console error or uncaught exception. It opens the sample
 * host first thing: both hosts run on 127.0.0.1, where one host's token cookie would replace the other's.
 */
export const test = base.extend<{ sample: Page }>({
  sample: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(SAMPLE_URL);
    await expect(page.getByTestId('workspace-name')).toHaveText('Sample company');
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };
