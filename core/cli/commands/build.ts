import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../../errors.ts';
import { buildModels } from '../../model/build.ts';
import { modelDocs } from '../../model/docs.ts';
import { testModels } from '../../model/tests.ts';
import { openSession } from '../../service.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

const selectHelp = 'models to select: NAME, +NAME (with upstream), NAME+ (with downstream); repeatable';

export function registerBuild(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('build')
      .description('Build seeds and models in dependency order, in one transaction: all of it or none.')
      .option('-s, --select <models...>', selectHelp),
  ).action(async (options: { workspace?: string; select?: string[] }) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const summary = await buildModels(session, {
        select: options.select,
        emit: (event) => {
          if (event.type === 'build.progress') void io.stderr.write(`[${event.index}/${event.count}] ${event.model}\n`);
        },
      });
      for (const model of summary.models) {
        const rows = model.rows === null ? '' : `, ${model.rows.toLocaleString('en-US')} rows`;
        await io.stdout.write(`✓ ${model.relation} (${model.materialized}${rows}) ${model.seconds.toFixed(2)} s\n`);
      }
      await io.stdout.write(`Built ${summary.models.length} model${summary.models.length === 1 ? '' : 's'} in ${summary.seconds.toFixed(2)} s\n`);
    } finally {
      await session.close();
    }
  });
}

export function registerTest(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('test')
      .description('Run the data tests in schema.yml (unique, not_null, accepted_values, relationships).')
      .option('-s, --select <models...>', selectHelp),
  ).action(async (options: { workspace?: string; select?: string[] }) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const summary = await testModels(session, options.select);
      for (const result of summary.results) {
        const mark = result.status === 'pass' ? '✓' : result.status === 'warn' ? '!' : '✗';
        await io.stdout.write(`${mark} ${result.name}${result.failures > 0 ? ` (${result.failures} failing)` : ''}\n`);
        if (result.status !== 'pass') {
          await io.stdout.write(`    at ${result.where}\n`);
          for (const row of result.sample) await io.stdout.write(`    ${JSON.stringify(row)}\n`);
        }
      }
      await io.stdout.write(`${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned\n`);
      if (summary.failed > 0) {
        throw new WorkbenchError({
          code: 'tests_failed',
          message: `${summary.failed} data test${summary.failed === 1 ? '' : 's'} failed.`,
          hint: 'Each failing test lists its offending rows above; fix the data or the model, then run `bizops test` again.',
        });
      }
    } finally {
      await session.close();
    }
  });
}

export function registerDocs(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('docs')
      .description('The project as JSON: models, columns, descriptions, tests, lineage, row counts, last builds.')
      .option('--out <file>', 'write the JSON to this file instead of standard output'),
  ).action(async (options: { workspace?: string; out?: string }) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const json = `${JSON.stringify(await modelDocs(session), null, 2)}\n`;
      if (options.out) await writeFile(resolve(io.cwd, options.out), json);
      else await io.stdout.write(json);
    } finally {
      await session.close();
    }
  });
}
