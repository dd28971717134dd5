import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'connectors/**/*.test.ts', 'electron/**/*.test.ts', 'sample-data/**/*.test.ts', 'packs/**/*.test.ts', 'test/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
