import type { WorkbenchApi } from '../../../core/api/contract.ts';

export interface QueryTab {
  /** Stable for the tab's life: the editor model's key and part of its query id. */
  key: string;
  /** The saved query's name (its file is `queries/<name>.sql`); null until the first edit saves it. */
  name: string | null;
  /** What the editor starts with. */
  initialSql: string;
  sql: string;
  saved: 'saved' | 'saving' | 'unsaved' | 'failed';
  saveError?: unknown;
}

export interface QueryTabsState {
  tabs: QueryTab[];
  activeKey?: string;
  loadError?: unknown;
}

type TabsApi = Pick<WorkbenchApi, 'listQueries' | 'openQuery' | 'createQuery' | 'saveQuery' | 'renameQuery' | 'closeQuery'>;
type Remembered = { open: string[]; active?: string };

const SAVE_DELAY_MS = 600;
const UNTITLED = 'Untitled';

/** Keys differ between pages open on one host, so their results never share a query id. */
const pageId = Math.random().toString(36).slice(2, 8);
let nextKey = 1;
const newKey = () => `${pageId}-${nextKey++}`;

/** The engine keeps each tab's result under its own query id. */
export function queryIdOf(tabKey: string): string {
  return `tab-${tabKey}`;
}

/**
 * The SQL editor's tabs, each a saved query file in `queries/`. Edits are saved a moment after typing stops;
 * a tab's saves run one at a time and the latest text always wins. Which queries were open is remembered
 * per workspace, so a reload opens them again.
 */
export class QueryTabs {
  private state: QueryTabsState = { tabs: [] };
  private readonly listeners = new Set<() => void>();
  private readonly saving = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private rememberedText = '';

  constructor(
    private readonly api: TabsApi,
    private readonly workspace: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly saveDelayMs = SAVE_DELAY_MS,
  ) {}

  get snapshot(): QueryTabsState {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Open the queries that were open last time (those still saved), or one new query. */
  async load(): Promise<void> {
    try {
      const remembered = this.remembered();
      const { queries } = await this.api.listQueries({});
      const existing = new Set(queries.map((query) => query.name));
      const reopened: QueryTab[] = [];
      for (const name of remembered.open.filter((n) => existing.has(n))) {
        const query = await this.api.openQuery({ name });
        reopened.push({ key: newKey(), name, initialSql: query.sql, sql: query.sql, saved: 'saved' });
      }
      // Tabs opened while loading (a table queried from the Model page) stay, after the reopened ones.
      const opened = this.state.tabs;
      const tabs = [...reopened.filter((tab) => !opened.some((other) => other.name === tab.name)), ...opened];
      if (tabs.length === 0) tabs.push(blankTab());
      const activeKey = this.state.activeKey ?? (tabs.find((tab) => tab.name === remembered.active) ?? tabs[0]).key;
      this.set({ tabs, activeKey });
    } catch (error) {
      this.set({ ...this.state, loadError: error });
    }
  }

  activate = (key: string): void => this.set({ ...this.state, activeKey: key });

  edit = (key: string, sql: string): void => {
    const tab = this.tab(key);
    if (!tab || tab.sql === sql) return;
    this.patch(key, { sql, saved: 'unsaved' });
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.save(key), this.saveDelayMs));
  };

  /** A new tab; with SQL it is saved at once under `name` (made unique if taken), else on its first edit. */
  newTab = async (sql = '', name = UNTITLED): Promise<string> => {
    const tab = { ...blankTab(), initialSql: sql, sql, saved: sql ? ('unsaved' as const) : ('saved' as const) };
    this.set({ ...this.state, tabs: [...this.state.tabs, tab], activeKey: tab.key });
    if (sql) await this.save(tab.key, name);
    return tab.key;
  };

  openSaved = async (name: string): Promise<void> => {
    const open = this.state.tabs.find((tab) => tab.name === name);
    if (open) return this.activate(open.key);
    const query = await this.api.openQuery({ name });
    const tab: QueryTab = { key: newKey(), name: query.name, initialSql: query.sql, sql: query.sql, saved: 'saved' };
    this.set({ ...this.state, tabs: [...this.state.tabs, tab], activeKey: tab.key });
  };

  /** Save what is left to save, free the tab's result in the engine, and show its neighbour. */
  close = async (key: string): Promise<void> => {
    await this.save(key);
    const index = this.state.tabs.findIndex((tab) => tab.key === key);
    const tabs = this.state.tabs.filter((tab) => tab.key !== key);
    void this.api.closeQuery({ queryId: queryIdOf(key) }).catch(() => undefined);
    if (tabs.length === 0) tabs.push(blankTab());
    const activeKey = this.state.activeKey === key ? tabs[Math.max(0, index - 1)].key : this.state.activeKey;
    this.set({ ...this.state, tabs, activeKey });
  };

  rename = async (key: string, to: string): Promise<void> => {
    if (this.tab(key)?.name === null) {
      this.patch(key, { saved: 'unsaved' });
      await this.save(key, to);
    }
    const name = this.tab(key)?.name;
    if (name === null || name === undefined || name === to) return;
    const renamed = await this.api.renameQuery({ name, to });
    this.patch(key, { name: renamed.name });
  };

  /** A saved query was deleted: a tab showing it keeps its text, unsaved, under no name. */
  forget = (name: string): void => {
    this.set({ ...this.state, tabs: this.state.tabs.map((tab) => (tab.name === name ? { ...tab, name: null, saved: 'unsaved' } : tab)) });
  };

  /** Save the tab's latest text, creating its file on the first save; resolves once nothing is left to save. */
  save(key: string, nameForNew = UNTITLED): Promise<void> {
    clearTimeout(this.timers.get(key));
    const running = this.saving.get(key);
    if (running) return running.then(() => this.save(key, nameForNew));
    const tab = this.tab(key);
    if (!tab || tab.saved === 'saved') return Promise.resolve();
    const sql = tab.sql;
    this.patch(key, { saved: 'saving' });
    const work = (async () => {
      try {
        const saved = tab.name === null ? await this.api.createQuery({ name: nameForNew, sql }) : await this.api.saveQuery({ name: tab.name, sql });
        this.patch(key, { name: saved.name, saved: this.tab(key)?.sql === sql ? 'saved' : 'unsaved', saveError: undefined });
      } catch (error) {
        this.patch(key, { saved: 'failed', saveError: error });
      } finally {
        this.saving.delete(key);
      }
    })();
    this.saving.set(key, work);
    return work.then(() => (this.tab(key)?.saved === 'unsaved' ? this.save(key) : undefined));
  }

  private tab(key: string): QueryTab | undefined {
    return this.state.tabs.find((tab) => tab.key === key);
  }

  private patch(key: string, change: Partial<QueryTab>): void {
    this.set({ ...this.state, tabs: this.state.tabs.map((tab) => (tab.key === key ? { ...tab, ...change } : tab)) });
  }

  private set(state: QueryTabsState): void {
    this.state = state;
    const open = state.tabs.map((tab) => tab.name).filter((name): name is string => name !== null);
    const active = state.tabs.find((tab) => tab.key === state.activeKey)?.name ?? undefined;
    const remembered = JSON.stringify({ open, active } satisfies Remembered);
    if (remembered !== this.rememberedText) this.storage.setItem(this.storageKey, remembered);
    this.rememberedText = remembered;
    for (const listener of this.listeners) listener();
  }

  private remembered(): Remembered {
    try {
      const parsed = JSON.parse(this.storage.getItem(this.storageKey) ?? '') as Remembered;
      return Array.isArray(parsed.open) ? parsed : { open: [] };
    } catch {
      return { open: [] };
    }
  }

  private get storageKey(): string {
    return `bizops.tabs:${this.workspace}`;
  }
}

function blankTab(): QueryTab {
  return { key: newKey(), name: null, initialSql: '', sql: '', saved: 'saved' };
}
