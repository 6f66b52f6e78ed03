import { appendFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Case, casesOf, operationsOf, SEED } from './fuzz-cases.ts'
import { login, type Session, startTestApp, type TestApp } from './helpers.ts'

/**
 * Every operation of the OpenAPI document, every demo role and anonymous, hostile paths, queries and bodies
 * (NUL, 2^63, 1e309, deep nesting, 10k-character strings, wrong types, unknown fields, bad bodies):
 * no answer may be a 5xx. All 5xx are collected and reported together with the request that caused them.
 *
 * Admin walks every case. Validation and body parsing come before the access check in Fastify's request
 * cycle, so a case refused there is refused the same way for every caller; the other roles walk the cases
 * that got past them as admin (a test hook records which did), plus a seeded sample of the rest.
 *
 * FUZZ_REPORT=file writes the 5xx found as JSON; FUZZ_TRACE=file appends each case as it is sent (to find a
 * request that never answers).
 */

const ROLES = [
  'admin',
  'fengxian_admin',
  'fengpu_admin',
  'chief_demo',
  'secretary_demo',
  'provider_demo',
  'volunteer_demo',
  'coordinator_demo',
  'member_demo',
  'siic_volunteer',
  'jinhai_admin',
]

interface Failure {
  who: string
  op: string
  label: string
  url: string
  payload: string
  status: number
  body: string
  cause: string
}

let t: TestApp
let cases: Case[] = []
const pastValidation = new Set<string>()
/** What the server threw for a request, to name the cause of a 5xx in the report. */
const thrown = new Map<string, string>()
const failures: Failure[] = []
let counter = 0

beforeAll(async () => {
  t = await startTestApp()
  // Runs only for requests that passed parsing and validation; the id is the one the case sent.
  t.app.addHook('preHandler', async (request) => {
    pastValidation.add(String(request.id))
  })
  t.app.addHook('onError', async (request, _reply, error) => {
    const code = (error as { code?: string }).code
    thrown.set(String(request.id), `${code ?? error.name}: ${error.message.split('\n')[0]}`)
  })
  const doc = await t.app.inject({ url: '/api/docs/json' })
  expect(doc.statusCode).toBe(200)
  const ops = operationsOf(doc.json()).filter(
    (op) => op.path.startsWith('/api/') && !op.path.startsWith('/api/docs'),
  )
  cases = ops.flatMap(casesOf)
}, 120_000)
afterAll(() => t?.close())

const short = (text: string, n = 300) =>
  text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text

async function send(who: string, session: Session | null, c: Case): Promise<string> {
  const id = `fuzz-${counter++}`
  if (process.env.FUZZ_TRACE)
    appendFileSync(process.env.FUZZ_TRACE, `${Date.now()} ${who} ${c.op} [${c.label}]\n`)
  const res = await t.app.inject({
    method: c.method as 'GET',
    url: c.url,
    headers: { ...c.headers, ...(session?.headers ?? {}), 'x-request-id': id, 'accept-language': 'en-US' },
    ...(c.payload !== undefined ? { payload: c.payload } : {}),
  })
  if (res.statusCode >= 500)
    failures.push({
      who,
      op: c.op,
      label: c.label,
      url: short(c.url),
      payload: short(String(c.payload ?? '')),
      status: res.statusCode,
      body: short(res.body),
      cause: short(thrown.get(id) ?? '?', 200),
    })
  thrown.delete(id)
  return id
}

/** A deterministic sample: every n-th case, offset per role. */
const sample = (list: Case[], n: number, offset: number) => list.filter((_, i) => (i + offset) % n === 0)

// Logging out would end the walk's own session; it is walked anonymously only.
const forRole = (c: Case) => c.op !== 'POST /api/auth/logout'

describe(`fuzz walk of the OpenAPI document (seed ${SEED})`, () => {
  const reached = new Set<Case>()

  it('as admin: every case', async () => {
    const session = await login(t.app, 'admin')
    for (const c of cases.filter(forRole))
      if (pastValidation.has(await send('admin', session, c))) reached.add(c)
    expect((await t.app.inject({ url: '/api/auth/me', headers: session.headers })).statusCode).toBe(200)
  }, 600_000)

  ROLES.slice(1).forEach((role, index) => {
    it(`as ${role}: cases past validation and a sample of the rest`, async () => {
      const session = await login(t.app, role)
      const rest = cases.filter((c) => !reached.has(c) && forRole(c))
      for (const c of [...reached, ...sample(rest, 40, index)]) await send(role, session, c)
      expect((await t.app.inject({ url: '/api/auth/me', headers: session.headers })).statusCode).toBe(200)
    }, 600_000)
  })

  // Last: failed logins count against the address and would lock out the logins above.
  it('anonymous: cases past validation and a sample of the rest', async () => {
    const rest = cases.filter((c) => !reached.has(c))
    const logout = cases.filter((c) => c.op === 'POST /api/auth/logout')
    for (const c of [...reached, ...logout, ...sample(rest, 40, ROLES.length)])
      await send('anonymous', null, c)
  }, 600_000)

  it('no answer was a 5xx', async () => {
    if (process.env.FUZZ_REPORT) await writeFile(process.env.FUZZ_REPORT, JSON.stringify(failures, null, 1))
    const report = failures.map(
      (f) => `${f.status} ${f.who} ${f.op} [${f.label}] ${f.url} ${f.payload} → ${f.cause}`,
    )
    expect(report, `${failures.length} answers ≥ 500 of ${counter} requests`).toEqual([])
  })
})
