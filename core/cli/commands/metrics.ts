import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatRate } from '../../api/format.ts';
import type { MetricUnit, PackResult } from '../../api/packs.ts';
import { loadPack } from '../../packs/load.ts';
import { runPack } from '../../packs/run.ts';
import { openSession } from '../../service.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

interface MetricsOptions {
  workspace?: string;
  pack: string;
  from: string;
  to: string;
  param: Record<string, number>;
  json?: boolean;
}

export function registerMetrics(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('metrics')
      .description('Compute a metric pack for the period [from, to) from the core tables as they are (no build).')
      .requiredOption('--pack <name>', 'the pack: sales, marketing, saas, customer_health, or one of the workspace\'s')
      .requiredOption('--from <date>', 'the first day of the period, YYYY-MM-DD')
      .requiredOption('--to <date>', 'the day after the period, YYYY-MM-DD (excluded)')
      .option('--param <name=value>', 'a pack parameter, e.g. gross_margin=0.75; repeatable', collectParam, {})
      .option('--json', 'print one JSON object instead of tables'),
  ).action(async (options: MetricsOptions) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const result = await runPack(session, { pack: options.pack, from: options.from, to: options.to, params: options.param });
      if (options.json) {
        await io.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const pack = await loadPack(session.workspace, options.pack);
      const currency = session.workspace.config.currency;
      const units = new Map(pack.info.metrics.map((metric) => [metric.name, metric.unit]));
      await io.stdout.write(`${pack.info.title}, ${result.from} to ${result.to} (as of ${result.as_of})\n\n`);
      await io.stdout.write(
        table(
          ['metric', 'value'],
          pack.info.metrics.map((metric) => [metric.title, format(result.metrics[metric.name], metric.unit, currency)]),
          [1],
        ),
      );
      await writeBreakdowns(result, units, currency, io);
    } finally {
      await session.close();
    }
  });
}

async function writeBreakdowns(result: PackResult, units: Map<string, MetricUnit>, currency: string, io: CliIO) {
  if (result.by_channel) {
    const columns = ['leads', 'marketing_spend', 'cost_per_lead', 'new_customers', 'cac'];
    await io.stdout.write('\nBy channel\n');
    await io.stdout.write(
      table(
        ['channel', ...columns],
        Object.entries(result.by_channel).map(([channel, values]) => [channel, ...columns.map((column) => format(values[column], units.get(column) ?? 'number', currency))]),
        columns.map((_, i) => i + 1),
      ),
    );
  }
  if (result.attribution) {
    const models = Object.keys(result.attribution);
    const channels = [...new Set(models.flatMap((model) => Object.keys(result.attribution![model].by_channel)))].sort();
    await io.stdout.write('\nWon new-business ARR by channel, under each attribution model\n');
    await io.stdout.write(
      table(
        ['channel', ...models],
        channels.map((channel) => [channel, ...models.map((model) => format(result.attribution![model].by_channel[channel] ?? 0, 'currency', currency))]),
        models.map((_, i) => i + 1),
      ),
    );
  }
  if (result.mrr_movements) {
    const kinds = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
    await io.stdout.write('\nMRR movements\n');
    await io.stdout.write(
      table(['month', ...kinds], result.mrr_movements.map((row) => [row.month.slice(0, 7), ...kinds.map((kind) => format(row[kind], 'currency', currency))]), kinds.map((_, i) => i + 1)),
    );
  }
  if (result.accounts_at_risk) {
    await io.stdout.write(`\nAccounts at risk (${result.accounts_at_risk.length})\n`);
    await io.stdout.write(
      table(
        ['account', 'segment', 'MRR', 'users 30d', 'users 30d before', 'change', 'ends on', 'why'],
        result.accounts_at_risk.map((row) => [
          String(row.account_name ?? row.account_id),
          String(row.segment ?? ''),
          format(row.mrr as number, 'currency', currency),
          String(row.active_users_last_30),
          String(row.active_users_prior_30),
          format(row.usage_change as number | null, 'percent', currency),
          String(row.ends_on ?? ''),
          (row.reasons as string[]).join(', ').replaceAll('_', ' '),
        ]),
        [2, 3, 4, 5],
      ),
    );
  }
}

/** A metric as people read it: money with its currency, rates as percentages, durations in days. */
export function format(value: number | null | undefined, unit: MetricUnit, currency: string): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'currency':
      return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
    case 'percent':
    case 'days':
    case 'ratio':
      return formatRate(value, unit);
    default:
      return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
}

function table(header: string[], rows: string[][], rightAligned: number[]): string {
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd() + '\n';
  return line(header) + line(widths.map((width) => '─'.repeat(width))) + rows.map(line).join('');
}

function collectParam(text: string, params: Record<string, number>): Record<string, number> {
  const match = /^([a-z][a-z0-9_]*)=(.+)$/.exec(text);
  const value = match ? Number(match[2]) : NaN;
  if (!match || !Number.isFinite(value)) throw new InvalidArgumentError('write a parameter as name=number, e.g. gross_margin=0.75.');
  return { ...params, [match[1]]: value };
}
