import type { DashboardSnapshot } from '../../../../core/api/dashboards.ts';
import { mountDashboard } from './dashboardView.ts';
import './dashboard.css';

/** The entry of an exported HTML file: the snapshot written into the page, drawn by the app's own view. */
const data = document.getElementById('bizops-dashboard');
const container = document.getElementById('dashboard');
if (data?.textContent && container) {
  const snapshot = JSON.parse(data.textContent) as DashboardSnapshot;
  mountDashboard(container, snapshot, { dark: document.documentElement.dataset.theme === 'dark' });
}
