import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openPGlite, openPostgres } from '../src/db/connection.ts'
import { prepareTemplate } from './template.ts'

/**
 * Builds the migrated template once per run: a PGlite data-dir dump (loaded per test file in ~0.5 s instead
 * of ~3 s for a fresh database), or on a server a template database that each file clones.
 */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (serverUrl) {
    const templateName = `tongxin_tpl_${process.pid}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${templateName}`)
    await admin.query(`CREATE DATABASE ${templateName}`)
    const url = new URL(serverUrl)
    url.pathname = `/${templateName}`
    const database = await openPostgres(url.toString(), 2)
    await prepareTemplate(database)
    await database.close()
    provide('templateDatabase', templateName)
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`)
      await admin.end()
    }
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tongxin-template-'))
  const database = await openPGlite({})
  await prepareTemplate(database)
  const dump = new Uint8Array(await (await database.dumpDataDir!()).arrayBuffer())
  // The dump's checkpoint is the last one: start-up reads WAL from its redo point to the insert position.
  const [wal] = await database.withScriptClient((c) =>
    c.query<{ redo: string; last: string }>(
      'SELECT redo_wal_file AS redo, pg_walfile_name(pg_current_wal_lsn()) AS last FROM pg_control_checkpoint()',
    ),
  )
  await database.close()
  const file = path.join(dir, 'template.tar')
  await writeFile(
    file,
    withoutSpareWal(dump, (segment) => segment >= wal!.redo && segment <= wal!.last),
  )
  provide('templateDump', file)
  return () => rm(dir, { recursive: true, force: true })
}

/**
 * The tarball without the WAL segments a checkpoint keeps for reuse (16 MB each, half of the 130 MB dump):
 * start-up reads only the segments `keep` accepts, and PostgreSQL creates a later one when it needs it. Every
 * test file loads the dump, so the smaller file saves ~0.5 s per file; a segment dropped wrongly would stop
 * every test database from starting, not pass unnoticed.
 */
function withoutSpareWal(tar: Uint8Array, keep: (segment: string) => boolean): Uint8Array {
  const text = (at: number, length: number) =>
    Buffer.from(tar.subarray(at, at + length))
      .toString('latin1')
      .replace(/\0.*$/s, '')
  const kept: Uint8Array[] = []
  let at = 0
  while (at + 512 <= tar.length && tar.subarray(at, at + 512).some((b) => b !== 0)) {
    const size = Number.parseInt(text(at + 124, 12).trim() || '0', 8)
    const end = at + 512 + Math.ceil(size / 512) * 512
    const segment = /pg_wal\/([0-9A-F]{24})$/.exec(text(at, 100))?.[1]
    if (segment === undefined || keep(segment)) kept.push(tar.subarray(at, end))
    at = end
  }
  kept.push(new Uint8Array(1024))
  return Buffer.concat(kept)
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
    templateDump: string
  }
}
