import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api } from '../api.ts';
import { QueryTabs, type QueryTabsState } from './queryTabs.ts';

const NO_TABS: QueryTabsState = { tabs: [] };
const NOTHING = () => () => undefined;

/** The workspace's query tabs (see QueryTabs), loaded once the workspace is known. */
export function useQueryTabs(workspace: string | undefined): { store: QueryTabs | null; state: QueryTabsState } {
  const store = useMemo(() => (workspace === undefined ? null : new QueryTabs(api, workspace, localStorage)), [workspace]);
  useEffect(() => void store?.load(), [store]);
  const state = useSyncExternalStore(store?.subscribe ?? NOTHING, () => store?.snapshot ?? NO_TABS);
  return { store, state };
}
