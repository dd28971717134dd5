import type { Envelope, ErrorInfo } from '../core/api/envelope.ts';
import type { WorkbenchEvent } from '../core/api/events.ts';
import { toErrorInfo } from '../core/errors.ts';
import type { FromService, Question, ToService } from './messages.ts';

/** The part of Electron's UtilityProcess the main process uses. */
export interface ServiceProcess {
  postMessage(message: ToService): void;
  on(event: 'message', listener: (message: FromService) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineServiceOptions {
  /** The workspace to open first (`--workspace`); without one the service reopens the last one. */
  initialWorkspace?: string;
  /** Start the service process, opening `workspace` (the one open before a restart) or the last one. */
  fork(workspace: string | undefined): ServiceProcess;
  /** Answer what the service asks: a secret from the keychain, a folder from the dialog. */
  answer(question: Question): Promise<unknown>;
  onEvent(event: WorkbenchEvent): void;
  /** Told once the service is up: its versions, the workspace it opened, or why that failed. */
  onReady(ready: Extract<FromService, { kind: 'ready' }>): void;
  /** Told when the service process died and was started again (or, too often, was not). */
  onCrash(message: string, restarting: boolean): void;
}

/** A service that dies again within this long of starting is not restarted: something is wrong for good. */
const STABLE_MS = 20_000;

/**
 * The main process's side of the engine: relays each API call to the service process and its answer back,
 * forwards its events, answers its questions, and restarts it (on the same workspace) if it dies.
 */
export class EngineService {
  private process!: ServiceProcess;
  private ready!: Promise<void>;
  private calls = 0;
  private readonly pending = new Map<number, (envelope: Envelope) => void>();
  private stopping = false;
  private startedAt = 0;
  /** Why calls can no longer be answered: the service kept dying and was not restarted. */
  private failure?: ErrorInfo;
  /** The open workspace, followed from the service's events, so a restart reopens it. */
  currentWorkspace: string | undefined;

  constructor(
    private readonly options: EngineServiceOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.start(options.initialWorkspace);
  }

  invoke(method: string, arg: unknown): Promise<Envelope> {
    return this.ready.then(() =>
      this.failure
        ? { ok: false, error: this.failure }
        : new Promise<Envelope>((resolve) => {
          const id = ++this.calls;
          this.pending.set(id, resolve);
          this.process.postMessage({ kind: 'invoke', id, method, arg });
        }),
    );
  }

  /** Close the workspace cleanly (its database, its running syncs) and end the process. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.process.on('exit', () => resolve()));
    this.process.kill();
    await exited;
  }

  private start(workspace: string | undefined): void {
    this.startedAt = this.now();
    const child = this.options.fork(workspace);
    this.process = child;
    this.ready = new Promise<void>((resolve) => {
      child.on('message', (message) => {
        if (message.kind === 'ready') {
          this.currentWorkspace = message.opened?.root;
          this.options.onReady(message);
          resolve();
        } else this.receive(child, message);
      });
      child.on('exit', (code) => {
        this.exited(child, code);
        resolve();
      });
    });
  }

  private receive(child: ServiceProcess, message: FromService): void {
    if (message.kind === 'result') {
      this.pending.get(message.id)?.(message.envelope);
      this.pending.delete(message.id);
    } else if (message.kind === 'event') {
      if (message.event.type === 'workspace.opened') this.currentWorkspace = message.event.root;
      this.options.onEvent(message.event);
    } else if (message.kind === 'ask') {
      this.options.answer(message.question).then(
        (value) => child.postMessage({ kind: 'answer', id: message.id, answer: { ok: true, value } }),
        (error: unknown) => child.postMessage({ kind: 'answer', id: message.id, answer: { ok: false, error: toErrorInfo(error) } }),
      );
    }
  }

  private exited(child: ServiceProcess, code: number): void {
    if (child !== this.process || this.stopping) return;
    const lost: ErrorInfo = {
      code: 'engine_stopped',
      message: `The BizOps engine stopped unexpectedly (exit code ${code}) while answering this call.`,
      hint: 'Try again; the engine was restarted. If it keeps stopping, see Help › Open Log File.',
    };
    for (const resolve of this.pending.values()) resolve({ ok: false, error: lost });
    this.pending.clear();
    const restarting = this.now() - this.startedAt >= STABLE_MS;
    this.options.onCrash(`The BizOps engine stopped unexpectedly (exit code ${code}).`, restarting);
    if (restarting) this.start(this.currentWorkspace);
    else this.failure = { ...lost, message: `The BizOps engine stopped right after starting (exit code ${code}).`, hint: 'Restart the app; if it happens again, see Help › Open Log File.' };
  }
}
