import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIZOPS_BIN, runCli } from '../../test/cli.ts';

let dir: string;
let ws: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-cli-'));
  ws = join(dir, 'ws');
  const init = await runCli(['init', ws, '--name', 'CLI test']);
  expect(init.code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bizops init', () => {
  it('writes a workspace a team can commit', async () => {
    for (const path of ['bizops.yml', 'models', 'dashboards', 'packs', 'queries', '.gitignore', 'package.json']) {
      expect(existsSync(join(ws, path)), path).toBe(true);
    }
    expect(await readFile(join(ws, '.gitignore'), 'utf8')).toContain('.bizops/');
    expect(await readFile(join(ws, 'bizops.yml'), 'utf8')).toContain('name: CLI test');
  });

  it('never overwrites an existing workspace', async () => {
    const again = await runCli(['init', ws]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is already a BizOps workspace');
  });

  it('links the tool so `npx bizops` works inside the workspace', async () => {
    const npx = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn('npx', ['bizops', 'query', 'select 42 as answer', '--format', 'json'], { cwd: ws });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(npx).toEqual({ code: 0, stdout: '[{"answer":42}]\n' });
  });
});

describe('bizops query', () => {
  it('prints JSON with exact numbers, CSV and an aligned table', async () => {
    const sql = "select 42 as answer, 12345678901234567 as big, 0.10::decimal(18,2) as amount, 'a,\"b\"' as text, null as nothing";
    const json = await runCli(['query', sql, '--format', 'json', '--workspace', ws]);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(json.stdout).toBe('[{"answer":42,"big":12345678901234567,"amount":0.10,"text":"a,\\"b\\"","nothing":null}]\n');
    const csv = await runCli(['query', sql, '--format', 'csv', '--workspace', ws]);
    expect(csv.stdout).toBe('answer,big,amount,text,nothing\r\n42,12345678901234567,0.10,"a,""b""",\r\n');
    const table = await runCli(['query', 'select 7 as n, \'seven\' as word union all select 1000, null order by n', '--workspace', ws]);
    expect(table.stdout).toBe(['   n │ word', '─────┼──────', '   7 │ seven', '1000 │ NULL', '(2 rows)', ''].join('\n'));
  });

  it('runs from the workspace folder by default, reads SQL from stdin and writes files', async () => {
    const stdin = await runCli(['query', '-', '--format', 'json'], { cwd: ws, input: 'select 1 as one;' });
    expect(stdin.stdout).toBe('[{"one":1}]\n');
    const out = join(dir, 'result.csv');
    const written = await runCli(['query', 'select * from range(3) t(i)', '--format', 'csv', '--out', out], { cwd: ws });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Wrote 3 rows');
    expect(await readFile(out, 'utf8')).toBe('i\r\n0\r\n1\r\n2\r\n');
  });

  it('keeps state between runs in .bizops/warehouse.duckdb', async () => {
    await runCli(['query', 'create table kept as select 5 as five', '--workspace', ws]);
    const read = await runCli(['query', 'select five from kept', '--format', 'json', '--workspace', ws]);
    expect(read.stdout).toBe('[{"five":5}]\n');
    expect(existsSync(join(ws, '.bizops', 'warehouse.duckdb'))).toBe(true);
  });

  it('exits 1 with what, where and what to do on a user error, never a stack', async () => {
    const bad = await runCli(['query', 'select 1;\nselect nosuch from range(2)', '--workspace', ws]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'error: Binder Error: Referenced column "nosuch" not found in FROM clause!\nCandidate bindings: "range"\n' +
        '  at: query, line 2, column 8\n  fix: Check the column and table names at the marked position.\n',
    );
    const notWorkspace = await runCli(['query', 'select 1'], { cwd: dir });
    expect(notWorkspace.code).toBe(1);
    expect(notWorkspace.stderr).toContain('is not a BizOps workspace: it has no bizops.yml');
    expect(notWorkspace.stderr).toContain('fix: Run `bizops init DIR`');
    const badFormat = await runCli(['query', 'select 1', '--format', 'xml', '--workspace', ws]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain("argument 'xml' is invalid");
  });

  it('leaves no half-written file when the query fails', async () => {
    const out = join(dir, 'failed.csv');
    const failed = await runCli(['query', "select 'x'::integer", '--format', 'csv', '--out', out], { cwd: ws });
    expect(failed.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('names a bad bizops.yml with file and line', async () => {
    const broken = join(dir, 'broken');
    await runCli(['init', broken]);
    await writeFile(join(broken, 'bizops.yml'), 'name: Broken\ncurency: EUR\n');
    const run = await runCli(['query', 'select 1'], { cwd: broken });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(broken, 'bizops.yml')}:2: unknown key "curency" (did you mean "currency"?)`);
  });
});

describe('a workspace open in another process', () => {
  it('gives a clear error instead of a DuckDB lock trace', async () => {
    // The holder keeps the workspace open with a query that runs for hours. A probe that opens the workspace first
    // makes the holder give up at once: it is started again until it holds the workspace.
    const startHolder = () =>
      spawn(process.execPath, [BIZOPS_BIN, 'query', 'select count(*) from range(1000000000000)', '--workspace', ws], { stdio: 'ignore' });
    let holder = startHolder();
    try {
      let second = await runCli(['query', 'select 1', '--workspace', ws]);
      for (let attempt = 0; attempt < 50 && !second.stderr.includes('another BizOps process'); attempt++) {
        if (holder.exitCode !== null) holder = startHolder();
        await new Promise((resolve) => setTimeout(resolve, 200));
        second = await runCli(['query', 'select 1', '--workspace', ws]);
      }
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^error: The workspace is open in another BizOps process \(PID \d+\)\.\n/);
      expect(second.stderr).not.toContain('duckdb.org');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('--help', () => {
  it('is there for every command', async () => {
    for (const command of [[], ['init'], ['query'], ['serve'], ['app']]) {
      const help = await runCli([...command, '--help']);
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout).toMatch(/^Usage: bizops/);
    }
  });
});
