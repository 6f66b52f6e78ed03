import type { ImportChange, ImportJob, ImportKind } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { type Locale, localeFromHeader } from '../../lib/messages.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { noticeImportFinished } from '../notifications/flows.people.ts'
import { assertIdChecksOpen, recordIdConflicts } from '../registry/id-conflicts.ts'
import { checkBuildings } from './buildings.kind.ts'
import type { CheckEnv, ImportScope, KindOutcome, RowError } from './check.ts'
import { checkMembers } from './members.kind.ts'
import { checkOrgs } from './orgs.kind.ts'
import type { SheetRow } from './parse.ts'
import { readUpload } from './read-upload.ts'
import { renderReason } from './reasons.ts'
import { findJob, insertJob, type JobRecord, jobRows, updateJob } from './repository.ts'
import { decodeRows } from './stored-rows.ts'
import { checkUnits } from './units.kind.ts'

const CHECKERS: Record<ImportKind, (env: CheckEnv, rows: SheetRow[]) => Promise<KindOutcome>> = {
  buildings: checkBuildings,
  units: checkUnits,
  party_orgs: checkOrgs,
  members: checkMembers,
}

const MAX_STORED_ERRORS = 1_000
const MAX_STORED_CHANGES = 500
/**
 * Files up to this many rows are committed within the request (200 with the result) and larger ones in the
 * background (202; the client polls GET /api/imports/:id for processedRows). Exported for tests.
 */
export const commitOptions = { syncMaxRows: 2_000 }

/** Commits running on this instance and how far they are. Progress lives here, not in the database: on the
 * embedded engine the commit's transaction holds the only session, so nothing else could write it there. */
const running = new Map<number, { processed: number }>()

/**
 * The rows of the latest dry runs on this instance, so a commit soon after need not decode them again. Keyed
 * by job; a miss — another instance, a restart, an old job — decodes the rows the job stored.
 */
const parsed = new Map<number, { sha256: string; rows: SheetRow[]; at: number }>()
const PARSED_KEEP = 2
const PARSED_TTL_MS = 30 * 60_000

/** Forgets the rows kept in memory, as a restart or another instance would (for tests). */
export function forgetParsedRows() {
  parsed.clear()
}

function rememberRows(id: number, sha256: string, rows: SheetRow[]) {
  parsed.set(id, { sha256, rows, at: Date.now() })
  for (const [key, entry] of parsed)
    if (parsed.size > PARSED_KEEP || Date.now() - entry.at > PARSED_TTL_MS) parsed.delete(key)
}

async function rowsOf(db: Kysely<DB>, job: JobRecord): Promise<SheetRow[]> {
  const hit = parsed.get(job.id)
  parsed.delete(job.id)
  if (hit && hit.sha256 === job.file_sha256 && Date.now() - hit.at <= PARSED_TTL_MS) return hit.rows
  const stored = await jobRows(db, job.id)
  // A job from before rows were stored (migration 0019), or whose rows were purged: the file must come again.
  if (!stored) throw new AppError('import_expired')
  return decodeRows(stored)
}

const STATUS_TEXT = {
  checked: { 'zh-CN': '已检查', 'en-US': 'checked' },
  rejected: { 'zh-CN': '有错误', 'en-US': 'rejected' },
  committing: { 'zh-CN': '提交中', 'en-US': 'being committed' },
  committed: { 'zh-CN': '已提交', 'en-US': 'committed' },
  failed: { 'zh-CN': '失败', 'en-US': 'failed' },
} as const
type Status = keyof typeof STATUS_TEXT

/** The caller's import scope: the whole city, or the areas of their registry.import grants. */
export async function importScope(db: Kysely<DB>, request: FastifyRequest): Promise<ImportScope> {
  const grants = request.grantsFor('registry.import')
  if (grants.some((g) => g.scope_type === 'city')) return { all: true, paths: [] }
  const codes = grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!)
  if (codes.length === 0) return { all: false, paths: [] }
  const rows = await db.selectFrom('area').select('path').where('code', 'in', codes).execute()
  return { all: false, paths: rows.map((r) => r.path) }
}

const ACTION_ORDER = { changed: 0, new: 1, unchanged: 2 } as const

/** What the job keeps of an outcome: counts, the first errors, and a sample of the diff. */
function summarise(outcome: KindOutcome) {
  const errors = [...outcome.errors].sort((a, b) => a.row - b.row)
  const warnings = [...(outcome.warnings ?? [])].sort((a, b) => a.row - b.row)
  const count = (action: ImportChange['action']) => outcome.changes.filter((c) => c.action === action).length
  const changes = [...outcome.changes]
    .sort((a, b) => ACTION_ORDER[a.action] - ACTION_ORDER[b.action] || a.row - b.row)
    .slice(0, MAX_STORED_CHANGES)
  return {
    errors: JSON.stringify(errors.slice(0, MAX_STORED_ERRORS)),
    error_count: errors.length,
    warnings: JSON.stringify(warnings.slice(0, MAX_STORED_ERRORS)),
    warning_count: warnings.length,
    diff_new: count('new'),
    diff_changed: count('changed'),
    diff_unchanged: count('unchanged'),
    changes: JSON.stringify(changes),
  }
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T

export function toJob(r: JobRecord, locale: Locale): ImportJob {
  const live = running.get(r.id)
  const status = (live && r.status === 'checked' ? 'committing' : r.status) as Status
  return {
    id: r.id,
    kind: r.kind as ImportKind,
    fileName: r.file_name,
    status,
    totalRows: r.total_rows,
    processedRows: live ? Math.min(live.processed, r.total_rows) : status === 'failed' ? 0 : r.total_rows,
    diff: { new: r.diff_new, changed: r.diff_changed, unchanged: r.diff_unchanged },
    errors: parseJson<RowError[]>(r.errors).map((e) => ({
      row: e.row,
      column: e.column,
      reason: renderReason(e.reason, locale),
    })),
    warnings: parseJson<RowError[]>(r.warnings).map((e) => ({
      row: e.row,
      column: e.column,
      reason: renderReason(e.reason, locale),
    })),
    warningCount: r.warning_count,
    changes: parseJson<ImportChange[]>(r.changes),
    createdAt: r.created_at.toISOString(),
    committedAt: r.committed_at ? r.committed_at.toISOString() : null,
  }
}

const localeOf = (request: FastifyRequest) => localeFromHeader(request.headers['accept-language'])

/** The dry run: read, check every row, diff against the database, keep the rows, the file's hash and the result. */
export async function dryRun(
  ctx: AppContext,
  request: FastifyRequest,
  kind: ImportKind,
  file: Buffer,
  fileName: string,
): Promise<ImportJob> {
  const principal = requirePrincipal(request)
  const { rows, stored, sha256 } = await readUpload(file, kind, fileName)
  const scope = await importScope(ctx.db, request)
  if (kind === 'members') await assertIdChecksOpen(ctx.db, request)
  const outcome = await CHECKERS[kind]({ db: ctx.db, secret: ctx.secret, scope }, rows)
  await recordIdConflicts(ctx.db, request, outcome.idConflicts ?? [], 'import.dry_run')
  const summary = summarise(outcome)
  const id = await insertJob(ctx.db, {
    kind,
    file_name: fileName,
    // A rejected job cannot be committed: its rows are of no use.
    stored_rows: summary.error_count > 0 ? null : stored,
    file_sha256: sha256,
    status: summary.error_count > 0 ? 'rejected' : 'checked',
    total_rows: rows.length,
    ...summary,
    account_id: principal.accountId,
    created_at: ctx.clock.now(),
  })
  if (summary.error_count === 0) rememberRows(id, sha256, rows)
  return getJob(ctx, request, id)
}

/** A job is its creator's, and visible to city admins; to anyone else it does not exist. */
async function ownJob(db: Kysely<DB>, request: FastifyRequest, id: number, forUpdate = false) {
  const principal = requirePrincipal(request)
  const job = await findJob(db, id, forUpdate)
  const isAdmin = principal.grants.some((g) => g.role === 'admin')
  if (!job || (job.account_id !== principal.accountId && !isAdmin)) throw new AppError('not_found')
  return job
}

export async function getJob(ctx: AppContext, request: FastifyRequest, id: number): Promise<ImportJob> {
  return toJob(await ownJob(ctx.db, request, id), localeOf(request))
}

const notCheckable = (status: string) =>
  new AppError('import_not_checked', { status: STATUS_TEXT[status as Status] ?? status })

/** Thrown inside the commit's transaction to roll it back when rows no longer pass. */
class StaleImport extends Error {
  constructor(readonly outcome: KindOutcome) {
    super('stale import')
  }
}

/**
 * The first transaction id not yet completed. Unchanged between two readings means no transaction committed
 * (or rolled back) in between, so the database reads the same: what was checked before still holds.
 */
async function completedMark(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ mark: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS mark`.execute(
    db,
  )
  return r.rows[0]!.mark
}

/**
 * Applies a checked job, all rows or none. The rows are checked again against the database as it is now —
 * first outside any transaction, so on the embedded database (one session, held by a transaction until it
 * ends) other requests go on between the check's queries and its rows. Then one transaction locks the job
 * row (a second commit waits, then finds it committed) and, if anything at all was committed since the check
 * began, checks again inside it (exactly as before); only if every row still passes are the rows written,
 * with their history, the job's new status and one audit row. Readers never see part of an import.
 */
async function runCommit(ctx: AppContext, request: FastifyRequest, id: number, scope: ImportScope) {
  const progress = running.get(id) ?? { processed: 0 }
  const accountId = requirePrincipal(request).accountId
  try {
    const first = await findJob(ctx.db, id)
    if (first?.status !== 'checked') throw notCheckable(first?.status ?? 'failed')
    const kind = first.kind as ImportKind
    const check = (db: Kysely<DB>, rows: SheetRow[]) =>
      CHECKERS[kind]({ db, secret: ctx.secret, scope }, rows)
    const mark = await completedMark(ctx.db)
    const rows = await rowsOf(ctx.db, first)
    let outcome = await check(ctx.db, rows)
    if (outcome.errors.length > 0) throw new StaleImport(outcome)
    await ctx.db.transaction().execute(async (trx) => {
      // Read before the row lock below, which is itself a write.
      const untouched = (await completedMark(trx)) === mark
      const job = await findJob(trx, id, true)
      if (job?.status !== 'checked') throw notCheckable(job?.status ?? 'failed')
      if (!untouched) {
        outcome = await check(trx, rows)
        if (outcome.errors.length > 0) throw new StaleImport(outcome)
      }
      const now = ctx.clock.now()
      await outcome.apply(trx, {
        accountId,
        now,
        progress: (n) => {
          progress.processed += n
        },
      })
      const summary = summarise(outcome)
      await updateJob(trx, id, { ...summary, status: 'committed', committed_at: now, stored_rows: null })
      await noticeImportFinished(
        ctx,
        trx,
        { id, fileName: job.file_name, accountId, status: 'committed' },
        now,
      )
      await writeAudit(trx, request, {
        action: 'import.commit',
        entity: 'import_job',
        ids: [id],
        detail: {
          kind,
          fileName: job.file_name,
          sha256: job.file_sha256,
          rows: rows.length,
          new: summary.diff_new,
          changed: summary.diff_changed,
          unchanged: summary.diff_unchanged,
          rechecked: !untouched,
        },
      })
    })
  } catch (err) {
    if (err instanceof StaleImport) {
      const summary = summarise(err.outcome)
      await updateJob(ctx.db, id, { ...summary, status: 'rejected', stored_rows: null })
      await recordIdConflicts(ctx.db, request, err.outcome.idConflicts ?? [], 'import.commit')
      const errors = [...err.outcome.errors].sort((a, b) => a.row - b.row).slice(0, 50)
      throw new AppError(
        'import_stale',
        { count: new Set(err.outcome.errors.map((e) => e.row)).size },
        { errors: errors.map((e) => ({ ...e, reason: renderReason(e.reason, localeOf(request)) })) },
      )
    }
    if (err instanceof AppError && ['import_not_checked', 'import_expired'].includes(err.code)) throw err
    // Nothing was written (the transaction rolled back); the job records why, and a new upload is needed.
    const why =
      err instanceof AppError
        ? { code: err.code, params: err.params }
        : { code: 'internal', params: { requestId: String(request.id) } }
    await updateJob(ctx.db, id, {
      status: 'failed',
      errors: JSON.stringify([{ row: 0, column: '', reason: why }]),
      error_count: 1,
      stored_rows: null,
    })
    await noticeImportFinished(ctx, ctx.db, { id, accountId, status: 'failed' }, ctx.clock.now())
    throw err
  }
}

export async function commitJob(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
): Promise<{ job: ImportJob; background: boolean }> {
  const job = await ownJob(ctx.db, request, id)
  if (running.has(id)) throw notCheckable('committing')
  if (job.status !== 'checked') throw notCheckable(job.status)
  if (job.kind === 'members') await assertIdChecksOpen(ctx.db, request)
  const scope = await importScope(ctx.db, request)
  running.set(id, { processed: 0 })
  if (job.total_rows <= commitOptions.syncMaxRows) {
    try {
      await runCommit(ctx, request, id, scope)
    } finally {
      running.delete(id)
    }
    return { job: await getJob(ctx, request, id), background: false }
  }
  runCommit(ctx, request, id, scope)
    .catch((err) => request.log.warn({ err, job: id }, 'background import commit failed'))
    .finally(() => running.delete(id))
  return { job: toJob(job, localeOf(request)), background: true }
}
