import { isIP } from 'node:net'
import path from 'node:path'
import { loadNotifyConfig, type NotifyConfig } from './modules/notifications/config.ts'
import { loadOpsConfig, type OpsConfig } from './modules/operations/config.ts'
import { type ListenConfig, loadListenConfig } from './modules/surveys/config.ts'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  port: number
  host: string
  databaseUrl: string | null
  dataDir: string
  demo: boolean
  adminPassword: string | null
  /** null when embedded and not given: main.ts then reads or creates `<dataDir>/secret`. */
  secret: string | null
  logLevel: LogLevel
  sessionIdleMinutes: number
  sessionMaxHours: number
  /** Whether the session cookie carries `Secure`; `auto` means: when the request came over https. */
  cookieSecure: 'auto' | boolean
  /**
   * Whose `X-Forwarded-*` to believe: `false` nobody's; a number n: the n proxies in front of the app (the client
   * is the n-th address from the right of `X-Forwarded-For`); a list: only peers at these addresses/networks.
   */
  trustProxy: TrustProxy
  /** Embedded: how long a start waits for a data-directory lock whose holder is not known to run. */
  lockWaitSeconds: number
  /** Tests: run every background job at this interval instead of its own (null: each its own). */
  jobIntervalMs: number | null
  /** Months a census part stays verified (clear) after a visit checked it; then it is stale. */
  censusFreshMonths: number
  /** Notification channels (modules/notifications/config.ts). */
  notify: NotifyConfig
  /** Backups, metrics, readiness and retention (modules/operations/config.ts). */
  ops: OpsConfig
  /** 扫码听红音: audio size limit and play counting (modules/surveys/config.ts). */
  listen: ListenConfig
}

export type TrustProxy = false | number | string[]

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

// Names @fastify/proxy-addr expands to the loopback, link-local and unique-local ranges.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal']

function isAddressOrNetwork(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  return Number(prefix) <= (family === 4 ? 32 : 128)
}

const TRUST_PROXY_USAGE =
  'TONGXIN_TRUST_PROXY must be 0, a number of proxies (1 for one load balancer) or a comma-separated list of ' +
  'proxy addresses/networks such as 10.0.0.0/8,192.168.1.1'

function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim() ?? ''
  if (value === '' || value === '0' || value === 'false') return false
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    if (hops <= 10) return hops
    problems.push(`${TRUST_PROXY_USAGE} (got "${raw}": more than 10 proxies)`)
    return false
  }
  // "true" used to mean "believe any X-Forwarded-For", which lets a client choose its own address.
  if (!/[./:]/.test(value) && !PROXY_RANGE_NAMES.includes(value)) {
    problems.push(`${TRUST_PROXY_USAGE} (got "${raw}")`)
    return false
  }
  const entries = value.split(',').map((e) => e.trim())
  const bad = entries.find((e) => !isAddressOrNetwork(e))
  if (bad !== undefined) {
    problems.push(`${TRUST_PROXY_USAGE}; "${bad}" is not an IP address or network`)
    return false
  }
  return entries
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** Reads the environment once; every problem is reported together so an operator fixes them in one go. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = []
  const blank = (v: string | undefined) => v === undefined || v.trim() === ''

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]
    if (blank(raw)) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`)
      return fallback
    }
    return n
  }
  const flag = (name: string): boolean | null => {
    const raw = env[name]
    if (blank(raw)) return null
    if (raw === '1' || raw === 'true') return true
    if (raw === '0' || raw === 'false') return false
    problems.push(`${name} must be 1 or 0 (got "${raw}")`)
    return null
  }

  const databaseUrl = blank(env.DATABASE_URL) ? null : env.DATABASE_URL!.trim()
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  }

  const demoFlag = flag('TONGXIN_DEMO')
  const demo = demoFlag ?? databaseUrl === null

  const secret = blank(env.TONGXIN_SECRET) ? null : env.TONGXIN_SECRET!
  if (secret !== null && secret.length < 32) problems.push('TONGXIN_SECRET must be at least 32 characters')
  if (secret === null && databaseUrl !== null) {
    problems.push('TONGXIN_SECRET is required with DATABASE_URL (every app instance must share it)')
  }

  const adminPassword = blank(env.TONGXIN_ADMIN_PASSWORD) ? null : env.TONGXIN_ADMIN_PASSWORD!
  if (adminPassword !== null && adminPassword.length < 10) {
    problems.push('TONGXIN_ADMIN_PASSWORD must be at least 10 characters')
  }

  const logLevel = (blank(env.LOG_LEVEL) ? 'info' : env.LOG_LEVEL!) as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)

  const secureFlag = env.TONGXIN_COOKIE_SECURE === 'auto' ? null : flag('TONGXIN_COOKIE_SECURE')

  const dataDir = path.resolve(cwd, blank(env.TONGXIN_DATA_DIR) ? 'data' : env.TONGXIN_DATA_DIR!)
  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: blank(env.HOST) ? '127.0.0.1' : env.HOST!.trim(),
    databaseUrl,
    dataDir,
    demo,
    adminPassword,
    secret,
    logLevel,
    sessionIdleMinutes: int('TONGXIN_SESSION_IDLE_MINUTES', 120, 1, 7 * 24 * 60),
    sessionMaxHours: int('TONGXIN_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    cookieSecure: secureFlag ?? 'auto',
    trustProxy: parseTrustProxy(env.TONGXIN_TRUST_PROXY, problems),
    lockWaitSeconds: int('TONGXIN_LOCK_WAIT_SECONDS', 60, 0, 3600),
    jobIntervalMs: blank(env.TONGXIN_JOB_INTERVAL_MS)
      ? null
      : int('TONGXIN_JOB_INTERVAL_MS', 0, 100, 86_400_000),
    censusFreshMonths: int('TONGXIN_CENSUS_FRESH_MONTHS', 6, 1, 36),
    notify: loadNotifyConfig(env, problems, int, flag),
    ops: loadOpsConfig(env, problems, int, cwd, dataDir),
    listen: loadListenConfig(int),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
