import type { ErrorInfo } from '../core/api/envelope.ts';
import { Workbench } from '../core/desktop/workbench.ts';
import { Engine } from '../core/engine/engine.ts';
import { toErrorInfo, WorkbenchError } from '../core/errors.ts';
import { setResourceRoot } from '../core/paths.ts';
import type { SecretStore } from '../core/workspace/secrets.ts';
import { keychainLocation } from './keychain.ts';
import { parseServiceArgv, type Answer, type FromService, type Question, type ToService } from './messages.ts';

/** The part of Electron's `process.parentPort` the service uses (a utility process's link to the main process). */
export interface ParentLink {
  on(event: 'message', listener: (message: { data: ToService }) => void): unknown;
  postMessage(message: FromService): void;
}

/**
 * The engine side of the desktop app, run in Electron's utility process: the Workbench (DuckDB, syncs, builds,
 * schedules) answers the calls the main process relays, so no query ever runs on the window's thread. Secrets
 * and folder dialogs are asked of the main process, which has the keychain and the windows.
 */
export async function runService(argv: readonly string[], parent: ParentLink): Promise<Workbench> {
  const args = parseServiceArgv(argv);
  setResourceRoot(args.resources);
  let asked = 0;
  const pending = new Map<number, (answer: Answer) => void>();
  const ask = async (question: Question): Promise<unknown> => {
    const id = ++asked;
    const answer = await new Promise<Answer>((resolve) => {
      pending.set(id, resolve);
      parent.postMessage({ kind: 'ask', id, question });
    });
    if (!answer.ok) throw new WorkbenchError(answer.error);
    return answer.value;
  };

  const secrets: SecretStore = {
    get: async (scope, key) => (await ask({ type: 'secret.get', scope, key })) as string | undefined,
    set: async (scope, key, value) => void (await ask({ type: 'secret.set', scope, key, value })),
    delete: async (scope, key) => void (await ask({ type: 'secret.delete', scope, key })),
    describe: keychainLocation,
  };
  const workbench = new Workbench({
    appDataDir: args.appData,
    secrets,
    chooseFolder: async (purpose) => ((await ask({ type: 'chooseFolder', purpose })) as string | null) ?? undefined,
    printer: { printPdf: async (html, out) => void (await ask({ type: 'printPdf', html, out })) },
  });
  workbench.events.subscribe((event) => parent.postMessage({ kind: 'event', event }));

  parent.on('message', ({ data }) => {
    if (data.kind === 'answer') {
      pending.get(data.id)?.(data.answer);
      pending.delete(data.id);
      return;
    }
    void workbench.dispatch(data.method, data.arg).then((envelope) => parent.postMessage({ kind: 'result', id: data.id, envelope }));
  });

  let error: ErrorInfo | undefined;
  try {
    await workbench.start(args.workspace);
  } catch (failure) {
    // The app still starts, on its welcome page, and says why the workspace did not open.
    error = toErrorInfo(failure);
  }
  const current = workbench.workspaces().current;
  parent.postMessage({ kind: 'ready', versions: { duckdb: Engine.duckdbVersion, node: process.versions.node }, opened: current, error });
  return workbench;
}
