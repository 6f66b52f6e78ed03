import { defineConfig } from 'vitest/config'

/**
 * Whole-database lifecycles: each file builds databases from nothing, loads the demo, backs them up, verifies
 * and restores them (a quarter of the suite's time between them; bench/README.md, "Test suite time"). They run
 * in their own step, `npm run test:lifecycle` (vitest.lifecycle.config.ts), on both engines in `.ci/run`.
 */
export const LIFECYCLE_FILES = [
  'src/modules/operations/backup.test.ts',
  'src/modules/operations/refusals.test.ts',
  'src/modules/operations/schedule.test.ts',
  'src/modules/operations/upgrade.test.ts',
]

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real server processes: `npm run test:slow` (vitest.slow.config.ts); whole-database lifecycles above.
    exclude: ['test/process/**', '**/node_modules/**', ...LIFECYCLE_FILES],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A worker imports the server once for all the files it runs instead of once per file (~4 s of CPU each;
    // bench/README.md, "Test suite time"). Each file still opens its own database and app. Safe because no
    // test mocks a module or stubs a global, caches are keyed by database, and the few tests that change a
    // module's exported setting (commitOptions, readerLimits) put it back in `finally`.
    isolate: false,
    // A time limit catches a hang, not slowness: CI may share the machine (a full run at load 14 saw tests
    // that take 3 s alone pass 15 and 30 s), so the limit is far above any test's honest duration.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
})
