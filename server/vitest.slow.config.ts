import { defineConfig } from 'vitest/config'

/**
 * `npm run test:slow`: real server processes (start-up, shutdown, restart after a crash; with
 * TEST_DATABASE_URL also several instances on one PostgreSQL database). One file at a time, so the tests do
 * not load the machine they wait on; bounds are minutes because a loaded machine is slow, not broken.
 */
export default defineConfig({
  test: {
    include: ['test/process/**/*.test.ts'],
    globalSetup: ['test/process/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
  },
})
