import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { statusesOf } from '../lib/error-catalog.ts'
import { AppError, type ErrorCode, formatMessage } from '../lib/errors.ts'
import { fieldsSummary, issuesFromAjv, renderFields } from '../lib/field-errors.ts'
import { type coreMessages, localeFromHeader } from '../lib/messages.ts'
import { MODULE_ERRORS } from '../lib/module-errors.ts'

/** The one place where error codes become HTTP statuses. */
const CORE_STATUS: Record<keyof typeof coreMessages, number> = {
  validation_failed: 400,
  invalid_json: 400,
  bad_request: 400,
  nul_character: 400,
  invalid_value: 400,
  invalid_cursor: 400,
  invalid_grant: 400,
  unknown_area: 400,
  unknown_scope: 400,
  wrong_password: 400,
  invalid_uscc: 400,
  invalid_id_number: 400,
  id_birth_mismatch: 400,
  invalid_phone: 400,
  floor_above_building: 400,
  invalid_floors: 400,
  invalid_dates: 400,
  cyclic_parent: 400,
  unknown_ref: 400,
  chief_one_of: 400,
  unit_area_required: 400,
  area_level: 400,
  already_exists: 409,
  unknown_category: 400,
  need_place_required: 400,
  not_newly_settled: 403,
  not_eligible: 403,
  over_capacity: 409,
  already_claimed: 409,
  already_yours: 409,
  attachment_not_image: 415,
  attachment_limit: 409,
  illegal_transition: 409,
  not_requester: 403,
  reopen_window_passed: 409,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  account_disabled: 403,
  csrf_failed: 403,
  forbidden: 403,
  forbidden_scope: 403,
  not_found: 404,
  route_not_found: 404,
  version_conflict: 409,
  username_taken: 409,
  duplicate: 409,
  concurrent_write: 409,
  park_not_empty: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  login_locked: 429,
  password_attempts_locked: 429,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  import_not_excel: 400,
  import_wrong_sheet: 400,
  import_wrong_headers: 400,
  import_merged_cells: 400,
  import_too_many_rows: 400,
  import_empty: 400,
  import_too_many_parts: 400,
  import_part_too_large: 400,
  import_unpacked_too_large: 400,
  import_part_size_mismatch: 400,
  import_too_many_strings: 400,
  import_too_complex: 400,
  import_not_checked: 409,
  import_stale: 409,
  import_expired: 409,
}

const STATUS: Record<ErrorCode, number> = { ...CORE_STATUS, ...statusesOf(MODULE_ERRORS) }

export const statusOf = (code: ErrorCode) => STATUS[code]

/**
 * PostgreSQL refusing a value the request carried: class 22 (data exception: out of range, invalid text
 * representation, bad encoding, invalid date…) and 54000 (a value too long for an index row). Validation
 * should have caught it; the client still gets a 400, and the SQL message (which quotes the value) stays in
 * the server.
 */
const isDataException = (pgCode: string) => /^22[0-9A-Z]{3}$/.test(pgCode) || pgCode === '54000'

/**
 * The database could not be reached or dropped the connection: refused, reset, timed out or unresolvable at the
 * socket; PostgreSQL's class 08 (connection exception), 57P01–57P03 (shut down, cannot connect now) and 53300
 * (too many connections); the pool's own connect timeout. The request did nothing, so it is a 503 that a
 * balancer and a client may retry, not an "internal" 500.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])
function isDatabaseUnreachable(error: { code?: string; message?: string }): boolean {
  const code = error.code ?? ''
  if (SOCKET_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300')
    return true
  if (error instanceof AggregateError) return error.errors.some((e) => isDatabaseUnreachable(e))
  return /^(Connection terminated|timeout exceeded when trying to connect)/.test(error.message ?? '')
}

/** Turns anything thrown into an AppError; what is not ours becomes `internal` and is logged, not shown. */
function toAppError(error: FastifyError & { validationContext?: string }): AppError {
  if (error instanceof AppError) return error
  if (error.validation) {
    // ajv's own wording ("must NOT have fewer than 10 characters") never reaches a client: each issue is
    // worded per field in the caller's language when the answer is sent.
    return new AppError(
      'validation_failed',
      {},
      undefined,
      issuesFromAjv(error.validationContext, error.validation as Parameters<typeof issuesFromAjv>[1]),
    )
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', { type: 'unknown' })
  }
  // Database constraint violations that a service did not anticipate are still the client's doing.
  const pgCode = (error as { code?: string }).code
  if (pgCode === '23505') return new AppError('duplicate')
  if (pgCode !== undefined && isDataException(pgCode)) return new AppError('invalid_value')
  // Deadlock or serialisation failure: PostgreSQL rolled the transaction back whole, so a retry is safe.
  if (pgCode === '40P01' || pgCode === '40001') return new AppError('concurrent_write')
  if (isDatabaseUnreachable(error)) return new AppError('unavailable')
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('bad_request', { reason: error.code ?? 'invalid request' })
  }
  return new AppError('internal')
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The error code answered, for the request's one log line. */
    rejectedWith: string | null
  }
}

async function errorsPlugin(app: FastifyInstance) {
  app.decorateRequest('rejectedWith', null)
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error)
    const status = STATUS[appError.code]
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    if (status === 503) reply.header('retry-after', '5')
    else if (appError.code === 'invalid_value')
      // A gap in validation worth closing: the database's code, not its message (which quotes the value).
      request.log.warn(
        { code: appError.code, pgCode: (error as { code?: string }).code },
        'database refused a value',
      )
    request.rejectedWith = appError.code
    const locale = localeFromHeader(request.headers['accept-language'])
    const fields = appError.fields?.length ? renderFields(appError.fields, locale) : undefined
    const params =
      appError.code === 'internal'
        ? { requestId: String(request.id) }
        : fields
          ? { ...appError.params, reason: fieldsSummary(fields, locale) }
          : appError.params
    if (status === 429 && params.minutes !== undefined)
      reply.header('retry-after', String(Number(params.minutes ?? 15) * 60))
    reply.status(status).send({
      code: appError.code,
      message: formatMessage(appError.code, locale, params),
      ...(appError.details !== undefined ? { details: appError.details } : {}),
      ...(fields ? { fields } : {}),
    })
  })
}

export default fp(errorsPlugin, { name: 'errors' })
