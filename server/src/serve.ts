import type { AddressInfo } from 'node:net'
import { loadDemo } from '../../db/demo/index.ts'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import type { AppContext } from './context.ts'
import type { Database } from './db/connection.ts'
import { exclusively } from './db/exclusive.ts'
import { migrate } from './db/migrate.ts'
import { embeddedSecret, openDatabase } from './db/open.ts'
import { BACKGROUND_JOBS } from './jobs.ts'
import { systemClock } from './lib/clock.ts'
import { shanghaiDate } from './lib/dates.ts'
import { ensureFirstAdmin } from './modules/accounts/bootstrap.ts'
import { seedAreas } from './modules/areas/seed.ts'
import { startControlSocket } from './modules/operations/control.ts'
import { JobMonitor } from './modules/operations/job-monitor.ts'
import { seedWaste } from './modules/waste/seed.ts'

function fail(message: string): never {
  console.error(`tongxin: ${message}`)
  process.exit(1)
}

/**
 * Everything after the configuration is known to be valid and (embedded) the data directory is locked by
 * main.ts: database, demo, app, jobs, shutdown. `unlock` releases that lock last on shutdown.
 */
export async function serve(config: Config, unlock: (() => Promise<void>) | null) {
  const secret = config.secret ?? (await embeddedSecret(config))

  let database: Database
  try {
    database = await openDatabase(config)
  } catch (err) {
    fail(`cannot open the database: ${(err as Error).message}`)
  }
  const { applied, latest } = await migrate(database)
  let heavy = applied.length > 0
  // Instances starting together on one server take turns here, as they do for the migrations.
  await exclusively(database, async () => {
    await seedAreas(database)
    await seedWaste(database)
    if (config.demo) {
      const { loaded } = await loadDemo(database.db, { secret, today: shanghaiDate(new Date()) })
      heavy ||= loaded
      if (loaded) console.log('tongxin: demo data loaded (accounts share the password tongxin-demo)')
    } else {
      const generated = await ensureFirstAdmin(database.db, config.adminPassword)
      if (generated) {
        console.log(
          `tongxin: created account "admin" with password ${generated} — change it after logging in.`,
        )
      }
    }
  })

  if (heavy && database.engine === 'pglite') {
    // PGlite's WebAssembly memory only grows: creating the database, the migrations and the demo load leave
    // it at their peak (~800 MB) for the life of the process. An instance opened afresh on the same files
    // serves from a fraction of that (bench/README.md); the old one's memory goes when it is collected.
    await database.close()
    database = await openDatabase(config)
  }

  const everyMs = (job: (typeof BACKGROUND_JOBS)[number]) => config.jobIntervalMs ?? job.everyMs
  const jobs = new JobMonitor(BACKGROUND_JOBS.map((job) => ({ ...job, everyMs: everyMs(job) })))
  const ctx: AppContext = { config, database, db: database.db, clock: systemClock, secret, jobs }
  const app = await buildApp(ctx)
  app.log.info({ engine: database.engine, migration: latest, applied }, 'database ready')

  // Runs in flight, so that shutdown lets them finish before it closes the database under them.
  const inFlight = new Set<Promise<unknown>>()
  const timers = BACKGROUND_JOBS.map((job) => {
    // A run still going when the next is due (a long solve, a slow database) is not joined by another.
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      const run = jobs
        .track(job.name, () => job.run(ctx))
        .then((result) => {
          // What it did, so that operators (and the several-instances test) can add it up across instances.
          const acted =
            typeof result === 'number' ? result : Array.isArray(result) ? result.length : undefined
          app.log[acted ? 'info' : 'debug']({ job: job.name, acted }, 'background job ran')
        })
        .catch((err) => app.log.error({ err, job: job.name }, 'background job failed'))
        .finally(() => {
          running = false
          inFlight.delete(run)
        })
      inFlight.add(run)
    }, everyMs(job))
    timer.unref()
    return timer
  })

  let closeControl: (() => Promise<void>) | null = null
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    // A request that never finishes must not keep the process (and the data directory lock) forever.
    const force = setTimeout(() => fail('shutdown timed out after 15 s'), 15_000)
    force.unref()
    for (const timer of timers) clearInterval(timer)
    await closeControl?.()
    // close() drops the connections idle at that moment, once. A keep-alive connection whose request was in
    // flight becomes idle only when its response ends, and browsers and proxies keep it open, so close()
    // would wait until the forced exit above: drop such connections as they fall idle.
    const dropIdle = setInterval(() => app.server.closeIdleConnections(), 50)
    try {
      await app.close().finally(() => clearInterval(dropIdle))
      await Promise.allSettled(inFlight)
      await database.close()
      await unlock?.()
    } finally {
      clearTimeout(force)
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await app.listen({ port: config.port, host: config.host })
  // Embedded: how `npm run backup` reaches the database this process holds (modules/operations/control.ts).
  if (database.engine === 'pglite') {
    closeControl = await startControlSocket(ctx, app.log).catch((err) => {
      app.log.error({ err }, 'control socket not started: npm run backup cannot reach this server')
      return null
    })
  }
  // The port actually bound: PORT=0 asks the system for a free one.
  const { port } = app.server.address() as AddressInfo
  console.log(`tongxin: serving http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`)
}
