import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { secretCheck } from './backup-embedded.ts'
import { type BackupHeader, type BackupInfo, encodeBackup, OpsError, payloadStream } from './backup-file.ts'

/**
 * pg_dump, pg_restore and psql: from TONGXIN_PG_BIN, else the newest Debian/Ubuntu install
 * (/usr/lib/postgresql/N/bin), else PATH. pg_dump must be at least the server's major version.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore' | 'psql', binDir: string | null): string {
  if (binDir) return path.join(binDir, name)
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return path.join(root, versions[0], 'bin', name)
  }
  return name
}

/** The URL without its password (which would show in `ps`), and the password for PGPASSWORD. */
function connectionArgs(url: string) {
  const u = new URL(url)
  const password = decodeURIComponent(u.password)
  u.password = ''
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

interface Spawned {
  child: ChildProcess
  done: Promise<void>
}

/** Starts a tool; `done` rejects with its last lines of stderr when it exits non-zero or cannot start. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv, stdin: 'pipe' | 'ignore'): Spawned {
  const child = spawn(tool, args, { env, stdio: [stdin, 'pipe', 'pipe'] })
  let err = ''
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-4000)
  })
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new OpsError(
          'pg_tool_missing',
          e.code === 'ENOENT'
            ? `${tool} was not found: install the PostgreSQL client tools or set TONGXIN_PG_BIN to their directory.`
            : `${tool} could not start: ${e.message}`,
        ),
      ),
    )
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new OpsError('pg_tool_failed', `${path.basename(tool)} failed (exit ${code}): ${err.trim()}`),
          ),
    )
  })
  return { child, done }
}

/**
 * pg_dump inside a snapshot this function exported: the schema version it reads and the dump see the same
 * moment, however many instances keep writing. `--no-owner --no-privileges` lets it restore under any role.
 */
export function postgresBackupBytes(url: string, secret: string, binDir: string | null, now: Date) {
  const client = new pg.Client({ connectionString: url })
  return encodeBackup(async () => {
    await client.connect()
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
    const names = (await client.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name'))
      .rows
    const { dbname, env } = connectionArgs(url)
    const dump = run(
      pgTool('pg_dump', binDir),
      ['-Fc', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--dbname=${dbname}`],
      env,
      'ignore',
    )
    // Killed when the writer gives up (a full disk): that exit is expected, not an unhandled failure.
    dump.done.catch(() => {})
    const header: BackupHeader = {
      format: 'tongxin-backup',
      version: 1,
      engine: 'postgres',
      payload: 'pg_dump-custom',
      createdAt: now.toISOString(),
      migrations: names.map((r) => r.name),
      secretCheck: secretCheck(secret),
    }
    async function* payload() {
      try {
        for await (const chunk of dump.child.stdout!) yield chunk as Buffer
        await dump.done
      } finally {
        dump.child.kill()
        await client.query('COMMIT').catch(() => {})
        await client.end().catch(() => {})
      }
    }
    return { header, payload: payload() }
  })
}

/** "Verified by reopening it": pg_restore reads the whole archive back as SQL (discarded). */
export async function listPostgresBackup(info: BackupInfo, binDir: string | null): Promise<void> {
  const list = run(pgTool('pg_restore', binDir), ['-f', '-'], process.env, 'pipe')
  list.child.stdout!.resume()
  try {
    await Promise.all([pipeline(payloadStream(info), list.child.stdin!), list.done])
  } catch (err) {
    if (err instanceof OpsError && err.code === 'pg_tool_missing') throw err
    throw new OpsError(
      'backup_truncated',
      `${info.file} does not hold a readable pg_dump archive: ${(err as Error).message}`,
    )
  }
}

/** Tables in the target's public schema: a database with any is not "empty". */
export async function postgresTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const r = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'",
    )
    return Number(r.rows[0]!.n)
  } finally {
    await client.end()
  }
}

/**
 * pg_restore writes the archive as SQL into one psql transaction (`--single-transaction`, stop at the first
 * error): the restore is whole or not at all. With --force the public schema is dropped first, in that same
 * transaction, so tables a newer schema added do not survive beside the restored ones.
 */
export async function restorePostgres(
  info: BackupInfo,
  url: string,
  opts: { force: boolean; secret: string; binDir: string | null },
): Promise<void> {
  if (secretCheck(opts.secret) !== info.header.secretCheck) {
    throw new OpsError(
      'backup_secret_mismatch',
      `${info.file} was taken under another secret than TONGXIN_SECRET: encrypted ID numbers and sessions would ` +
        'be unreadable. Set TONGXIN_SECRET to the secret in use when the backup was taken.',
    )
  }
  const tables = await postgresTableCount(url)
  if (tables > 0 && !opts.force) {
    throw new OpsError(
      'restore_not_empty',
      `The target database already has ${tables} tables. Restore into an empty database (createdb), or add ` +
        '--force to replace its contents (all of it, in one transaction).',
    )
  }
  const { dbname, env } = connectionArgs(url)
  const restore = run(
    pgTool('pg_restore', opts.binDir),
    ['--no-owner', '--no-privileges', '-f', '-'],
    env,
    'pipe',
  )
  const psql = run(
    pgTool('psql', opts.binDir),
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--dbname=${dbname}`],
    env,
    'pipe',
  )
  psql.child.stdout!.resume()
  if (tables > 0) psql.child.stdin!.write('DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n')
  const feed = pipeline(payloadStream(info), restore.child.stdin!)
  const relay = pipeline(restore.child.stdout!, psql.child.stdin!)
  const results = await Promise.allSettled([feed, relay, restore.done, psql.done])
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) {
    // psql's own message says why the transaction was rolled back; prefer it over a broken pipe.
    const reason = [results[3], results[2], failed].find(
      (r) => r!.status === 'rejected',
    ) as PromiseRejectedResult
    const e = reason.reason as Error
    throw new OpsError(
      'restore_failed',
      `The restore was rolled back; the database is unchanged. ${e.message}`,
    )
  }
}
