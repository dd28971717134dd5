import type { Envelope, ErrorInfo } from '../core/api/envelope.ts';
import type { WorkbenchEvent } from '../core/api/events.ts';

/** What the service process asks the main process, which alone has the keychain, the native dialogs and Chromium. */
export type Question =
  | { type: 'secret.get'; scope: string; key: string }
  | { type: 'secret.set'; scope: string; key: string; value: string }
  | { type: 'secret.delete'; scope: string; key: string }
  | { type: 'chooseFolder'; purpose: 'open' | 'create' }
  /** Print a dashboard export (HTML that asks for its page size) to a PDF file, with Electron's Chromium. */
  | { type: 'printPdf'; html: string; out: string };

export type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorInfo };

/** Main process → service process. */
export type ToService =
  | { kind: 'invoke'; id: number; method: string; arg: unknown }
  | { kind: 'answer'; id: number; answer: Answer };

/** Service process → main process. */
export type FromService =
  | { kind: 'ready'; versions: { duckdb: string; node: string }; opened: { root: string; name: string } | null; error?: ErrorInfo }
  | { kind: 'result'; id: number; envelope: Envelope }
  | { kind: 'event'; event: WorkbenchEvent }
  | { kind: 'ask'; id: number; question: Question };

/** The service process's command line: where the app's files and data are, and the workspace to open. */
export interface ServiceArguments {
  resources: string;
  appData: string;
  workspace?: string;
}

export function serviceArgv(args: ServiceArguments): string[] {
  return ['--resources', args.resources, '--app-data', args.appData, ...(args.workspace ? ['--workspace', args.workspace] : [])];
}

export function parseServiceArgv(argv: readonly string[]): ServiceArguments {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const resources = value('--resources');
  const appData = value('--app-data');
  if (!resources || !appData) throw new Error('The BizOps service process needs --resources and --app-data.');
  return { resources, appData, workspace: value('--workspace') };
}
