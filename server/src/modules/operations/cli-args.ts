import path from 'node:path'

export const USAGE = `usage:
  npm run backup [-- --out FILE|DIR]     back up the database (embedded: also while the server runs)
  npm run restore -- FILE [--force]      restore a backup (embedded: with the server stopped)
  npm run backup:verify -- FILE          check a backup is whole and opens; print what it holds`

export type OpsArgs =
  | { command: 'backup'; out: string | undefined }
  | { command: 'restore'; file: string; force: boolean }
  | { command: 'verify'; file: string }

/** Relative to where npm was run; a trailing slash (which path.resolve drops) still says "a directory". */
function resolve(cwd: string, p: string) {
  const r = path.resolve(cwd, p)
  return /[\\/]$/.test(p) && !r.endsWith(path.sep) ? `${r}${path.sep}` : r
}

/** The command line of `npm run backup|restore|backup:verify`, or null when it is not one (print USAGE). */
export function parseOpsArgs(argv: string[], cwd: string): OpsArgs | null {
  const [command, ...rest] = argv
  const outAt = rest.indexOf('--out')
  const out = outAt >= 0 ? rest[outAt + 1] : undefined
  if (outAt >= 0 && (!out || out.startsWith('--'))) return null
  const flags = rest.filter((a, i) => a.startsWith('--') && i !== outAt)
  const positional = rest.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1))
  if (command === 'backup') {
    if (flags.length > 0 || positional.length > 0) return null
    return { command, out: out === undefined ? undefined : resolve(cwd, out) }
  }
  if ((command !== 'restore' && command !== 'verify') || outAt >= 0 || positional.length !== 1) return null
  const file = resolve(cwd, positional[0]!)
  if (command === 'verify') return flags.length === 0 ? { command, file } : null
  if (flags.some((f) => f !== '--force')) return null
  return { command, file, force: flags.includes('--force') }
}
