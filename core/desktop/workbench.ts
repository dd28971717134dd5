import { watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { contract, type WorkbenchHandlers } from '../api/contract.ts';
import { createDispatcher, type Dispatch } from '../api/dispatcher.ts';
import type { HandlersOf } from '../api/method.ts';
import type { scheduleMethods } from '../api/schedule.ts';
import type { OpenedWorkspace, workspacesMethods, WorkspacesInfo } from '../api/workspaces.ts';
import { toErrorInfo, WorkbenchError } from '../errors.ts';
import { EventHub } from '../events.ts';
import type { PdfPrinter } from '../dashboards/export/pdf.ts';
import { openSession, type Session } from '../service.ts';
import { CONFIG_FILE } from '../workspace/config.ts';
import { createWorkspace } from '../workspace/create.ts';
import type { SecretStore } from '../workspace/secrets.ts';
import { RecentWorkspaces } from './recentWorkspaces.ts';
import { RefreshScheduler, systemClock, type Clock } from './scheduler.ts';

export interface WorkbenchOptions {
  /** Where the recent workspaces are kept (see appData.ts). */
  appDataDir: string;
  secrets: SecretStore;
  /** The host's PDF printer (Electron's Chromium in the desktop app). */
  printer?: PdfPrinter;
  /** The system's folder dialog, where the host has one (Electron); undefined when the person cancels. */
  chooseFolder?: (purpose: 'open' | 'create') => Promise<string | undefined>;
  clock?: Clock;
}

interface OpenWorkspace {
  session: Session;
  scheduler: RefreshScheduler;
  /** Stops forwarding its events and watching its bizops.yml. */
  detach(): void;
}

/** A hand edit of bizops.yml is read once it has settled. */
const CONFIG_SETTLE_MS = 300;

/**
 * The app across workspaces: the open workspace's session, its refresh scheduler, the recent list, and one
 * dispatcher and event stream that stay the same while workspaces are switched under them. Both hosts (the
 * desktop app's service process and `bizops serve`) serve exactly this.
 */
export class Workbench {
  readonly events = new EventHub();
  readonly recents: RecentWorkspaces;
  private current?: OpenWorkspace;
  private dispatchCurrent: Dispatch;
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkbenchOptions) {
    this.recents = new RecentWorkspaces(options.appDataDir);
    this.dispatchCurrent = this.dispatcherFor(undefined);
  }

  /** Every API method: the open workspace's, or a `no_workspace` error before one is open; the app's own always. */
  readonly dispatch: Dispatch = (method, arg) => this.dispatchCurrent(method, arg);

  get session(): Session | undefined {
    return this.current?.session;
  }

  /** Open `dir`, or else the workspace open when the app last ran; with neither, start with none open. */
  async start(dir?: string): Promise<void> {
    const initial = dir ?? this.recents.last();
    if (initial) await this.open(initial);
  }

  /** Open the workspace in `dir` instead of the current one, which stays open if `dir` cannot be opened. */
  open(dir: string): Promise<OpenedWorkspace> {
    return this.serialized(() => this.openNow(dir));
  }

  /** Create a workspace and open it; with the sample, also sync its sources and build its models. */
  create(arg: { path: string; name?: string; sample: boolean; scale: number }): Promise<OpenedWorkspace> {
    return this.serialized(async () => {
      const created = await createWorkspace(arg.path, {
        name: arg.name,
        sample: arg.sample ? { scale: arg.scale } : undefined,
        onProgress: (line) => this.events.log('info', line),
      });
      // Pages reload on the news of a workspace opened: with the sample, only once it has data.
      const opened = await this.openNow(created.workspace.root, { announce: !created.sample });
      if (!created.sample) return opened;
      const { handlers } = this.current!.session;
      try {
        const failed = (await handlers.syncSources({ fullRefresh: false })).find((summary) => summary.status !== 'success');
        if (failed?.error) throw new WorkbenchError(failed.error);
        const built = await handlers.buildModels({});
        return { ...opened, sample: { accounts: created.sample.accounts, opportunities: created.sample.opportunities, models: built.models.length } };
      } finally {
        this.events.emit({ type: 'workspace.opened', ...opened });
      }
    });
  }

  workspaces(): WorkspacesInfo {
    const current = this.current?.session.workspace;
    return {
      current: current ? { root: current.root, name: current.config.name } : null,
      recent: this.recents.list().filter((entry) => entry.root !== current?.root),
      switchable: true,
      folderDialog: this.options.chooseFolder !== undefined,
    };
  }

  async close(): Promise<void> {
    await this.switching;
    const closing = this.current;
    this.current = undefined;
    this.dispatchCurrent = this.dispatcherFor(undefined);
    if (closing) await this.shut(closing);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.switching.then(work);
    this.switching = run.catch(() => undefined);
    return run;
  }

  private async openNow(dir: string, options = { announce: true }): Promise<OpenedWorkspace> {
    const root = resolve(dir);
    const open = this.current?.session.workspace;
    if (open?.root === root) return { root, name: open.config.name };
    const session = await openSession(root, { secrets: this.options.secrets, printer: this.options.printer });
    const previous = this.current;
    this.current = this.attach(session);
    this.dispatchCurrent = this.dispatcherFor(session);
    if (previous) await this.shut(previous);
    const { name } = session.workspace.config;
    await this.recents.remember(root, name, new Date((this.options.clock ?? systemClock).now()));
    void this.current.scheduler.plan();
    if (options.announce) this.events.emit({ type: 'workspace.opened', root, name });
    return { root, name };
  }

  private attach(session: Session): OpenWorkspace {
    const scheduler = new RefreshScheduler(session, this.options.clock);
    const unsubscribe = session.events.subscribe((event) => {
      this.events.emit(event);
      if (event.type === 'catalog.changed') void scheduler.plan();
    });
    const watcher = watchConfig(session);
    return {
      session,
      scheduler,
      detach: () => {
        unsubscribe();
        watcher?.close();
      },
    };
  }

  private async shut(open: OpenWorkspace): Promise<void> {
    open.detach();
    await open.scheduler.stop();
    await open.session.close();
  }

  private dispatcherFor(session: Session | undefined): Dispatch {
    const handlers: WorkbenchHandlers = { ...(session?.handlers ?? noWorkspaceHandlers()), ...this.appHandlers(session) };
    return createDispatcher(contract, handlers, {
      onInternalError: (method, error) =>
        this.events.log('error', `${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
  }

  private appHandlers(session: Session | undefined): HandlersOf<typeof workspacesMethods & typeof scheduleMethods> {
    return {
      workspaces: async () => this.workspaces(),
      openWorkspace: ({ path }) => this.open(path),
      createWorkspace: (arg) => this.create(arg),
      chooseFolder: async ({ purpose }) => {
        if (!this.options.chooseFolder) {
          throw new WorkbenchError({
            code: 'not_available',
            message: 'A browser page cannot show the folders on this computer.',
            hint: 'Type the folder\'s full path instead, e.g. /Users/you/Analytics or C:\\Users\\you\\Analytics.',
          });
        }
        return { path: (await this.options.chooseFolder(purpose)) ?? null };
      },
      forgetWorkspace: async ({ path }) => {
        await this.recents.forget(path);
        return this.workspaces();
      },
      scheduleStatus: async () => (session && this.current?.session === session ? this.current.scheduler.status() : { running: false, sources: [] }),
    };
  }
}

function noWorkspaceHandlers(): WorkbenchHandlers {
  const refuse = async () => {
    throw new WorkbenchError({
      code: 'no_workspace',
      message: 'No workspace is open.',
      hint: 'Open a workspace folder, or create a new one (File › Open Workspace… or New Workspace…).',
    });
  };
  return Object.fromEntries(Object.keys(contract).map((name) => [name, refuse])) as unknown as WorkbenchHandlers;
}

/** Read bizops.yml again when it is edited by hand (new schedules among it); an invalid edit keeps the previous settings. */
function watchConfig(session: Session): FSWatcher | undefined {
  const { workspace, events } = session;
  let settle: NodeJS.Timeout | undefined;
  try {
    const watcher = watch(workspace.root, (_event, file) => {
      if (file !== CONFIG_FILE) return;
      clearTimeout(settle);
      settle = setTimeout(() => {
        workspace.reload().then(
          () => events.emit({ type: 'catalog.changed' }),
          (error: unknown) => events.log('warn', `${CONFIG_FILE} was edited but could not be read; the previous settings stay: ${toErrorInfo(error).message}`),
        );
      }, CONFIG_SETTLE_MS);
    });
    watcher.on('close', () => clearTimeout(settle));
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    // A folder that cannot be watched (some network drives) still works; edits are read when the app restarts.
    return undefined;
  }
}
