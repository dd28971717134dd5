import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../core/api/events.ts';
import type { Workbench } from '../core/desktop/workbench.ts';
import { resourcePath } from '../core/paths.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { EngineService, type ServiceProcess } from './engineService.ts';
import { serviceArgv, type FromService, type Question, type ToService } from './messages.ts';
import { runService } from './serviceProcess.ts';

/**
 * The service process run in this process: messages pass through structuredClone as they pass between
 * Electron's processes, and `crash` ends it the way a dying utility process would.
 */
class InProcessService extends EventEmitter implements ServiceProcess {
  private readonly child = new EventEmitter();
  workbench?: Promise<Workbench>;
  alive = true;

  constructor(argv: string[]) {
    super();
    this.workbench = runService(argv, {
      on: (_event, listener) => this.child.on('message', listener),
      postMessage: (message: FromService) => {
        if (this.alive) setImmediate(() => this.emit('message', structuredClone(message)));
      },
    });
  }

  postMessage(message: ToService): void {
    if (this.alive) setImmediate(() => this.child.emit('message', { data: structuredClone(message) }));
  }

  kill(): boolean {
    void this.crash(0);
    return true;
  }

  async crash(code: number): Promise<void> {
    this.alive = false;
    await (await this.workbench)?.close();
    this.emit('exit', code);
  }
}

let dir: string;
let clock = 0;
const forks: InProcessService[] = [];
const events: WorkbenchEvent[] = [];
const crashes: [string, boolean][] = [];
const questions: Question[] = [];
const keychain = new Map<string, string>();
let engine: EngineService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-engine-'));
  await Workspace.init(join(dir, 'ws'), { name: 'Relay' });
  engine = new EngineService(
    {
      initialWorkspace: join(dir, 'ws'),
      fork: (workspace) => {
        const service = new InProcessService(serviceArgv({ resources: resourcePath(), appData: join(dir, 'app-data'), workspace }));
        forks.push(service);
        return service;
      },
      answer: async (question) => {
        questions.push(question);
        if (question.type === 'secret.set') keychain.set(`${question.scope}/${question.key}`, question.value);
        if (question.type === 'secret.get') return keychain.get(`${question.scope}/${question.key}`);
        if (question.type === 'chooseFolder') return join(dir, 'chosen');
        return undefined;
      },
      onEvent: (event) => events.push(event),
      onReady: () => undefined,
      onCrash: (message, restarting) => crashes.push([message, restarting]),
    },
    () => clock,
  );
});

afterAll(async () => {
  await engine.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the engine behind the main process', () => {
  it('answers the API from the service process, Arrow pages included', async () => {
    expect(await engine.invoke('workspaceInfo', {})).toMatchObject({ ok: true, value: { name: 'Relay', versions: { duckdb: expect.stringMatching(/^v\d/) } } });
    const result = await engine.invoke('runQuery', { sql: 'select range as n from range(3)' });
    expect(result).toMatchObject({ ok: true, value: { rowCount: 3 } });
    expect((result as { value: { firstPage: { arrow: unknown } } }).value.firstPage.arrow).toBeInstanceOf(Uint8Array);
    expect(engine.currentWorkspace).toBe(join(dir, 'ws'));
  });

  it('forwards the engine\'s events', async () => {
    await engine.invoke('runQuery', { sql: 'create table t as select 1 as n' });
    await expect.poll(() => events.some((event) => event.type === 'catalog.changed')).toBe(true);
  });

  it('keeps secrets with the main process\'s keychain, never in the service', async () => {
    const saved = await engine.invoke('saveSource', { name: 'crm', type: 'postgres', create: true, options: { host: 'db.internal', database: 'crm', user: 'bizops' }, secrets: { password: 'hunter2' } });
    expect(saved).toMatchObject({ ok: true, value: { secretsStored: ['password'] } });
    expect(keychain.get('crm/password')).toBe('hunter2');
    expect(await engine.invoke('sourceSettings', { name: 'crm' })).toMatchObject({
      ok: true,
      value: { secrets: [{ option: 'password', set: true, where: 'the app\'s keychain (Sources › crm › password)' }] },
    });
    expect(await engine.invoke('chooseFolder', { purpose: 'create' })).toEqual({ ok: true, value: { path: join(dir, 'chosen') } });
    expect(questions.map((question) => question.type)).toEqual(expect.arrayContaining(['secret.set', 'secret.get', 'chooseFolder']));
  });

  it('restarts a service that died, on the same workspace, and answers the calls it lost with an error', async () => {
    clock = 60_000;
    const first = forks.at(-1)!;
    const lost = engine.invoke('runQuery', { sql: 'select 1' });
    await first.crash(134);
    expect(await lost).toMatchObject({ ok: false, error: { code: 'engine_stopped', hint: expect.stringContaining('Help › Open Log File') } });
    expect(crashes.at(-1)).toEqual(['The BizOps engine stopped unexpectedly (exit code 134).', true]);
    expect(forks).toHaveLength(2);
    expect(await engine.invoke('workspaceInfo', {})).toMatchObject({ ok: true, value: { name: 'Relay' } });
  });

  it('does not restart one that dies right after starting, and says so on every call', async () => {
    await forks.at(-1)!.crash(1);
    expect(crashes.at(-1)?.[1]).toBe(false);
    expect(forks).toHaveLength(2);
    expect(await engine.invoke('workspaceInfo', {})).toMatchObject({ ok: false, error: { code: 'engine_stopped', message: expect.stringContaining('right after starting') } });
  });
});
