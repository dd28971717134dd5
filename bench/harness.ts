import { mkdir, writeFile } from 'node:fs/promises';

/**
 * A benchmark measures our path and an anchor (the same work done the plain way) in the same run, and reports
 * their ratio: timings on a shared machine are noisy, ratios much less so. Misses are reported, not failed.
 */
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

export interface BenchResult {
  /** Every figure measured, e.g. `ours median: 182 ms`. */
  figures: { label: string; value: number; unit: string }[];
  ratio: { value: number; meaning: string; goal: string; met: boolean };
}

/** Median of `rounds` timings of `work`, after one warm-up run. */
export async function medianMs(rounds: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
}

export async function runBenchmarks(benchmarks: Benchmark[], only: string[]): Promise<void> {
  const selected = only.length === 0 ? benchmarks : benchmarks.filter((b) => only.some((name) => b.name.includes(name)));
  const report: Record<string, BenchResult> = {};
  for (const benchmark of selected) {
    console.log(`\n${benchmark.name}`);
    const result = await benchmark.run();
    for (const figure of result.figures) console.log(`  ${figure.label}: ${round(figure.value)} ${figure.unit}`);
    const { ratio } = result;
    console.log(`  ratio: ${round(ratio.value)}× ${ratio.meaning} (goal ${ratio.goal}: ${ratio.met ? 'met' : 'MISSED'})`);
    report[benchmark.name] = result;
  }
  await mkdir('bench/output', { recursive: true });
  await writeFile('bench/output/results.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nFigures saved to bench/output/results.json');
}

function round(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
