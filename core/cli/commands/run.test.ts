import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../../test/cli.ts';
import { startPostgres } from '../../../test/postgres.ts';
import type { RunReport } from './run.ts';

let dir: string;
let root: string;

const PIPELINE = `title: Pipeline
parameters:
  - name: period
    type: date_range
    default: last_year
tiles:
  - id: won
    title: Won deals
    display: kpi
    sql: |
      select count(*) as won from core.opportunities
      where is_won and close_date >= $period_from and close_date < $period_to
  - id: by_segment
    title: Won ARR by segment
    display: chart
    sql: |
      select a.segment, sum(o.arr) as arr from core.opportunities o join core.accounts a using (account_id)
      where o.is_won and o.close_date >= $period_from and o.close_date < $period_to
      group by all
    chart:
      mark: bar
      encoding:
        x: {field: segment, type: nominal}
        y: {field: arr, type: quantitative}
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-run-'));
  root = join(dir, 'ws');
  const init = await runCli(['init', root, '--sample', '--scale', '0.05']);
  expect(init.code, init.stderr).toBe(0);
  await writeFile(join(root, 'dashboards', 'pipeline.dashboard.yml'), PIPELINE);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bizops run', () => {
  it('syncs, builds, tests and exports every dashboard, with a JSON report and an index of the exports', async () => {
    const run = await runCli(['run', '--out', 'public', '--format', 'html,png', '--param', 'period=2025-01-01..2026-01-01', '--json'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.status).toBe('ok');
    expect(report.steps.map((step) => [step.step, step.status])).toEqual([
      ['sync', 'ok'], ['build', 'ok'], ['test', 'ok'], ['export', 'ok'], ['push', 'skipped'],
    ]);
    expect(report.exports.map((entry) => [entry.dashboard, entry.status, entry.files.map((file) => file.format)])).toEqual([
      ['dashboards/pipeline.dashboard.yml', 'ok', ['html', 'png']],
    ]);
    const html = await readFile(join(root, 'public', 'pipeline.html'), 'utf8');
    expect(html).toContain('"period":{"from":"2025-01-01","to":"2026-01-01"}');
    expect(await readFile(join(root, 'public', 'index.html'), 'utf8')).toContain('<a href="pipeline.html">HTML</a>');
    expect(existsSync(join(root, 'public', 'pipeline.png'))).toBe(true);
  }, 120_000);

  it('fails with a summary naming the broken tile, and still exports what it can', async () => {
    await writeFile(join(root, 'dashboards', 'broken.dashboard.yml'), 'title: Broken\ntiles:\n  - id: lost\n    title: Lost\n    display: table\n    sql: select nosuch from core.accounts\n');
    await writeFile(join(root, 'dashboards', 'unreadable.dashboard.yml'), 'title: Unreadable\ntiles: nope\n');
    const run = await runCli(['run', '--out', 'public', '--skip', 'sync'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^- sync {4}skipped \(--skip\)$/m);
    expect(run.stdout).toMatch(/^✗ export {2}3 dashboards to html, 2 with errors/m);
    expect(run.stdout).toMatch(/✗ dashboards\/broken\.dashboard\.yml: lost: .*nosuch/);
    expect(run.stdout).toMatch(/✗ dashboards\/unreadable\.dashboard\.yml: dashboards\/unreadable\.dashboard\.yml:2: /);
    expect(run.stdout).toMatch(/^Run failed in /m);
    expect(run.stderr).toContain('The run failed at: export.');
    expect(existsSync(join(root, 'public', 'broken.html'))).toBe(true);
    expect(existsSync(join(root, 'public', 'pipeline.html'))).toBe(true);
  }, 120_000);
});

describe('bizops run --push', () => {
  it('pushes every table of the core schema to the warehouse after the exports', async () => {
    const postgres = await startPostgres();
    try {
      const database = await postgres.createDatabase('warehouse');
      for (const broken of ['broken', 'unreadable']) await rm(join(root, 'dashboards', `${broken}.dashboard.yml`));
      const config = await readFile(join(root, 'bizops.yml'), 'utf8');
      const team = `{type: postgres, host: 127.0.0.1, port: ${postgres.port}, database: ${database}, user: postgres, schema: analytics}`;
      await writeFile(join(root, 'bizops.yml'), config.replace(/^warehouses: \{\}$/m, `warehouses:\n  team: ${team}`));
      const run = await runCli(['run', '--skip', 'sync', '--out', 'public', '--push', 'team', '--json'], { cwd: root, env: { BIZOPS_TEAM_PASSWORD: postgres.password } });
      const report = JSON.parse(run.stdout) as RunReport;
      expect(report.steps.find((step) => step.step === 'push')).toMatchObject({ status: 'ok', summary: expect.stringMatching(/^\d+ tables, [\d,]+ rows to team$/) });
      const pushed = await postgres.query<{ n: string }>(database, "select count(*) as n from information_schema.tables where table_schema = 'analytics'");
      expect(Number(pushed[0].n)).toBeGreaterThan(10);
      const accounts = await postgres.query<{ n: string }>(database, 'select count(*) as n from analytics.accounts');
      expect(Number(accounts[0].n)).toBeGreaterThan(0);
    } finally {
      await postgres.stop();
    }
  }, 180_000);
});

describe('bizops export', () => {
  it('exports one dashboard by name with parameters, and says what is wrong with a parameter', async () => {
    const png = await runCli(['export', 'pipeline', '--tile', 'by_segment', '--out', 'out/segment.png', '--param', 'period=last_year'], { cwd: root });
    expect(png.code, png.stderr).toBe(0);
    expect(png.stdout).toMatch(/^✓ out\/segment\.png \(PNG, \d+ KB\) in [\d.]+ s\n$/);
    const bad = await runCli(['export', 'pipeline', '--param', 'period=2025'], { cwd: root });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--param period=2025: a date range is FROM..TO or a relative period.');
    const unknown = await runCli(['export', 'pipeline', '--param', 'region=EU'], { cwd: root });
    expect(unknown.stderr).toContain('The dashboard has no parameter "region".');
    const pack = await runCli(['export', 'sales', '--format', 'svg', '--out', 'out/sales.svg'], { cwd: root });
    expect(pack.code, pack.stderr).toBe(0);
    expect(await readFile(join(root, 'out', 'sales.svg'), 'utf8')).toContain('>Bookings</text>');
  }, 120_000);
});

describe('the CI pipelines', () => {
  it('in the README are the files shipped in docs/ci, and run `bizops run`', async () => {
    const root = new URL('../../../', import.meta.url);
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const section = readme.slice(readme.indexOf('## Run it on a schedule'));
    for (const file of ['docs/ci/gitlab-ci.yml', 'docs/ci/github-actions.yml']) {
      const text = await readFile(new URL(file, root), 'utf8');
      expect(section, `README.md shows ${file} as it is`).toContain(`\`\`\`yaml\n${text}\`\`\``);
      expect(text).toMatch(/npx bizops run --out public/);
      expect(() => parseYaml(text), `${file} is YAML`).not.toThrow();
    }
  });
});
