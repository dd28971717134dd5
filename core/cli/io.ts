import { text } from 'node:stream/consumers';
import type { TextSink } from './output.ts';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: TextSink;
  stderr: TextSink;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal: progress may redraw a line in place. */
  interactive: boolean;
  readStdin(): Promise<string>;
  /** Resolves when the user asks a long-running command (serve, app) to stop. */
  untilInterrupted(): Promise<void>;
}

export function processIO(): CliIO {
  // `bizops query … | head`: when the reader goes away, stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    stdout: streamSink(process.stdout),
    stderr: streamSink(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true,
    readStdin: () => text(process.stdin),
    untilInterrupted: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

/** Writes that wait when the stream's buffer is full, so a huge result does not pile up in memory. */
export function streamSink(stream: NodeJS.WritableStream): TextSink {
  return {
    write: (text) =>
      new Promise<void>((resolve, reject) => {
        const ok = stream.write(text, (error) => (error ? reject(error) : undefined));
        if (ok) resolve();
        else stream.once('drain', resolve);
      }),
  };
}
