import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { parseDashboard } from './format.ts';
import { monthsOf, previousPeriod, resolvePeriod } from './periods.ts';
import { resolveParameters, runDashboard } from './run.ts';

let dir: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-dashboards-'));
  const root = join(dir, 'ws');
  for (const args of [['init', root, '--sample', '--scale', '0.05'], ['sync', '--workspace', root], ['build', '--workspace', root]]) {
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
  }
  session = await openSession(root, { secrets: new EnvSecretStore({}) });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('periods', () => {
  const today = new Date('2026-11-22T15:00:00Z');
  it('resolve relative periods against today, complete months and years before it', () => {
    expect(resolvePeriod('last_year', today)).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(resolvePeriod('last_12_months', today)).toEqual({ from: '2025-11-01', to: '2026-11-01' });
    expect(resolvePeriod('this_quarter', today)).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(resolvePeriod('year_to_date', today)).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(resolvePeriod('last_30_days', today)).toEqual({ from: '2026-10-23', to: '2026-11-22' });
  });

  it('compare a period with the same span just before it, and split it into months', () => {
    expect(previousPeriod({ from: '2025-01-01', to: '2026-01-01' })).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(previousPeriod({ from: '2025-03-01', to: '2025-04-01' })).toEqual({ from: '2025-02-01', to: '2025-03-01' });
    expect(previousPeriod({ from: '2025-03-10', to: '2025-03-20' })).toEqual({ from: '2025-02-28', to: '2025-03-10' });
    expect(monthsOf({ from: '2025-01-15', to: '2025-03-10' })).toEqual([
      { from: '2025-01-15', to: '2025-02-01' }, { from: '2025-02-01', to: '2025-03-01' }, { from: '2025-03-01', to: '2025-03-10' },
    ]);
  });
});

describe('parameter values', () => {
  const dashboard = parseDashboard('title: P\nparameters:\n  - {name: period, type: date_range, default: last_year}\ntiles:\n  - {id: a, title: A, display: table, sql: select 1}\n', 'x');
  const today = new Date('2026-11-22T15:00:00Z');
  it('take a date range as dates or as a relative period, and refuse anything else', () => {
    expect(resolveParameters(dashboard, {}, today).period).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(resolveParameters(dashboard, { period: 'this_quarter' }, today).period).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(resolveParameters(dashboard, { period: { from: '2024-02-01', to: '2024-03-01' } }, today).period).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(() => resolveParameters(dashboard, { period: 'last_decade' }, today)).toThrow('The period "period" is "last_decade", which is not a period.');
    expect(() => resolveParameters(dashboard, { period: { from: '2024-03-01', to: '2024-02-01' } }, today)).toThrow(/which is not a period/);
  });
});

describe('running a dashboard', () => {
  it('runs every tile of a pack dashboard: KPIs with their change and monthly sparkline, charts with their data', async () => {
    const { dashboard } = await session.handlers.readDashboard({ source: { pack: 'sales' } });
    const run = await runDashboard(session, dashboard, { period: { from: '2025-01-01', to: '2026-01-01' } });
    expect(run.period).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(run.tiles.filter((tile) => tile.status !== 'ok')).toEqual([]);
    const bookings = run.tiles.find((tile) => tile.id === 'bookings')!;
    const [current, previous] = await Promise.all([
      session.handlers.runPack({ pack: 'sales', from: '2025-01-01', to: '2026-01-01' }),
      session.handlers.runPack({ pack: 'sales', from: '2024-01-01', to: '2025-01-01' }),
    ]);
    expect(bookings.kpi?.value).toBe(current.metrics.bookings);
    expect(bookings.kpi?.previous).toBe(previous.metrics.bookings);
    expect(bookings.kpi?.change).toBeCloseTo((current.metrics.bookings! - previous.metrics.bookings!) / previous.metrics.bookings!, 12);
    expect(bookings.kpi?.sparkline.map((point) => point.x)).toEqual(monthsOf({ from: '2025-01-01', to: '2026-01-01' }).map((month) => month.from));
    const monthly = bookings.kpi!.sparkline.reduce((sum, point) => sum + (point.y ?? 0), 0);
    expect(monthly).toBeCloseTo(current.metrics.bookings!, 2);
    const chart = run.tiles.find((tile) => tile.id === 'bookings_by_month')!;
    expect(chart.spec).toMatchObject({ mark: { type: 'bar' } });
    expect(chart.rows).toHaveLength(12);
  });

  it('runs every tile of every pack dashboard on the sample', async () => {
    for (const pack of ['sales', 'marketing', 'saas', 'customer_health']) {
      const { dashboard } = await session.handlers.readDashboard({ source: { pack } });
      const run = await runDashboard(session, dashboard, { period: { from: '2025-01-01', to: '2026-01-01' } });
      expect(run.tiles.filter((tile) => tile.status !== 'ok'), pack).toEqual([]);
      for (const tile of run.tiles) if (tile.rows) expect(tile.rows.length, `${pack}.${tile.id}`).toBeGreaterThan(0);
    }
  });

  it('binds parameters to tile SQL, and shows a broken tile\'s error in place while the others run', async () => {
    const dashboard = parseDashboard(
      [
        'title: Segments',
        'parameters:',
        '  - name: period',
        '    type: date_range',
        '    default: last_year',
        '  - name: segment',
        '    type: select',
        '    options_sql: select distinct segment from core.accounts order by 1',
        '    default: SMB',
        'tiles:',
        '  - id: won',
        '    title: Won deals',
        '    display: kpi',
        '    sql: |',
        '      select count(*) as won from core.opportunities o join core.accounts a using (account_id)',
        '      where o.is_won and a.segment = $segment and o.close_date >= $period_from and o.close_date < $period_to',
        '    kpi:',
        '      compare: true',
        '  - id: broken',
        '    title: Broken',
        '    display: table',
        '    sql: select nosuch from core.accounts',
        '',
      ].join('\n'),
      'dashboards/segments.dashboard.yml',
    );
    const run = await runDashboard(session, dashboard, { period: { from: '2025-01-01', to: '2026-01-01' }, segment: 'Enterprise' });
    const direct = await session.engine.withConnection(async (connection) =>
      Number((await connection.runAndReadAll(
        "select count(*) from core.opportunities o join core.accounts a using (account_id) where o.is_won and a.segment = 'Enterprise' and o.close_date >= '2025-01-01' and o.close_date < '2026-01-01'",
      )).getRows()[0][0]),
    );
    expect(run.tiles[0].kpi?.value).toBe(direct);
    expect(run.tiles[0].kpi?.previous).not.toBeNull();
    expect(run.tiles[1]).toMatchObject({ status: 'error', error: { code: 'sql_error', where: "the tile's SQL, line 1, column 8" } });
    await expect(runDashboard(session, dashboard, { region: 'EU' })).rejects.toMatchObject({ message: 'The dashboard has no parameter "region".' });
  });

  it('lists dashboards with broken ones marked, and copies a pack dashboard into the workspace', async () => {
    await writeFile(join(session.workspace.root, 'dashboards', 'broken.dashboard.yml'), 'title: Broken\ntiles: nope\n');
    const copied = await session.handlers.copyPackDashboard({ pack: 'saas' });
    expect(copied).toEqual({ file: 'dashboards/saas.dashboard.yml' });
    const listed = await session.handlers.listDashboards({});
    expect(listed.map((entry) => [entry.file, entry.title, entry.error?.where])).toEqual([
      ['dashboards/broken.dashboard.yml', 'broken', 'dashboards/broken.dashboard.yml:2'],
      ['dashboards/saas.dashboard.yml', 'SaaS', undefined],
    ]);
    await expect(session.handlers.copyPackDashboard({ pack: 'saas' })).rejects.toMatchObject({ code: 'already_exists' });
    const run = await session.handlers.runDashboard({ source: { file: 'dashboards/saas.dashboard.yml' }, values: { period: { from: '2025-01-01', to: '2025-07-01' } } });
    expect(run.tiles.every((tile) => tile.status === 'ok')).toBe(true);
  });
});
