import { runService, type ParentLink } from './serviceProcess.ts';

/** The utility process's entry point (bundled as dist/electron/service.mjs). */
void runService(process.argv, (process as unknown as { parentPort: ParentLink }).parentPort);
