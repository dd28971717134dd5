// `tsx scripts/icons.ts`: draw electron/build/icon.svg as the PNG sizes the packages need (run after editing the SVG).
import { readFile, writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';

const svg = await readFile('electron/build/icon.svg', 'utf8');
const png = (size: number) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

// macOS and Windows: electron-builder makes the .icns and .ico from the 1024-pixel PNG.
await writeFile('electron/build/icon.png', png(1024));
// Linux: one PNG per size, named as the desktop icon theme wants them.
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) await writeFile(`electron/build/icons/${size}x${size}.png`, png(size));
console.log('Wrote electron/build/icon.png and electron/build/icons/*.png');
