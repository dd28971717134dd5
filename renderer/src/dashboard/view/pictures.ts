import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { DashboardPictures, DashboardSnapshot, DashboardTile, TilePlacement } from '../../../../core/api/dashboards.ts';
import { tileChartSpec } from './chartSpec.ts';
import { bottom, GRID, placeTiles } from './layout.ts';
import { describeRun } from './numbers.ts';
import { FONT_FAMILY, themeOf, type DashboardTheme } from './theme.ts';
import { escapeXml, fitText, kpiSvg, TILE, tableSvg } from './tileParts.ts';

/**
 * The dashboard as SVG without a browser, for `bizops export --format svg|png` and the app's image exports: the
 * same grid, tile frames, KPIs and tables as the page, charts drawn by Vega's headless SVG renderer.
 */

const PAGE_PADDING = 24;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const pictures: DashboardPictures = {
  async dashboardSvg(snapshot, { dark, width }) {
    const theme = themeOf(dark);
    const { dashboard } = snapshot;
    const inner = width - 2 * PAGE_PADDING;
    const lines = headerLines(snapshot);
    let header = '';
    lines.forEach((line) => {
      const weight = line.size === 20 ? ' font-weight="700"' : '';
      header += `<text x="${PAGE_PADDING}" y="${line.y}" font-size="${line.size}"${weight} fill="${line.size === 20 ? theme.text : theme.muted}">${escapeXml(fitText(line.text, inner, line.size))}</text>`;
    });
    const top = gridTop(lines);
    const column = (inner - (GRID.columns - 1) * GRID.gap) / GRID.columns;
    const tiles = await Promise.all(placeTiles(dashboard).map((placement) => tileAt(snapshot, placement, cellBox(placement, column, PAGE_PADDING, top), theme, dark)));
    return svgDocument(width, pictures.dashboardHeight(snapshot, width), theme.page, header + tiles.join(''));
  },

  dashboardHeight(snapshot) {
    const rows = bottom(placeTiles(snapshot.dashboard));
    return Math.ceil(gridTop(headerLines(snapshot)) + rows * GRID.rowHeight + Math.max(0, rows - 1) * GRID.gap + PAGE_PADDING);
  },

  async tileSvg(snapshot, id, { dark, width }) {
    const theme = themeOf(dark);
    const placement = placeTiles(snapshot.dashboard).find((candidate) => candidate.tile === id);
    if (!placement) throw new Error(`The dashboard has no tile "${id}".`);
    const column = (width - 2 * PAGE_PADDING - (GRID.columns - 1) * GRID.gap) / GRID.columns;
    const box = cellBox({ ...placement, x: 0, y: 0 }, column, 0, 0);
    return svgDocument(Math.ceil(box.width), Math.ceil(box.height), theme.page, await tileAt(snapshot, placement, box, theme, dark));
  },
};

/** The title, description and what the numbers are for, each a line above the grid. */
function headerLines(snapshot: DashboardSnapshot): { text: string; size: number; y: number }[] {
  const lines = [{ text: snapshot.dashboard.title, size: 20, y: PAGE_PADDING + 22 }];
  if (snapshot.dashboard.description) lines.push({ text: snapshot.dashboard.description, size: 13, y: lines[lines.length - 1].y + 22 });
  lines.push({ text: describeRun(snapshot), size: 12, y: lines[lines.length - 1].y + 20 });
  return lines;
}

function gridTop(lines: { y: number }[]): number {
  return lines[lines.length - 1].y + 16;
}

function cellBox(placement: TilePlacement, column: number, left: number, top: number): Box {
  return {
    x: left + placement.x * (column + GRID.gap),
    y: top + placement.y * (GRID.rowHeight + GRID.gap),
    width: placement.w * column + (placement.w - 1) * GRID.gap,
    height: placement.h * GRID.rowHeight + (placement.h - 1) * GRID.gap,
  };
}

/** One tile: its panel, title and notes, and its content drawn into what is left. */
async function tileAt(snapshot: DashboardSnapshot, placement: TilePlacement, box: Box, theme: DashboardTheme, dark: boolean): Promise<string> {
  const tile = snapshot.dashboard.tiles.find((candidate) => candidate.id === placement.tile)!;
  const data = snapshot.run.tiles.find((candidate) => candidate.id === tile.id);
  const textWidth = box.width - 2 * TILE.padding;
  let svg = `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="8" fill="${theme.panel}" stroke="${theme.border}"/>`;
  let y = box.y + TILE.padding + TILE.titleSize;
  svg += `<text x="${box.x + TILE.padding}" y="${y}" font-size="${TILE.titleSize}" font-weight="600" fill="${theme.text}">${escapeXml(fitText(tile.title, textWidth, TILE.titleSize))}</text>`;
  if (tile.notes) {
    y += TILE.notesHeight;
    svg += `<text x="${box.x + TILE.padding}" y="${y}" font-size="12" fill="${theme.muted}">${escapeXml(fitText(tile.notes.replace(/\s+/g, ' '), textWidth, 12))}</text>`;
  }
  const content: Box = { x: box.x + TILE.padding, y: y + 12, width: textWidth, height: box.y + box.height - TILE.padding - (y + 12) };
  return svg + (await contentSvg(snapshot, tile, data, content, theme, dark));
}

async function contentSvg(
  snapshot: DashboardSnapshot,
  tile: DashboardTile,
  data: DashboardSnapshot['run']['tiles'][number] | undefined,
  box: Box,
  theme: DashboardTheme,
  dark: boolean,
): Promise<string> {
  const at = (inner: string) => `<g transform="translate(${box.x},${box.y})">${inner}</g>`;
  if (!data || data.status === 'error') {
    const message = data?.error?.message ?? 'The tile was not computed.';
    return at(
      `<rect width="${box.width}" height="${Math.min(box.height, 44)}" rx="6" fill="${theme.errorBg}"/>` +
        `<text x="10" y="18" font-size="12" fill="${theme.errorText}">${escapeXml(fitText(message, box.width - 20, 12))}</text>` +
        (data?.error?.where ? `<text x="10" y="34" font-size="11" fill="${theme.errorText}">${escapeXml(fitText(`at ${data.error.where}`, box.width - 20, 11))}</text>` : ''),
    );
  }
  if (tile.display === 'kpi') return at(kpiSvg(tile, data, box, theme, snapshot.currency));
  if (tile.display === 'table' || !data.spec) return at(tableSvg(data, box, theme));
  const spec = tileChartSpec(data.spec, data.rows ?? [], { width: Math.floor(box.width), height: Math.floor(box.height), dark, title: tile.title });
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
  try {
    const chart = await view.toSVG();
    return chart.replace(/^<svg /, `<svg x="${box.x}" y="${box.y}" `);
  } finally {
    view.finalize();
  }
}

function svgDocument(width: number, height: number, background: string, content: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY.replaceAll('"', "'")}">` +
    `<rect width="100%" height="100%" fill="${background}"/>${content}</svg>\n`
  );
}
