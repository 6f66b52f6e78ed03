import path from 'node:path'
import { loadNotifyConfig, type NotifyConfig } from './modules/notifications/config.ts'

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
  trustProxy: boolean
  /** Notification channels (modules/notifications/config.ts). */
  notify: NotifyConfig
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
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

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: blank(env.HOST) ? '127.0.0.1' : env.HOST!.trim(),
    databaseUrl,
    dataDir: path.resolve(cwd, blank(env.TONGXIN_DATA_DIR) ? 'data' : env.TONGXIN_DATA_DIR!),
    demo,
    adminPassword,
    secret,
    logLevel,
    sessionIdleMinutes: int('TONGXIN_SESSION_IDLE_MINUTES', 120, 1, 7 * 24 * 60),
    sessionMaxHours: int('TONGXIN_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    cookieSecure: secureFlag ?? 'auto',
    trustProxy: flag('TONGXIN_TRUST_PROXY') ?? false,
    notify: loadNotifyConfig(env, problems, int, flag),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
