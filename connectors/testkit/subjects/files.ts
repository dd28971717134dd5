import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filesConnector } from '../../files/files.ts';
import type { ConformanceSubject } from '../conformance.ts';

/** The files connector on a folder of CSV parts merged by key. */
export const filesSubject: ConformanceSubject = {
  name: 'files',
  connector: filesConnector,
  credentials: false,
  async start(workspaceDir) {
    const folder = join(workspaceDir, 'data', 'deals');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'part-1.csv'), 'id,name,amount\n1,Acme,100\n2,Beta,200\n3,Gamma,300\n');
    const options = { path: 'data', primary_key: 'id' };
    return {
      options,
      secrets: {},
      table: 'deals',
      keyColumn: 'id',
      valueColumn: 'amount',
      async expected() {
        const rows: Record<string, string> = {};
        for (const file of (await readdir(folder)).sort()) {
          for (const line of (await readFile(join(folder, file), 'utf8')).trim().split('\n').slice(1)) {
            const [id, , amount] = line.split(',');
            rows[id] = amount;
          }
        }
        return rows;
      },
      async change() {
        await writeFile(join(folder, 'part-1.csv'), 'id,name,amount\n1,Acme,150\n2,Beta,200\n3,Gamma,300\n4,Delta,400\n');
      },
      async failMidway() {
        await writeFile(join(folder, 'part-2.csv'), 'id,name,amount\n5,Epsilon,500\n');
        await writeFile(join(folder, 'part-3.csv'), 'id,name,amount\n6,Zeta,600,extra\n7,Eta,700\n');
        return { options, secrets: {} };
      },
      async recover() {
        await rm(join(folder, 'part-3.csv'));
      },
      stop: async () => undefined,
    };
  },
};
