import { ConfigError, loadConfig } from './config.ts'
import { parseOpsArgs, USAGE } from './modules/operations/cli-args.ts'

/** The operator's commands; the same environment as the server (DATABASE_URL, TONGXIN_DATA_DIR, …). */
async function main(argv: string[]) {
  // npm runs workspace scripts inside server/; relative paths mean the directory the user ran npm from.
  const cwd = process.env.INIT_CWD || process.cwd()
  const args = parseOpsArgs(argv, cwd)
  if (!args) {
    console.error(USAGE)
    return 2
  }
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
    if (args.command === 'backup') {
      const { info, via } = await ops.backupCommand(config, { out: args.out })
      const mb = (info.fileBytes / 1e6).toFixed(1)
      console.log(
        `tongxin: backup written to ${info.file} (${mb} MB, schema ${info.header.migrations.at(-1)}, via ${via}; verified) in ${took()}`,
      )
      return 0
    }
    const { file } = args
    if (args.command === 'verify') {
      const info = await ops.verifyBackup(file, config.ops.pgBin)
      const { header } = info
      console.log(
        `tongxin: ${file} is whole and opens: ${header.engine}, taken ${header.createdAt}, schema ${header.migrations.at(-1)}, ` +
          `${(info.fileBytes / 1e6).toFixed(1)} MB${header.secret ? ', carries the embedded secret' : ''} (${took()})`,
      )
      return 0
    }
    const { info, notes } = await ops.restoreCommand(config, file, { force: args.force })
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
