import type { Dashboard } from '../../../core/api/dashboards.ts';

/**
 * Unsaved dashboard changes, kept in the browser's storage as they are made, so that closing the window or
 * switching pages never loses them; `baseText` is the file's text they were made against (null for a new file).
 */
export interface StoredDraft {
  baseText: string | null;
  dashboard: Dashboard;
}

const PREFIX = 'bizops.dashboard-draft:';
const OPEN_KEY = 'bizops.dashboards.open';

const key = (workspace: string, file: string) => `${PREFIX}${workspace}:${file}`;

export function loadDraft(workspace: string, file: string): StoredDraft | null {
  const text = localStorage.getItem(key(workspace, file));
  if (!text) return null;
  try {
    return JSON.parse(text) as StoredDraft;
  } catch {
    return null;
  }
}

export function saveDraft(workspace: string, file: string, draft: StoredDraft): void {
  localStorage.setItem(key(workspace, file), JSON.stringify(draft));
}

export function dropDraft(workspace: string, file: string): void {
  localStorage.removeItem(key(workspace, file));
}

/** Files of this workspace with unsaved changes. */
export function draftFiles(workspace: string): string[] {
  const prefix = `${PREFIX}${workspace}:`;
  return Object.keys(localStorage)
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length))
    .sort();
}

/** Which dashboard the Dashboards page shows: other pages set it before going there. */
export function openOnDashboardsPage(file: string): void {
  localStorage.setItem(OPEN_KEY, file);
  window.location.hash = '#/dashboards';
}

export function dashboardToOpen(): string | null {
  return localStorage.getItem(OPEN_KEY);
}

export function rememberOpenDashboard(file: string | null): void {
  if (file) localStorage.setItem(OPEN_KEY, file);
  else localStorage.removeItem(OPEN_KEY);
}
