import path from 'node:path'

/** Backups, metrics and retention, read from the environment with the rest of config.ts. */
export interface OpsConfig {
  /** Where scheduled backups (and `npm run backup` without --out) are written. */
  backupDir: string
  /** Embedded only: hours between scheduled backups; 0 = none. */
  backupEveryHours: number
  /** How many scheduled backups are kept in backupDir (older ones are deleted after a verified new one). */
  backupKeep: number
  /** Directory of pg_dump / pg_restore / psql; null = the newest /usr/lib/postgresql/N/bin, else PATH. */
  pgBin: string | null
  /** Bearer token of GET /api/metrics; null = the endpoint is off (404). */
  metricsToken: string | null
  /** Readiness fails when a job has not succeeded for this many of its intervals. */
  readyJobFactor: number
  retention: RetentionConfig
}

export interface RetentionConfig {
  /** Calendar months in Shanghai time; at least 6 (the usual rule for government systems' logs). */
  auditMonths: number
  /** Dry runs and failed import jobs not committed within this are deleted with their rows. */
  importUncommittedHours: number
  /** Committed import jobs (counts, errors, a sample of the diff) are deleted after this. */
  importCommittedDays: number
  /** Waste-lookup misses not seen again for this long are deleted. */
  wasteMissDays: number
  /** Finished backup runs listed to admins. */
  backupRunsKept: number
}

export const AUDIT_MIN_MONTHS = 6

type Int = (name: string, fallback: number, min: number, max: number) => number

/** Parses the TONGXIN_BACKUP_* / TONGXIN_METRICS_* / TONGXIN_RETAIN_* variables into the caller's problems. */
export function loadOpsConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  int: Int,
  cwd: string,
  dataDir: string,
): OpsConfig {
  const text = (name: string) => {
    const v = env[name]
    return v === undefined || v.trim() === '' ? null : v.trim()
  }
  const metricsToken = text('TONGXIN_METRICS_TOKEN')
  if (metricsToken !== null && (metricsToken.length < 32 || /\s/.test(metricsToken))) {
    problems.push(
      'TONGXIN_METRICS_TOKEN must be at least 32 characters without spaces (e.g. openssl rand -hex 24)',
    )
  }
  const auditRaw = text('TONGXIN_RETAIN_AUDIT_MONTHS')
  let auditMonths = 12
  if (auditRaw !== null) {
    const n = Number(auditRaw)
    if (Number.isInteger(n) && n >= 0 && n < AUDIT_MIN_MONTHS) {
      problems.push(
        `TONGXIN_RETAIN_AUDIT_MONTHS must be at least ${AUDIT_MIN_MONTHS}: audit logs are kept for six months or longer (got "${auditRaw}")`,
      )
    } else auditMonths = int('TONGXIN_RETAIN_AUDIT_MONTHS', 12, AUDIT_MIN_MONTHS, 1200)
  }
  const backupDir = text('TONGXIN_BACKUP_DIR')
  const pgBin = text('TONGXIN_PG_BIN')
  return {
    backupDir: backupDir ? path.resolve(cwd, backupDir) : path.join(dataDir, 'backups'),
    backupEveryHours: int('TONGXIN_BACKUP_EVERY_HOURS', 24, 0, 24 * 31),
    backupKeep: int('TONGXIN_BACKUP_KEEP', 7, 1, 1000),
    pgBin: pgBin ? path.resolve(cwd, pgBin) : null,
    metricsToken,
    readyJobFactor: int('TONGXIN_READY_JOB_FACTOR', 3, 2, 100),
    retention: {
      auditMonths,
      importUncommittedHours: int('TONGXIN_RETAIN_IMPORT_UNCOMMITTED_HOURS', 24, 1, 24 * 30),
      importCommittedDays: int('TONGXIN_RETAIN_IMPORT_COMMITTED_DAYS', 90, 1, 3650),
      wasteMissDays: int('TONGXIN_RETAIN_WASTE_MISS_DAYS', 365, 7, 3650),
      backupRunsKept: 100,
    },
  }
}
