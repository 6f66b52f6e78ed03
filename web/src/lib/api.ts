import type { ApiInput, ApiKey, ApiOutput, ErrorBody, FieldError } from '@tongxin/contracts'
import i18n, { currentLanguage } from '../i18n/index.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** validation_failed: each refused field with its message in the user's language. */
    readonly fields: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401
}

const CSRF_COOKIE = 'tx_csrf'
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

// Fallback for when the cookie cannot be read (the `Me` response carries the same token).
let csrfFromSession: string | null = null

export function rememberCsrfToken(token: string | null) {
  csrfFromSession = token
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  body?: unknown
  /** A binary body (e.g. an uploaded spreadsheet), sent as is with `contentType`; excludes `body`. */
  raw?: { data: Blob | ArrayBuffer; contentType: string }
  signal?: AbortSignal
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    // Empty filters are omitted so the server's schema defaults apply.
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = i18n.t('common.unknownError')
  try {
    const body = (await response.json()) as Partial<ErrorBody>
    return new ApiError(response.status, body.code ?? 'unknown', body.message || fallback, body.fields ?? [])
  } catch {
    return new ApiError(response.status, 'unknown', fallback)
  }
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The server localises error messages by this header.
    'Accept-Language': currentLanguage(),
  }
  if (options.raw) headers['Content-Type'] = options.raw.contentType
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (UNSAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE) ?? csrfFromSession
    if (token) headers['x-csrf-token'] = token
  }

  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw
        ? options.raw.data
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network', i18n.t('common.networkError'))
  }

  if (!response.ok) throw await toApiError(response)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

type CallOptions<K extends ApiKey> = ApiInput<K> & { signal?: AbortSignal; raw?: RequestOptions['raw'] }
/** The options may be left out when the route needs no params and no required query or body. */
type CallArgs<K extends ApiKey> =
  object extends ApiInput<K> ? [options?: CallOptions<K>] : [options: CallOptions<K>]

/**
 * Calls a route of the contract table (packages/contracts, `apiRoutes`) by its key, `'METHOD /api/path/:param'`:
 * params, query, body and the answer are typed by the route's schemas, which the server registers the same
 * route from. Only types come from the table (`import type`), so no schema enters the bundle.
 */
export function call<K extends ApiKey>(key: K, ...[options]: CallArgs<K>): Promise<ApiOutput<K>> {
  const space = key.indexOf(' ')
  const method = key.slice(0, space) as NonNullable<RequestOptions['method']>
  const given = (options ?? {}) as {
    params?: Record<string, string | number>
    query?: Query
    body?: unknown
    signal?: AbortSignal
    raw?: RequestOptions['raw']
  }
  const path = key.slice(space + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = given.params?.[name]
    if (value === undefined) throw new Error(`${key}: no value for :${name}`)
    return encodeURIComponent(String(value))
  })
  return api<ApiOutput<K>>(path, {
    method,
    query: given.query,
    body: given.body,
    raw: given.raw,
    signal: given.signal,
  })
}

export interface PageResult<T> {
  items: T[]
  nextCursor: string | null
  /** The rows the caller may see under the filters, where the list counts them. */
  total?: number
}
