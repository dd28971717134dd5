import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { DashboardPictures } from '../../api/dashboards.ts';
import { ensureDashboardViewBuilt } from './bundle.ts';

/** The headless dashboard view (renderer/src/dashboard/view/pictures.ts, built for Node). */
export async function loadPictures(): Promise<DashboardPictures> {
  const dist = await ensureDashboardViewBuilt();
  const module = (await import(pathToFileURL(join(dist, 'pictures.mjs')).href)) as { pictures: DashboardPictures };
  return module.pictures;
}

/** DejaVu Sans ships with the app, so a PNG has the same text on a machine without any fonts installed. */
function fontFiles(): string[] {
  const folder = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((file) => join(folder, file));
}

/** An SVG picture drawn to pixels with the shipped fonts only, so it comes out the same on every machine. */
export function rasterize(svg: string, scale: number) {
  return new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  }).render();
}

/** An SVG picture as PNG at twice its size (sharp on high-density screens and in documents). */
export function svgToPng(svg: string, scale = 2): Buffer {
  return rasterize(svg, scale).asPng();
}
