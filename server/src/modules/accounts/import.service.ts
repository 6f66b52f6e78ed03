import {
  ACCOUNT_IMPORT_MAX_ROWS,
  type AccountImportJob,
  type AccountImportResult,
  type Role,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { type Locale, localeFromHeader } from '../../lib/messages.ts'
import { resolveScope } from '../../lib/scope.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { hashPassword } from '../auth/password.ts'
import { grantRef } from '../auth/service.ts'
import { readUpload } from '../imports/read-upload.ts'
import { renderReason } from '../imports/reasons.ts'
import { decodeRows } from '../imports/stored-rows.ts'
import { ACCOUNT_SPEC, checkAccountRows, type PlannedAccount, type RowError } from './import.check.ts'
import { generateTemporaryPassword } from './passwords.ts'
import { DAY_MS, NEW_ACCOUNT_PASSWORD_DAYS } from './service.ts'

/** Dry runs nobody committed are of no use after a day; each new upload sweeps them. */
const KEEP_UNCOMMITTED_MS = DAY_MS

type JobRow = {
  id: number
  account_id: number | null
  file_name: string
  status: 'checked' | 'rejected' | 'committed'
  total_rows: number
  errors: unknown
  created_at: Date
  committed_at: Date | null
}

const localeOf = (request: FastifyRequest): Locale => localeFromHeader(request.headers['accept-language'])
const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T

async function preview(ctx: AppContext, planned: PlannedAccount[]) {
  return Promise.all(
    planned.map(async (p) => ({
      row: p.row,
      username: p.username,
      displayName: p.displayName,
      role: p.grant.role,
      scopeName:
        (await resolveScope(ctx.db, grantRef({ scope_type: p.grant.scopeType, scope_id: p.grant.scopeId })))
          ?.name ?? '',
    })),
  )
}

function toJob(r: JobRow, request: FastifyRequest, rows: AccountImportJob['rows']): AccountImportJob {
  const locale = localeOf(request)
  return {
    id: r.id,
    fileName: r.file_name,
    status: r.status,
    totalRows: r.total_rows,
    errors: parseJson<RowError[]>(r.errors).map((e) => ({
      row: e.row,
      column: e.column,
      reason: renderReason(e.reason, locale),
    })),
    rows,
    createdAt: r.created_at.toISOString(),
    committedAt: r.committed_at?.toISOString() ?? null,
  }
}

/**
 * The dry run: the upload is read by the registry imports' worker (zip bounds, heap and time limits), every
 * row is checked, and the rows are kept for the commit. Nothing else is written.
 */
export async function dryRunAccounts(
  ctx: AppContext,
  request: FastifyRequest,
  file: Buffer,
  fileName: string,
) {
  const principal = requirePrincipal(request)
  const read = await readUpload(file, ACCOUNT_SPEC, fileName)
  if (read.rows.length > ACCOUNT_IMPORT_MAX_ROWS) {
    throw new AppError('account_import_too_many', { limit: ACCOUNT_IMPORT_MAX_ROWS, count: read.rows.length })
  }
  const { errors, planned } = await checkAccountRows(ctx, request, read.rows)
  const now = ctx.clock.now()
  await ctx.db
    .deleteFrom('account_import')
    .where('status', '!=', 'committed')
    .where('created_at', '<', new Date(now.getTime() - KEEP_UNCOMMITTED_MS))
    .execute()
  const row = await ctx.db
    .insertInto('account_import')
    .values({
      account_id: principal.accountId,
      file_name: fileName,
      file_sha256: read.sha256,
      rows: errors.length === 0 ? read.stored : null,
      status: errors.length === 0 ? 'checked' : 'rejected',
      total_rows: read.rows.length,
      errors: JSON.stringify(errors.slice(0, 1_000)),
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toJob(row, request, errors.length === 0 ? await preview(ctx, planned) : [])
}

/**
 * Creates every account of a checked import, or none. The rows are checked again first (outside the
 * transaction: the checks read scopes), and each insert is conditional on its username, so a name taken
 * meanwhile rolls the whole file back. The generated passwords are returned once and stored only as hashes.
 */
export async function commitAccounts(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
): Promise<AccountImportResult> {
  const principal = requirePrincipal(request)
  const job = await ctx.db
    .selectFrom('account_import')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', principal.accountId)
    .executeTakeFirst()
  if (!job) throw new AppError('not_found')
  if (job.status !== 'checked' || !job.rows)
    throw new AppError('account_import_not_checked', { status: job.status })
  const { errors, planned } = await checkAccountRows(ctx, request, await decodeRows(job.rows))
  if (errors.length > 0) {
    await ctx.db
      .updateTable('account_import')
      .set({ status: 'rejected', rows: null, errors: JSON.stringify(errors.slice(0, 1_000)) })
      .where('id', '=', id)
      .execute()
    throw new AppError(
      'import_stale',
      { count: new Set(errors.map((e) => e.row)).size },
      {
        errors: errors.slice(0, 50).map((e) => ({ ...e, reason: renderReason(e.reason, localeOf(request)) })),
      },
    )
  }
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + NEW_ACCOUNT_PASSWORD_DAYS * DAY_MS)
  const passwords = planned.map(() => generateTemporaryPassword())
  const hashes: string[] = []
  for (const p of passwords) hashes.push(await hashPassword(p))
  const committed = await ctx.db.transaction().execute(async (trx) => {
    // The job row is locked and must still be checked: a second commit waits, then finds it committed.
    const locked = await trx
      .updateTable('account_import')
      .set({ status: 'committed', rows: null, committed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'checked')
      .returningAll()
      .executeTakeFirst()
    if (!locked) throw new AppError('account_import_not_checked', { status: 'committed' })
    const ids: number[] = []
    for (const [i, p] of planned.entries()) {
      const account = await trx
        .insertInto('account')
        .values({
          username: p.username,
          display_name: p.displayName,
          phone: p.phone,
          password_hash: hashes[i]!,
          must_change_password: true,
          temp_password_expires_at: expiresAt,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!account) throw new AppError('username_taken', { username: p.username })
      ids.push(account.id)
      await trx
        .insertInto('role_grant')
        .values({
          account_id: account.id,
          role: p.grant.role as Role,
          scope_type: p.grant.scopeType,
          scope_id: p.grant.scopeId,
          area_code: p.areaCode,
        })
        .execute()
    }
    await writeAudit(trx, request, {
      action: 'account.import',
      entity: 'account',
      ids,
      detail: { importId: id, fileName: job.file_name, accounts: planned.length },
    })
    return locked
  })
  return {
    job: toJob(committed, request, await preview(ctx, planned)),
    accounts: planned.map((p, i) => ({
      row: p.row,
      username: p.username,
      displayName: p.displayName,
      temporaryPassword: passwords[i]!,
    })),
    expiresAt: expiresAt.toISOString(),
  }
}
