import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BIGINT, DOUBLE, DuckDBInstance, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { isoDate, monthOf, startOfMonth, WINDOW_END, WINDOW_START, yearOf } from './calendar.ts';

export interface ProductEventsOptions {
  /** The billing file the usage follows: accounts use the product while they pay for it. */
  subscriptionsCsv: string;
  /** The folder that receives `part-NNNN.parquet`, one per month with events. */
  outDir: string;
  /** Where DuckDB may spill while it sorts a month; removed afterwards. */
  tempDir: string;
  /** About how many events to write in total. */
  events: number;
  seed: number;
  onPart?: (done: number, total: number) => void;
}

/** DuckDB's share of memory while it writes events; a month is sorted at a time, spilling beyond this. */
const MEMORY_LIMIT = '1GB';

/**
 * Events per account and day follow how many users the account pays for (more MRR, more users), how engaged
 * it is, a ramp-up after it starts, quiet weekends, and a decline over the 90 days before a known end date:
 * fewer users come back, so churning accounts fade out before they leave. Weights are whole numbers
 * (thousandths) so that their sum, and with it every count, is the same on every run.
 */
const USAGE_DAYS = `
  CREATE TEMP TABLE usage_days AS
  WITH active AS (
    SELECT s.account_id, c.day, sum(s.mrr) AS mrr, min(s.start_date) AS since, max(coalesce(s.end_date, DATE '9999-12-31')) AS ends
    FROM subscriptions s JOIN calendar c ON c.day >= s.start_date AND (s.end_date IS NULL OR c.day < s.end_date)
    GROUP BY s.account_id, c.day
  ), users AS (
    SELECT a.account_id, p.account_key, a.day,
           greatest(1, ceil(greatest(1, round(sqrt(a.mrr) / 2)) * least(1.0, greatest(0.1, (a.ends - a.day) / 90.0))))::INTEGER AS active_users,
           p.engagement * least(1.0, 0.35 + (a.day - a.since) / 45.0) * CASE WHEN dayofweek(a.day) IN (0, 6) THEN 0.15 ELSE 1.0 END AS intensity
    FROM active a JOIN product_accounts p USING (account_id)
  )
  SELECT account_id, account_key, day, active_users, round(active_users * intensity * 1000)::BIGINT AS weight FROM users ORDER BY day, account_id`;

/** The share of each event, in cumulative order; `feature` is NULL for events not tied to one. */
const EVENT_MIX = `
  CASE
    WHEN pick < 0.28 THEN 'session_started' WHEN pick < 0.52 THEN 'dashboard_viewed' WHEN pick < 0.66 THEN 'report_run'
    WHEN pick < 0.77 THEN 'query_run' WHEN pick < 0.84 THEN 'chart_created' WHEN pick < 0.90 THEN 'export_downloaded'
    WHEN pick < 0.95 THEN 'integration_synced' WHEN pick < 0.98 THEN 'alert_created' ELSE 'user_invited'
  END`;
const FEATURE_MIX = `
  CASE
    WHEN pick < 0.28 THEN NULL WHEN pick < 0.52 THEN 'dashboards' WHEN pick < 0.66 THEN 'reports' WHEN pick < 0.77 THEN 'sql_editor'
    WHEN pick < 0.84 THEN 'charts' WHEN pick < 0.90 THEN 'exports' WHEN pick < 0.95 THEN 'integrations' WHEN pick < 0.98 THEN 'alerts'
    ELSE NULL
  END`;

/** One month of events, sorted: count per account-day, then who (power users more often), what and when (office hours). */
const MONTH_OF_EVENTS = `
  SELECT occurred_at, account_id, user_id, event_name, feature FROM (
    SELECT account_id,
           CAST(day AS TIMESTAMP) + to_milliseconds(floor((7.5 + 10.5 * (unit_low(clock) + unit_high(clock)) / 2) * 3600000)::BIGINT) AS occurred_at,
           'usr_' || account_key || '_' || (1 + floor(active_users * pow(unit(who), 1.6)))::INTEGER AS user_id,
           ${EVENT_MIX} AS event_name,
           ${FEATURE_MIX} AS feature
    FROM (
      SELECT account_id, account_key, day, active_users,
             hash($seed, account_id, day, i, 1) AS who, unit(hash($seed, account_id, day, i, 2)) AS pick, hash($seed, account_id, day, i, 3) AS clock
      FROM (
        SELECT account_id, account_key, day, active_users,
               unnest(range(floor($rate * weight + unit(hash($seed, account_id, day, 0)))::BIGINT)) AS i
        FROM usage_days WHERE day >= CAST($from AS DATE) AND day < CAST($to AS DATE)
      )
    )
  ) ORDER BY ALL`;

/**
 * Writes the product's usage events as Parquet, a month per file, with DuckDB. Memory stays bounded whatever the
 * volume: DuckDB streams each month to its file and spills to `tempDir` if a month does not fit.
 */
export async function writeProductEvents(options: ProductEventsOptions): Promise<{ events: number; files: number }> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: MEMORY_LIMIT, temp_directory: options.tempDir });
  const connection = await instance.connect();
  try {
    await prepareUsage(connection, options);
    const totalWeight = Number((await connection.runAndReadAll('SELECT coalesce(sum(weight), 0) FROM usage_days')).getRows()[0][0]);
    const rate = totalWeight === 0 ? 0 : options.events / totalWeight;
    const months = monthStarts();
    let events = 0;
    let files = 0;
    for (const [i, from] of months.entries()) {
      const to = i + 1 < months.length ? months[i + 1] : WINDOW_END;
      const file = join(options.outDir, `part-${String(files).padStart(4, '0')}.parquet`);
      const copy = await connection.prepare(`COPY (${MONTH_OF_EVENTS}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`);
      copy.bind({ seed: BigInt(options.seed), rate, from: isoDate(from), to: isoDate(to) }, { seed: BIGINT, rate: DOUBLE, from: VARCHAR, to: VARCHAR });
      const written = Number((await copy.runAndReadAll()).getRows()[0][0]);
      if (written === 0) await rm(file);
      else files++;
      events += written;
      options.onPart?.(i + 1, months.length);
    }
    return { events, files };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(options.tempDir, { recursive: true, force: true });
  }
}

async function prepareUsage(connection: DuckDBConnection, options: ProductEventsOptions): Promise<void> {
  await connection.run(`
    CREATE TEMP MACRO unit(h) AS (h >> 11)::DOUBLE / 9007199254740992.0;
    CREATE TEMP MACRO unit_low(h) AS (h & 4294967295)::DOUBLE / 4294967296.0;
    CREATE TEMP MACRO unit_high(h) AS (h >> 32)::DOUBLE / 4294967296.0`);
  const load = await connection.prepare(`
    CREATE TEMP TABLE subscriptions AS
    SELECT account_id, mrr, start_date, end_date FROM read_csv($path, header = true, auto_detect = false, columns = {
      'subscription_id': 'VARCHAR', 'account_id': 'VARCHAR', 'plan': 'VARCHAR', 'mrr': 'DECIMAL(18,2)', 'currency': 'VARCHAR',
      'start_date': 'DATE', 'end_date': 'DATE'})`);
  load.bind({ path: options.subscriptionsCsv });
  await load.run();
  const accounts = await connection.prepare(`
    CREATE TEMP TABLE product_accounts AS
    SELECT account_id, row_number() OVER (ORDER BY account_id) AS account_key, 0.4 + 1.2 * unit(hash($seed, account_id, 'engagement')) AS engagement
    FROM (SELECT DISTINCT account_id FROM subscriptions)`);
  accounts.bind({ seed: BigInt(options.seed) }, { seed: BIGINT });
  await accounts.run();
  const calendar = await connection.prepare('CREATE TEMP TABLE calendar AS SELECT CAST(d AS DATE) AS day FROM range(CAST($from AS DATE), CAST($to AS DATE), INTERVAL 1 DAY) t(d)');
  calendar.bind({ from: isoDate(WINDOW_START), to: isoDate(WINDOW_END) });
  await calendar.run();
  await connection.run(USAGE_DAYS);
}

function monthStarts(): number[] {
  const months: number[] = [];
  for (let day = WINDOW_START; day < WINDOW_END; day = startOfMonth(yearOf(day), monthOf(day) + 1)) months.push(day);
  return months;
}
