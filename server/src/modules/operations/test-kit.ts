import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import type { Database } from '../../db/connection.ts'

export const serverUrl = process.env.TEST_DATABASE_URL ?? null

const dirs: string[] = []
const databases: string[] = []

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
  if (serverUrl && databases.length > 0) {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
})

export async function tempDir(prefix = 'tongxin-ops-') {
  const d = await mkdtemp(path.join(os.tmpdir(), prefix))
  dirs.push(d)
  return d
}

/** A database of its own on the test server (empty, or a copy of the run's template), dropped after the file. */
export async function serverDatabase(fromTemplate: boolean): Promise<string> {
  const name = `tongxin_ops_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl! })
  await admin.connect()
  try {
    await admin.query(
      fromTemplate
        ? `CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`
        : `CREATE DATABASE ${name}`,
    )
  } finally {
    await admin.end()
  }
  databases.push(name)
  const url = new URL(serverUrl!)
  url.pathname = `/${name}`
  return url.toString()
}

export interface TableSum {
  rows: number
  md5: string
}

/** Row count and a checksum of every table's contents (rows as text, sorted), keyed by table name. */
export async function tableChecksums(
  database: Database,
  except: string[] = [],
): Promise<Record<string, TableSum>> {
  return database.withScriptClient(async (c) => {
    const tables = await c.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
    const out: Record<string, TableSum> = {}
    for (const { name } of tables) {
      if (except.includes(name)) continue
      const [r] = await c.query<{ n: number; md5: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM public."${name}" t`,
      )
      out[name] = { rows: Number(r!.n), md5: r!.md5 }
    }
    return out
  })
}
