import { ensureElectronBuilt, ensureRendererBuilt } from '../core/host/build.ts';

/** `npm run build`: the renderer (Vite) and the desktop shell (esbuild), each only when its sources changed. */
const log = (line: string) => console.log(line);
await ensureRendererBuilt(log);
await ensureElectronBuilt(log);
