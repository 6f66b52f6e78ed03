import { ConfigError, loadConfig } from './config.ts'

const USAGE = `usage:
  npm run backup [-- --out FILE|DIR]     back up the database (embedded: also while the server runs)
  npm run restore -- FILE [--force]      restore a backup (embedded: with the server stopped)
  npm run backup:verify -- FILE          check a backup is whole and opens; print what it holds`

/** The operator's commands; the same environment as the server (DATABASE_URL, TONGXIN_DATA_DIR, …). */
async function main(argv: string[]) {
  const [command, ...rest] = argv
  const flags = new Set(rest.filter((a) => a.startsWith('--') && a !== '--out'))
  const outAt = rest.indexOf('--out')
  const out = outAt >= 0 ? rest[outAt + 1] : undefined
  const positional = rest.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1))
  const unknown = [...flags].filter((f) => f !== '--force')
  if (
    !command ||
    unknown.length > 0 ||
    (outAt >= 0 && !out) ||
    !['backup', 'restore', 'verify'].includes(command)
  ) {
    console.error(USAGE)
    return 2
  }
  // npm runs workspace scripts inside server/; relative paths mean the directory the user ran npm from.
  const cwd = process.env.INIT_CWD || process.cwd()
  const resolve = async (p: string) => (await import('node:path')).resolve(cwd, p)
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(process.env, cwd)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`tongxin: ${err.message}`)
      return 1
    }
    throw err
  }
  const ops = await import('./modules/operations/commands.ts')
  const { OpsError } = await import('./modules/operations/backup-file.ts')
  try {
    const began = performance.now()
    const took = () => `${((performance.now() - began) / 1000).toFixed(1)} s`
    if (command === 'backup') {
      if (positional.length > 0) throw new OpsError('usage', USAGE)
      const { info, via } = await ops.backupCommand(config, { out: out ? await resolve(out) : undefined })
      const mb = (info.fileBytes / 1e6).toFixed(1)
      console.log(
        `tongxin: backup written to ${info.file} (${mb} MB, schema ${info.header.migrations.at(-1)}, via ${via}; verified) in ${took()}`,
      )
      return 0
    }
    if (positional.length !== 1) throw new OpsError('usage', USAGE)
    const file = await resolve(positional[0]!)
    if (command === 'verify') {
      const info = await ops.verifyBackup(file, config.ops.pgBin)
      const { header } = info
      console.log(
        `tongxin: ${file} is whole and opens: ${header.engine}, taken ${header.createdAt}, schema ${header.migrations.at(-1)}, ` +
          `${(info.fileBytes / 1e6).toFixed(1)} MB${header.secret ? ', carries the embedded secret' : ''} (${took()})`,
      )
      return 0
    }
    const { info, notes } = await ops.restoreCommand(config, file, { force: flags.has('--force') })
    console.log(
      `tongxin: restored ${file} (schema ${info.header.migrations.at(-1)}, taken ${info.header.createdAt}) in ${took()}; ` +
        'the next start applies any newer migrations.',
    )
    for (const note of notes) console.log(`tongxin: ${note}`)
    return 0
  } catch (err) {
    if (err instanceof OpsError) {
      console.error(`tongxin: ${err.message}`)
      return 1
    }
    throw err
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
