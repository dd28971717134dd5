import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { registerApp } from './app.ts';
import { registerBuild, registerDocs, registerTest } from './build.ts';
import { registerExport } from './export.ts';
import { registerInit } from './init.ts';
import { registerMetrics } from './metrics.ts';
import { registerPush } from './push.ts';
import { registerQuery } from './query.ts';
import { registerRun } from './run.ts';
import { registerServe } from './serve.ts';
import { registerSources } from './sources.ts';
import { registerSync } from './sync.ts';

/** Every `bizops` command, in the order `--help` lists them. */
export const commands: ((program: Command, io: CliIO) => void)[] = [
  registerInit,
  registerSync,
  registerSources,
  registerBuild,
  registerTest,
  registerDocs,
  registerMetrics,
  registerQuery,
  registerPush,
  registerExport,
  registerRun,
  registerServe,
  registerApp,
];
