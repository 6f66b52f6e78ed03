import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    // Limits catch hangs; a loaded CI machine must not turn slowness into failures.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine has two cores and the server's embedded database runs one query at a time.
    fileParallelism: false,
  },
})
