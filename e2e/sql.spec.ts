import { expect, gridRow, SCREENSHOTS, test, typeSql } from './fixtures.ts';

test('types SQL in Monaco, runs the statement under the cursor with Ctrl+Enter and sees the rows', async ({ app }) => {
  await typeSql(app, "select account_id, account_name, segment\nfrom core.accounts\nwhere segment = 'Enterprise'\norder by account_id");
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(app.getByTestId('query-status')).toHaveText(/^83 rows · \d+/);
  await expect(app.getByTestId('column-header').first()).toContainText('account_idVARCHAR');
  await expect(gridRow(app, 1)).toContainText('A-0002');
  await expect(app.getByTestId('grid-position')).toContainText('of 83');
  await app.screenshot({ path: `${SCREENSHOTS}/sql-results.png` });
});
