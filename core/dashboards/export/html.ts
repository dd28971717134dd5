import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardSnapshot } from '../../api/dashboards.ts';
import { ensureDashboardViewBuilt } from './bundle.ts';

/**
 * One self-contained HTML file: the snapshot's data, the dashboard view with Vega and the styles inline. Its
 * Content-Security-Policy allows nothing from the network, so it opens the same offline and anywhere.
 */
export async function dashboardHtml(snapshot: DashboardSnapshot, options: { dark: boolean; extraCss?: string }): Promise<string> {
  const dist = await ensureDashboardViewBuilt();
  const [script, css] = await Promise.all([readFile(join(dist, 'view.js'), 'utf8'), readFile(join(dist, 'view.css'), 'utf8')]);
  // Inside <script>, "</" would end the element early: JSON keeps its meaning with "<" escaped.
  const data = JSON.stringify(snapshot).replaceAll('<', '\\u003c');
  const inline = script.replaceAll('</script', '<\\/script');
  const scriptHash = createHash('sha256').update(inline).digest('base64');
  const policy = ["default-src 'none'", `script-src 'sha256-${scriptHash}'`, "style-src 'unsafe-inline'", 'img-src data:', 'font-src data:'].join('; ');
  const theme = options.dark ? 'dark' : 'light';
  return [
    '<!doctype html>',
    `<html lang="en" data-theme="${theme}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="BizOps Workbench">`,
    `<title>${escapeHtml(snapshot.dashboard.title)} · ${escapeHtml(snapshot.workspace)}</title>`,
    `<style>html,body{margin:0;background:${options.dark ? '#15181e' : '#f7f8fa'};color-scheme:${theme}}\n${css}${options.extraCss ?? ''}</style>`,
    '</head>',
    '<body>',
    '<div id="dashboard"></div>',
    `<script type="application/json" id="bizops-dashboard">${data}</script>`,
    `<script>${inline}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
