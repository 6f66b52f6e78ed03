import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real server processes: `npm run test:slow` (vitest.slow.config.ts).
    exclude: ['test/process/**', '**/node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A time limit catches a hang, not slowness: CI may share the machine (a full run at load 14 saw tests
    // that take 3 s alone pass 15 and 30 s), so the limit is far above any test's honest duration.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
})
