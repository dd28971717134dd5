import { Command, CommanderError } from 'commander';
import { formatErrorInfo, toErrorInfo } from '../errors.ts';
import { APP_VERSION } from '../version.ts';
import { commands } from './commands/index.ts';
import { processIO, type CliIO } from './io.ts';

export const EXIT_OK = 0;
/** A problem the user can fix: the message says what, where and how. */
export const EXIT_USER_ERROR = 1;
/** A bug: something we did not expect went wrong. */
export const EXIT_INTERNAL_ERROR = 2;

/** Run the `bizops` command line; resolves with the process exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const program = new Command('bizops')
    .description('BizOps Workbench: sync sources into DuckDB, model them, query them, publish metrics.')
    .version(APP_VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    });
  for (const register of commands) register(program, io);
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    const info = toErrorInfo(error);
    await io.stderr.write(`error: ${formatErrorInfo(info)}\n`);
    if (info.code === 'internal') {
      if (io.env.BIZOPS_DEBUG && error instanceof Error) await io.stderr.write(`${error.stack}\n`);
      return EXIT_INTERNAL_ERROR;
    }
    return EXIT_USER_ERROR;
  }
}
