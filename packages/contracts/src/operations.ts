import Type, { type Static } from 'typebox'

const Engine = Type.Union([Type.Literal('pglite'), Type.Literal('postgres')])
const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

export const BackupRunView = Type.Object({
  kind: Type.Union([Type.Literal('scheduled'), Type.Literal('manual')]),
  ok: Type.Boolean(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.String({ format: 'date-time' }),
  file: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Union([Type.Integer(), Type.Null()]),
  schemaVersion: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
})
export type BackupRunView = Static<typeof BackupRunView>

/** What an admin sees of backups and retention (GET /api/ops/status). */
export const OpsStatus = Type.Object({
  engine: Engine,
  schema: Type.String(),
  backups: Type.Object({
    /** Embedded: hours between scheduled backups (0 = none); PostgreSQL: null (the operator's own schedule). */
    everyHours: Type.Union([Type.Integer(), Type.Null()]),
    keep: Type.Integer(),
    dir: Type.String(),
    lastSuccessAt: When,
    lastFailureAt: When,
    lastError: Type.Union([Type.String(), Type.Null()]),
    recent: Type.Array(BackupRunView),
  }),
  retention: Type.Object({
    auditMonths: Type.Integer(),
    importUncommittedHours: Type.Integer(),
    importCommittedDays: Type.Integer(),
    notificationsReadDays: Type.Integer(),
    deliveriesDays: Type.Integer(),
    wasteMissDays: Type.Integer(),
    sessionIdleMinutes: Type.Integer(),
    sessionMaxHours: Type.Integer(),
  }),
  metricsEnabled: Type.Boolean(),
})
export type OpsStatus = Static<typeof OpsStatus>

export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
    jobs: Type.Union([Type.Literal('ok'), Type.Literal('stuck')]),
  }),
})
export type Readiness = Static<typeof Readiness>

/** A period of Shanghai calendar days, both ends included. */
export const AuditExportQuery = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
)
export type AuditExportQuery = Static<typeof AuditExportQuery>
