import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { singerConnector } from '../../singer/singer.ts';
import type { ConformanceSubject, SourceSettings } from '../conformance.ts';

export const TAP_FIXTURE = fileURLToPath(new URL('../../singer/fixtures/tap-fixture.mjs', import.meta.url));

export interface FixtureCustomer {
  id: number;
  name: string;
  plan: string;
  mrr: number;
  signed_up: string;
  updated_at: string;
  tags?: string[];
}

/** The data the fixture tap serves, in a JSON file the tests change between syncs. */
export async function writeTapData(file: string, data: { customers: FixtureCustomer[]; events: Record<string, unknown>[] }): Promise<void> {
  await writeFile(file, JSON.stringify(data));
}

export function initialCustomers(): FixtureCustomer[] {
  return [
    { id: 1, name: 'Acme', plan: 'pro', mrr: 990.5, signed_up: '2024-01-03', updated_at: '2024-05-01T09:00:00Z', tags: ['churn-risk'] },
    { id: 2, name: 'Beta', plan: 'team', mrr: 120, signed_up: '2024-02-10', updated_at: '2024-05-02T09:00:00+02:00' },
    { id: 3, name: 'Gamma', plan: 'pro', mrr: 450.25, signed_up: '2024-03-15', updated_at: '2024-05-03T09:00:00Z' },
  ];
}

/** The Singer connector running the fixture tap (a Node script) through `node`. */
export const singerSubject: ConformanceSubject = {
  name: 'singer (fixture tap)',
  connector: singerConnector,
  credentials: true,
  async start(workspaceDir) {
    const dataFile = join(workspaceDir, 'tap-data.json');
    const customers = initialCustomers();
    const save = () => writeTapData(dataFile, { customers, events: [{ at: '2024-05-01T00:00:00Z', kind: 'login', detail: { ip: '10.0.0.1' } }] });
    await save();
    const settings = (config: Record<string, unknown> = {}, password = 'open sesame'): SourceSettings => ({
      options: { command: process.execPath, args: [TAP_FIXTURE], config: { data_file: dataFile, ...config } },
      secrets: { secret_config: JSON.stringify({ password }) },
      tables: ['customers'],
    });
    return {
      ...settings(),
      table: 'customers',
      keyColumn: 'id',
      valueColumn: 'plan',
      async expected() {
        return Object.fromEntries(customers.map((customer) => [String(customer.id), customer.plan]));
      },
      async change() {
        customers[0] = { ...customers[0], plan: 'enterprise', updated_at: '2024-06-01T09:00:00Z' };
        customers.push({ id: 4, name: 'Delta', plan: 'team', mrr: 80, signed_up: '2024-06-01', updated_at: '2024-06-01T10:00:00Z' });
        await save();
      },
      badCredentials: () => settings({}, 'wrong'),
      async failMidway() {
        customers[1] = { ...customers[1], plan: 'pro', updated_at: '2024-06-02T09:00:00Z' };
        customers.push({ id: 5, name: 'Epsilon', plan: 'team', mrr: 60, signed_up: '2024-06-02', updated_at: '2024-06-02T10:00:00Z' });
        await save();
        return settings({ crash_after: 1 });
      },
      stop: async () => undefined,
    };
  },
};
