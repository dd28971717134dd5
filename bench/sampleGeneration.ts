import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSampleCompany, type SampleCounts } from '../sample-data/generate.ts';
import type { Benchmark } from './harness.ts';

const ROUNDS = 3;
/** Scale 1 should generate in under 20 s and within 15 times the anchor, and 100M events in under 2 GB of memory. */
const GOAL_SECONDS = 20;
const GOAL_RATIO = 15;
const GOAL_PEAK_BYTES = 2 * 1024 ** 3;
/** 100 × the product events of scale 1: 100 million, with the rest of the company at scale 1. */
const LARGE_EVENT_SCALE = 100;

const WORKER = fileURLToPath(new URL('./sampleGenerationWorker.ts', import.meta.url));

/**
 * The sample company at scale 1 (CSV files and 1M events) against the anchor: DuckDB writing the same number of
 * plain rows with a trivial COPY, to CSV and to Parquet. Then, once, the peak memory of writing 100M events.
 */
export const sampleGeneration: Benchmark = {
  name: 'sample company generation at scale 1 vs a trivial DuckDB COPY of as many rows; peak memory for 100M events',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-sample-'));
    try {
      let ours = Infinity;
      let anchor = Infinity;
      let counts: SampleCounts | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        counts = await generateSampleCompany({ dir: join(dir, `ours-${round}`), scale: 1 });
        ours = Math.min(ours, performance.now() - started);
        anchor = Math.min(anchor, await trivialCopy(join(dir, `anchor-${round}`), csvRows(counts), counts.productEvents));
        await rm(join(dir, `ours-${round}`), { recursive: true, force: true });
      }
      const large = await generateInOwnProcess(join(dir, 'large'), 1, LARGE_EVENT_SCALE);
      const ratio = ours / anchor;
      return {
        figures: [
          { label: `scale 1: ${csvRows(counts!).toLocaleString('en-US')} CSV rows and ${counts!.productEvents.toLocaleString('en-US')} events, generated`, value: ours / 1000, unit: 's' },
          { label: 'anchor: as many rows written by a trivial DuckDB COPY (CSV and Parquet)', value: anchor / 1000, unit: 's' },
          { label: `${large.events.toLocaleString('en-US')} events (company at scale 1), generated`, value: large.ms / 1000, unit: 's' },
          { label: `${large.events.toLocaleString('en-US')} events: peak memory (maximum RSS of the process)`, value: large.peakRssBytes / 1024 ** 2, unit: 'MB' },
        ],
        ratio: {
          value: ratio,
          meaning: 'of the time DuckDB takes to write as many trivial rows (scale 1)',
          goal: `≤ ${GOAL_RATIO}×, under ${GOAL_SECONDS} s, and under ${GOAL_PEAK_BYTES / 1024 ** 3} GB for 100M events`,
          met: ratio <= GOAL_RATIO && ours < GOAL_SECONDS * 1000 && large.peakRssBytes < GOAL_PEAK_BYTES,
        },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function csvRows(counts: SampleCounts): number {
  return counts.users + counts.accounts + counts.contacts + counts.leads + counts.campaigns + counts.campaignMembers + counts.opportunities +
    counts.opportunityHistory + counts.subscriptions + counts.marketingSpend + counts.salesTargets;
}

/** Milliseconds for DuckDB to write `csvRows` rows of four columns to CSV and `events` rows of five columns to Parquet. */
async function trivialCopy(dir: string, csvRows: number, events: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const started = performance.now();
    const csv = await connection.prepare(
      `COPY (SELECT i AS id, 'name ' || i AS name, DATE '2023-01-01' + CAST(i % 1000 AS INTEGER) AS day, i * 1.25 AS amount FROM range($rows) t(i))
       TO ${sqlString(join(dir, 'rows.csv'))} (HEADER)`,
    );
    csv.bind({ rows: csvRows });
    await csv.run();
    const parquet = await connection.prepare(
      `COPY (SELECT TIMESTAMP '2023-01-01' + to_seconds(i) AS occurred_at, 'account ' || (i % 5000) AS account_id, 'user ' || (i % 97) AS user_id,
                    'session_started' AS event_name, CAST(NULL AS VARCHAR) AS feature FROM range($rows) t(i))
       TO ${sqlString(join(dir, 'events.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
    );
    parquet.bind({ rows: events });
    await parquet.run();
    return performance.now() - started;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A file path as a SQL string literal (COPY … TO takes no parameter for its target). */
function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function generateInOwnProcess(dir: string, scale: number, eventScale: number): Promise<{ ms: number; events: number; peakRssBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, String(scale), String(eventScale)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`the generator exited with code ${code}`))));
  });
}
