import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../api/events.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import { RefreshScheduler, type Clock } from './scheduler.ts';

const HOUR = 3_600_000;

/** Real time shifted by `ahead`; timers are kept for the test to fire. */
class TestClock implements Clock {
  ahead = 0;
  timers: { delay: number; run: () => void; cancelled: boolean }[] = [];
  now = () => Date.now() + this.ahead;
  setTimer = (run: () => void, delay: number) => {
    const timer = { delay, run, cancelled: false };
    this.timers.push(timer);
    return () => void (timer.cancelled = true);
  };
  get armed() {
    return this.timers.filter((timer) => !timer.cancelled);
  }
}

let dir: string;
let session: Session;
const events: WorkbenchEvent[] = [];

async function setSource(path: string): Promise<void> {
  const file = join(dir, 'ws', 'bizops.yml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/sources: \{\}|sources:\n[\s\S]*?\n(?=warehouses)/, `sources:\n  shop:\n    type: files\n    options: { path: ${path} }\n    schedule: { every_hours: 2 }\n`));
  await session.workspace.reload();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-schedule-'));
  const root = join(dir, 'ws');
  await Workspace.init(root, { name: 'Shop' });
  await rm(join(root, 'models'), { recursive: true });
  await mkdir(join(root, 'models', 'core'), { recursive: true });
  await writeFile(join(root, 'models', 'core', 'order_totals.sql'), "select sum(amount) as total from {{ source('shop', 'orders') }}\n");
  await mkdir(join(root, 'data', 'shop'), { recursive: true });
  await writeFile(join(root, 'data', 'shop', 'orders.csv'), 'id,amount\n1,10\n2,32\n');
  session = await openSession(root, { secrets: new EnvSecretStore({}) });
  session.events.subscribe((event) => events.push(event));
  await setSource('data/shop');
});

afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

const refreshed = () => events.filter((event) => event.type === 'schedule.refreshed');

describe('scheduled refresh', () => {
  const clock = new TestClock();
  let scheduler: RefreshScheduler;

  it('syncs a source that never ran at once, then builds the models, and says when it runs next', async () => {
    scheduler = new RefreshScheduler(session, clock);
    await scheduler.plan();
    const [planned] = scheduler.status().sources;
    expect(planned).toMatchObject({ source: 'shop', schedule: 'every 2 hours', buildAfterSync: true, state: 'waiting', lastRefresh: null });
    expect(clock.armed.map((timer) => timer.delay)).toEqual([0]);

    const states: string[] = [];
    const unsubscribe = session.events.subscribe((event) => event.type === 'schedule.changed' && states.push(event.status.sources[0].state));
    const before = Date.now();
    await scheduler.runDue();
    unsubscribe();

    expect(states).toEqual(expect.arrayContaining(['syncing', 'building', 'waiting']));
    expect(states.indexOf('syncing')).toBeLessThan(states.indexOf('building'));
    const total = await session.engine.withConnection((connection) => connection.runAndReadAll('select total from core.order_totals'));
    expect(Number(total.getRows()[0][0])).toBe(42);
    const [after] = scheduler.status().sources;
    expect(after.lastRefresh).toMatchObject({ status: 'success', step: 'build' });
    // Next: two hours after this sync began (the sync log keeps whole seconds).
    const nextRun = Date.parse(after.nextRunAt!);
    expect(nextRun).toBeGreaterThanOrEqual(before + 2 * HOUR - 1000);
    expect(nextRun).toBeLessThanOrEqual(Date.now() + 2 * HOUR);
    expect(clock.armed.at(-1)!.delay).toBeGreaterThan(2 * HOUR - 60_000);
    expect(refreshed().at(-1)).toMatchObject({ source: 'shop', outcome: { status: 'success' } });
  });

  it('does nothing while the source is not due', async () => {
    const runs = (await session.handlers.syncRuns({ limit: 100 })).length;
    await scheduler.runDue();
    expect((await session.handlers.syncRuns({ limit: 100 })).length).toBe(runs);
  });

  it('reports a failed sync, keeps the data it had, and logs it', async () => {
    await setSource('data/gone');
    clock.ahead = 3 * HOUR;
    await scheduler.plan();
    expect(clock.armed.at(-1)!.delay).toBe(0);
    await scheduler.runDue();
    const [after] = scheduler.status().sources;
    expect(after.lastRefresh).toMatchObject({ status: 'failed', step: 'sync', error: { message: expect.stringContaining('data/gone') } });
    expect(refreshed().at(-1)).toMatchObject({ outcome: { status: 'failed', step: 'sync' } });
    expect(events.some((event) => event.type === 'log' && event.level === 'error' && event.message.includes('Scheduled refresh failed while syncing shop'))).toBe(true);
    const rows = await session.engine.withConnection((connection) => connection.runAndReadAll('select count(*) from raw_shop.orders'));
    expect(Number(rows.getRows()[0][0])).toBe(2);
  });

  it('reports a build that fails after a good sync as a failed build', async () => {
    await setSource('data/shop');
    await writeFile(join(dir, 'ws', 'models', 'core', 'broken.sql'), 'select no_such_column from {{ ref(\'order_totals\') }}\n');
    clock.ahead = 6 * HOUR;
    await scheduler.plan();
    await scheduler.runDue();
    const [after] = scheduler.status().sources;
    expect(after.lastRefresh).toMatchObject({ status: 'failed', step: 'build', error: { message: expect.stringContaining('no_such_column') } });
    await rm(join(dir, 'ws', 'models', 'core', 'broken.sql'));
  });

  it('stops: no timer left armed', async () => {
    await scheduler.stop();
    expect(clock.armed).toEqual([]);
    expect(scheduler.status().running).toBe(false);
  });

  it('is shown without running where no host runs schedules', async () => {
    const status = await session.handlers.scheduleStatus({});
    expect(status.running).toBe(false);
    expect(status.sources).toEqual([
      expect.objectContaining({ source: 'shop', schedule: 'every 2 hours', nextRunAt: null, lastRefresh: expect.objectContaining({ status: 'success', step: 'sync' }) }),
    ]);
  });
});
