import type { DashboardTile, TileData } from '../../../../core/api/dashboards.ts';
import { formatCell, formatChange, formatKpi } from './numbers.ts';
import type { DashboardTheme } from './theme.ts';

/** Sizes inside a tile, shared by the page (CSS uses the same numbers) and the SVG pictures. */
export const TILE = { padding: 14, titleSize: 13, titleHeight: 20, notesHeight: 17, valueSize: 30 } as const;

/** Rows a table tile lists; the rest are counted below it. */
export const TABLE_ROWS_SHOWN = 500;

/** How a tile's KPI reads: the value, its change, and the sparkline points. */
export function kpiParts(tile: DashboardTile, data: TileData, currency: string) {
  const kpi = data.kpi ?? { value: null, previous: null, change: null, sparkline: [] };
  const format = tile.kpi?.format ?? 'number';
  return {
    value: formatKpi(kpi.value, format, currency),
    change: formatChange(kpi.change),
    previous: kpi.previous === null ? null : formatKpi(kpi.previous, format, currency),
    sparkline: kpi.sparkline.filter((point): point is { x: string; y: number } => point.y !== null && Number.isFinite(point.y)),
  };
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A sparkline as SVG: the line and a light area under it, scaled to the box. */
export function sparklineSvg(points: { y: number }[], width: number, height: number, color: string): string {
  if (points.length < 2 || width <= 0 || height <= 0) return '';
  const ys = points.map((point) => point.y);
  const low = Math.min(...ys);
  const high = Math.max(...ys);
  const span = high - low || 1;
  const x = (i: number) => ((i / (points.length - 1)) * (width - 4) + 2).toFixed(1);
  const y = (value: number) => (height - 2 - ((value - low) / span) * (height - 4)).toFixed(1);
  const line = points.map((point, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(point.y)}`).join(' ');
  const area = `${line} L${x(points.length - 1)},${height} L${x(0)},${height} Z`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Trend">` +
    `<path d="${area}" fill="${color}" fill-opacity="0.12" stroke="none"/>` +
    `<path d="${line}" fill="none" stroke="${color}" stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round"/>` +
    '</svg>'
  );
}

/** Text cut to fit a width, by an estimate of its glyphs (what a headless picture can know without fonts). */
export function fitText(text: string, width: number, fontSize: number): string {
  const fits = Math.floor(width / (fontSize * 0.58));
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1))}…`;
}

/** A KPI as SVG content for a box: value, change and sparkline, laid out as the page lays them out. */
export function kpiSvg(tile: DashboardTile, data: TileData, box: { width: number; height: number }, theme: DashboardTheme, currency: string): string {
  const parts = kpiParts(tile, data, currency);
  const valueY = TILE.valueSize + 4;
  let svg = `<text x="0" y="${valueY}" font-size="${TILE.valueSize}" font-weight="600" fill="${theme.text}">${escapeXml(parts.value)}</text>`;
  if (parts.change) {
    const color = parts.change.direction === 'up' ? theme.up : parts.change.direction === 'down' ? theme.down : theme.muted;
    svg += `<text x="0" y="${valueY + 22}" font-size="12"><tspan fill="${color}" font-weight="600">${escapeXml(parts.change.text)}</tspan>` +
      `<tspan fill="${theme.muted}"> vs previous period</tspan></text>`;
  }
  const sparkTop = valueY + (parts.change ? 32 : 14);
  const sparkHeight = box.height - sparkTop;
  if (sparkHeight >= 16) {
    svg += `<g transform="translate(0,${sparkTop})">${sparklineSvg(parts.sparkline, box.width, sparkHeight, theme.accent)}</g>`;
  }
  return svg;
}

/** A table as SVG content: the header and as many rows as fit, numbers to the right. */
export function tableSvg(data: TileData, box: { width: number; height: number }, theme: DashboardTheme): string {
  const columns = data.columns ?? [];
  const rows = data.rows ?? [];
  if (columns.length === 0) return '';
  const rowHeight = 22;
  const columnWidth = box.width / columns.length;
  const numeric = columns.map((column) => rows.some((row) => typeof row[column.name] === 'number'));
  const shown = Math.max(0, Math.floor(box.height / rowHeight) - 1);
  const cell = (text: string, i: number, y: number, attributes: string) => {
    const x = numeric[i] ? (i + 1) * columnWidth - 6 : i * columnWidth + 6;
    return `<text x="${x.toFixed(1)}" y="${y}" font-size="12" text-anchor="${numeric[i] ? 'end' : 'start'}" ${attributes}>${escapeXml(fitText(text, columnWidth - 12, 12))}</text>`;
  };
  let svg = columns.map((column, i) => cell(column.name, i, 15, `font-weight="600" fill="${theme.muted}"`)).join('');
  svg += `<line x1="0" x2="${box.width}" y1="${rowHeight - 1}" y2="${rowHeight - 1}" stroke="${theme.border}"/>`;
  rows.slice(0, shown).forEach((row, r) => {
    const y = (r + 1) * rowHeight + 15;
    svg += columns.map((column, i) => cell(formatCell(row[column.name]), i, y, `fill="${theme.text}"`)).join('');
  });
  return svg;
}
