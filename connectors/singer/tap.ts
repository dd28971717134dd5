import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { ConnectorError } from '../types.ts';

const STDERR_LINES = 12;

/** A running Singer tap: its stdout as lines (read only as fast as they are consumed), its stderr's last lines. */
export class TapProcess {
  private readonly stderrTail: string[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private spawnError?: Error;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly label: string,
    private readonly signal: AbortSignal,
  ) {
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.keepStderr(line);
    });
    child.stderr.on('end', () => partial && this.keepStderr(partial));
    this.exited = new Promise((resolveExit) => {
      child.once('error', (error) => {
        this.spawnError = error;
        resolveExit({ code: null, signal: null });
      });
      child.once('close', (code, exitSignal) => resolveExit({ code, signal: exitSignal }));
    });
    signal.addEventListener('abort', this.stop, { once: true });
  }

  static start(command: string, args: string[], workspaceDir: string, signal: AbortSignal): TapProcess {
    const executable = command.includes('/') && !isAbsolute(command) ? resolve(workspaceDir, command) : command;
    const child = spawn(executable, args, { cwd: workspaceDir, stdio: ['ignore', 'pipe', 'pipe'] }) as unknown as ChildProcessWithoutNullStreams;
    return new TapProcess(child, command, signal);
  }

  /** The tap's stdout, line by line; throws what went wrong if the tap failed. */
  async *lines(): AsyncGenerator<string> {
    let partial = '';
    try {
      for await (const chunk of this.child.stdout) {
        const lines = (partial + (chunk as Buffer).toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') yield line;
      }
      if (partial.trim() !== '') yield partial;
      await this.finished();
    } finally {
      this.stop();
    }
  }

  /** Waits for the tap to exit; a non-zero exit is an error that shows its stderr. */
  async finished(): Promise<void> {
    const { code, signal } = await this.exited;
    this.signal.throwIfAborted();
    if (this.spawnError) {
      const missing = (this.spawnError as NodeJS.ErrnoException).code === 'ENOENT';
      throw new ConnectorError(
        missing ? `The tap ${this.label} was not found.` : `The tap ${this.label} could not be started: ${this.spawnError.message}`,
        this.label,
        missing
          ? 'Install it (for example `pipx install tap-…`) so it is on PATH, or give its full path as the source\'s command.'
          : 'Check that the command is an executable program.',
      );
    }
    if (code !== 0) {
      throw new ConnectorError(
        `The tap ${this.label} ${signal ? `was killed (${signal})` : `exited with code ${code}`}${this.lastWords()}`,
        this.label,
        `${this.stderrBlock()}The previous data is unchanged; fix what the tap reports and sync again.`,
      );
    }
  }

  /** The error when the tap printed something that is not a Singer message. */
  junk(lineNumber: number, line: string): ConnectorError {
    this.stop();
    return new ConnectorError(
      `The tap ${this.label} printed something that is not a Singer message (stdout line ${lineNumber}): ${line.slice(0, 200)}`,
      `${this.label}: stdout line ${lineNumber}`,
      `${this.stderrBlock()}Taps must print only Singer messages on stdout (logs go to stderr). The previous data is unchanged.`,
    );
  }

  readonly stop = (): void => {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  };

  private keepStderr(line: string): void {
    if (line.trim() === '') return;
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_LINES) this.stderrTail.shift();
  }

  private lastWords(): string {
    const last = this.stderrTail.at(-1);
    return last ? `: ${last}` : '.';
  }

  private stderrBlock(): string {
    return this.stderrTail.length > 0 ? `Its error output ended with:\n${this.stderrTail.join('\n')}\n` : '';
  }
}
