import { defineConfig } from 'vitest/config'
import base, { LIFECYCLE_FILES } from './vitest.config.ts'

/** `npm run test:lifecycle`: the whole-database lifecycle files (vitest.config.ts), on the engine `npm test` uses. */
export default defineConfig({
  test: { ...base.test, include: LIFECYCLE_FILES, exclude: ['**/node_modules/**'] },
})
