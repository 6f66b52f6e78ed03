import { ConfigError, loadConfig } from './config.ts'

// Only the configuration module is loaded before the configuration is checked, so a mistake in it is
// reported in a fraction of a second rather than after the whole app has been imported.
async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    // npm runs workspace scripts inside server/; relative paths mean the directory the user ran npm from.
    config = loadConfig(process.env, process.env.INIT_CWD ?? process.cwd())
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`tongxin: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  // The embedded database's lock comes before the app is loaded too: a second process is told at once, and
  // a restart right after a crash starts waiting for the abandoned lock without first loading everything.
  let unlock: (() => Promise<void>) | null = null
  if (!config.databaseUrl) {
    const { DataDirLockedError, lockDataDir } = await import('./db/lock.ts')
    try {
      unlock = await lockDataDir(config.dataDir, {
        waitMs: config.lockWaitSeconds * 1000,
        say: (line) => console.log(line),
      })
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        console.error(`tongxin: ${err.message}`)
        process.exit(1)
      }
      throw err
    }
  }
  const { serve } = await import('./serve.ts')
  await serve(config, unlock)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
