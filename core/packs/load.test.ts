import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../paths.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import { loadPacks } from './load.ts';
import { runPack } from './run.ts';

let dir: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-packs-'));
  await Workspace.init(join(dir, 'ws'));
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
  // An empty core with the data model's tables: the packs must run on it, every metric 0 or NULL.
  const contract = await readFile(resourcePath('docs', 'data-model.md'), 'utf8');
  await session.engine.withConnection(async (connection) => {
    await connection.run('create schema core');
    for (const section of contract.split(/^### /m).slice(1)) {
      const table = /^core\.(\w+)/.exec(section)?.[1];
      if (!table) continue;
      const columns = [...section.matchAll(/^\| (\w+) \| ([A-Z][A-Z0-9(), ]*?) \|/gm)].map(([, name, type]) => `${name} ${type}`);
      await connection.run(`create table core.${table} (${columns.join(', ')})`);
    }
  });
});

afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

describe('metric packs', () => {
  it('ship sales, marketing, saas and customer_health, each with metrics, charts on its queries and a dashboard', async () => {
    const packs = await loadPacks(session.workspace);
    expect([...packs.keys()]).toEqual(['customer_health', 'marketing', 'saas', 'sales']);
    for (const pack of packs.values()) {
      expect(pack.info.origin).toBe('built-in');
      expect(pack.info.metrics.length).toBeGreaterThan(4);
      expect(pack.charts.size).toBeGreaterThan(0);
      expect(pack.dashboard?.dashboard.tiles.length).toBeGreaterThan(pack.info.metrics.length - 2);
    }
  });

  it('run on an empty period: sums and counts 0, ratios and averages NULL', async () => {
    const sales = await runPack(session, { pack: 'sales', from: '2025-01-01', to: '2025-04-01' });
    expect(sales).toMatchObject({ pack: 'sales', from: '2025-01-01', to: '2025-04-01', as_of: '2025-03-31' });
    expect(sales.metrics).toEqual({
      bookings: 0, won_deals: 0, win_rate: null, avg_deal_size: null, sales_cycle_days: null, pipeline_created: 0,
      pipeline_coverage: null, renewal_rate: null, arr: 0, customers: 0,
    });
    const marketing = await runPack(session, { pack: 'marketing', from: '2025-01-01', to: '2025-04-01' });
    expect(marketing.by_channel).toEqual({});
    const nothing = { by_campaign: {}, by_channel: {} };
    expect(marketing.attribution).toEqual({ first_touch: nothing, last_touch: nothing, linear: nothing, u_shaped: nothing });
    const saas = await runPack(session, { pack: 'saas', from: '2025-01-01', to: '2025-03-01' });
    expect(saas.mrr_movements).toEqual([
      { month: '2025-01-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
      { month: '2025-02-01', new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    ]);
    expect((await runPack(session, { pack: 'customer_health', from: '2025-01-01', to: '2025-04-01' })).accounts_at_risk).toEqual([]);
  });

  it('refuse bad periods and unknown parameters in words a person can act on', async () => {
    await expect(runPack(session, { pack: 'sales', from: '2025-04-01', to: '2025-01-01' })).rejects.toMatchObject({
      message: 'The period [2025-04-01, 2025-01-01) is empty: "to" must come after "from".',
    });
    await expect(runPack(session, { pack: 'sales', from: '2025-02-30', to: '2025-04-01' })).rejects.toMatchObject({ message: '"2025-02-30" is not a date (from).' });
    await expect(runPack(session, { pack: 'marketing', from: '2025-01-01', to: '2025-04-01', params: { margin: 0.5 } })).rejects.toMatchObject({
      message: 'Pack marketing has no parameter "margin".',
      hint: 'Its parameters: gross_margin.',
    });
    await expect(runPack(session, { pack: 'finance', from: '2025-01-01', to: '2025-04-01' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('let a workspace pack replace a built-in one, and name the file and column it reads that core lacks', async () => {
    const own = join(session.workspace.root, 'packs', 'sales');
    await cp(resourcePath('packs', 'sales'), own, { recursive: true });
    const headline = join(own, 'metrics', 'headline.sql');
    await writeFile(headline, (await readFile(headline, 'utf8')).replace('where close_date >= $from', 'where discount_pct < 0.5 and close_date >= $from'));
    const packs = await loadPacks(session.workspace);
    expect(packs.get('sales')?.info).toMatchObject({ origin: 'workspace', folder: 'packs/sales' });
    const error = await runPack(session, { pack: 'sales', from: '2025-01-01', to: '2025-04-01' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'pack_invalid', where: 'packs/sales/metrics/headline.sql:4' });
    expect((error as Error).message).toMatch(/^packs\/sales\/metrics\/headline\.sql:4: the pack reads column discount_pct, which core does not have/);
    await rm(own, { recursive: true });
  });

  it('name the line of a broken pack.yml and a chart on a query the pack lacks', async () => {
    const own = join(session.workspace.root, 'packs', 'finance');
    await mkdir(join(own, 'metrics'), { recursive: true });
    await mkdir(join(own, 'charts'), { recursive: true });
    await writeFile(join(own, 'metrics', 'headline.sql'), 'select count(*) as invoices from core.subscriptions');
    await writeFile(join(own, 'pack.yml'), 'name: finance\ntitle: Finance\ndescription: Invoices.\nmetrics:\n  - name: invoices\n    title: Invoices\n    unit: amount\n    description: Count.\n    query: headline\n');
    await expect(loadPacks(session.workspace)).rejects.toMatchObject({ message: expect.stringMatching(/^packs\/finance\/pack\.yml:7: "metrics\.0\.unit": Invalid option/) });
    await writeFile(join(own, 'pack.yml'), (await readFile(join(own, 'pack.yml'), 'utf8')).replace('unit: amount', 'unit: count'));
    await writeFile(join(own, 'charts', 'invoices.vl.json'), JSON.stringify({ data: { name: 'by_month' }, mark: 'bar' }));
    await expect(loadPacks(session.workspace)).rejects.toMatchObject({
      message: 'packs/finance/charts/invoices.vl.json: its data must name one of the pack\'s queries ({"data": {"name": "…"}}), not "by_month"',
    });
    await rm(join(own, 'charts'), { recursive: true });
    expect((await runPack(session, { pack: 'finance', from: '2025-01-01', to: '2025-02-01' })).metrics).toEqual({ invoices: 0 });
    await rm(own, { recursive: true });
  });
});
