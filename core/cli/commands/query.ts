import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { Engine } from '../../engine/engine.ts';
import { Workspace } from '../../workspace/workspace.ts';
import type { CliIO } from '../io.ts';
import { streamSink } from '../io.ts';
import { OUTPUT_FORMATS, writeResult, type OutputFormat } from '../output.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

interface QueryOptions {
  workspace?: string;
  format: OutputFormat;
  out?: string;
}

export function registerQuery(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('query')
      .description('Run SQL against the workspace database and print the result.')
      .argument('<sql>', 'the SQL to run; "-" reads it from standard input')
      .addOption(new Option('--format <format>', 'how to print rows').choices(OUTPUT_FORMATS).default('table'))
      .option('--out <file>', 'write the result to this file instead of standard output'),
  ).action(async (sql: string, options: QueryOptions) => {
    const source = sql === '-' ? await io.readStdin() : sql;
    const workspace = await Workspace.load(workspaceDir(options, io));
    await workspace.ensureStateDir();
    const engine = await Engine.open(workspace.databasePath, workspace.engineOptions);
    try {
      const result = await engine.streamQuery(source);
      if (!options.out) {
        await writeResult(result, options.format, io.stdout);
        return;
      }
      const file = resolve(io.cwd, options.out);
      const rows = await writeFileAtomically(file, (sink) => writeResult(result, options.format, sink));
      await io.stderr.write(`Wrote ${rows} row${rows === 1 ? '' : 's'} to ${file}\n`);
    } finally {
      await engine.close();
    }
  });
}

/** Write through a temporary file renamed into place: a failed query never leaves half a file behind. */
async function writeFileAtomically<T>(file: string, write: (sink: ReturnType<typeof streamSink>) => Promise<T>): Promise<T> {
  const temporary = `${file}.${process.pid}.partial`;
  const stream = createWriteStream(temporary);
  try {
    const result = await write(streamSink(stream));
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
    await rename(temporary, file);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
