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
  const { serve } = await import('./serve.ts')
  await serve(config)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
