import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../config.ts'
import { randomToken } from '../lib/crypto.ts'
import { type Database, openPGlite, openPostgres } from './connection.ts'

export const pgliteDir = (config: Config) => path.join(config.dataDir, 'pgdata')

export function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPGlite({ dataDir: pgliteDir(config) })
}

/** Embedded mode keeps its signing secret beside the data, created on first start and never printed. */
export async function embeddedSecret(config: Config): Promise<string> {
  const file = path.join(config.dataDir, 'secret')
  try {
    const existing = (await readFile(file, 'utf8')).trim()
    if (existing.length >= 32) return existing
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const secret = randomToken(48)
  await writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
