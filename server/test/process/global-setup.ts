import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { openPGlite } from '../../src/db/connection.ts'
import { migrate } from '../../src/db/migrate.ts'
import { seedAreas } from '../../src/modules/areas/seed.ts'
import { seedWaste } from '../../src/modules/waste/seed.ts'

/**
 * One migrated embedded database on disk (areas and waste dictionary, no accounts) that the process tests
 * copy as a data directory's `pgdata`: what a server's own first start makes before it creates accounts.
 */
export default async function setup({
  provide,
}: {
  provide: (key: 'processTemplateDir', value: string) => void
}) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tongxin-process-template-'))
  const dir = path.join(root, 'pgdata')
  const database = await openPGlite({ dataDir: dir })
  await migrate(database)
  await seedAreas(database)
  await seedWaste(database)
  await database.close()
  provide('processTemplateDir', dir)
  return () => rm(root, { recursive: true, force: true })
}
