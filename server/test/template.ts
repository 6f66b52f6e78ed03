import { loadDemo } from '../../db/demo/index.ts'
import type { Database } from '../src/db/connection.ts'
import { migrate } from '../src/db/migrate.ts'
import { shanghaiDate } from '../src/lib/dates.ts'
import { seedAreas } from '../src/modules/areas/seed.ts'

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123'

/** What every test database starts with: all migrations, the admin areas and the demo data. */
export async function prepareTemplate(database: Database) {
  await migrate(database)
  await seedAreas(database)
  await loadDemo(database.db, { secret: TEST_SECRET, today: shanghaiDate(new Date()) })
}
