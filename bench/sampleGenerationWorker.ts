// Generates one sample company in a process of its own, so that its peak memory is the generator's alone.
import { generateSampleCompany } from '../sample-data/generate.ts';

const [dir, scale, eventScale] = process.argv.slice(2);
const started = performance.now();
const counts = await generateSampleCompany({ dir, scale: Number(scale), eventScale: Number(eventScale) });
const result = { ms: performance.now() - started, events: counts.productEvents, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(`${JSON.stringify(result)}\n`);
