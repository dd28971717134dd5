// Preloaded (node --import) into a benchmark's child process: reports the process's peak RSS, in kB, on fd 3 as it exits.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(3, `${process.resourceUsage().maxRSS}\n`));
