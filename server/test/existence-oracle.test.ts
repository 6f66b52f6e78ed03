import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, login, startTestApp, type TestApp } from './helpers.ts'

/**
 * A caller who may not read a record must not learn whether it exists. For every read route that names one
 * record by a numeric id (in its path, or as a filter such as `?building=`), each demo account below (none holds the whole city) asks for the first ids of
 * the demo data and for an id that cannot exist. If some existing id is refused as out of reach (403) while the
 * missing id answers anything else, counting ids would tell that caller how many such records exist in places
 * they may not read. The routes are taken from the OpenAPI document, so a new route is checked without being
 * listed here.
 */
const CALLERS = [
  'fengpu_admin',
  'fengxian_admin',
  'chief_demo',
  'secretary_demo',
  'provider_demo',
  'member_demo',
]
// Spread over the first ids of the demo data, where every kind of record has rows in several streets.
const PROBED_IDS = [1, 2, 3, 5, 8, 15, 30]
const MISSING_ID = 2_000_000_000

interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: { type?: string } }>
}

/** One way of naming a record by id in a read: a path like `/api/needs/{id}`, or a filter like `?building=`. */
interface Probe {
  label: string
  url(id: number): string
}

/** Query filters that name one record (a building, a unit, a route…) rather than a number of things. */
const RECORD_FILTER =
  /^(building|unit|org|partyOrg|route|park|station|offering|survey|point|need|event|project|provider|alliance|campaign|incubator|role|account)(Id)?$/

/**
 * GET routes with exactly one path parameter, an integer; and GET routes without path parameters whose
 * optional integer filter names a record.
 */
function probesOf(doc: { paths: Record<string, Record<string, Operation>> }): Probe[] {
  const out: Probe[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    const get = methods.get
    if (!get || !path.startsWith('/api/')) continue
    const params = get.parameters ?? []
    const inPath = params.filter((p) => p.in === 'path')
    if (inPath.length === 1 && inPath[0]!.schema?.type === 'integer') {
      out.push({ label: path, url: (id) => path.replace(/\{[^}]+\}/, String(id)) })
    }
    if (inPath.length > 0 || params.some((p) => p.in === 'query' && p.required)) continue
    for (const p of params) {
      if (p.in === 'query' && p.schema?.type === 'integer' && RECORD_FILTER.test(p.name)) {
        out.push({ label: `${path}?${p.name}=`, url: (id) => `${path}?${p.name}=${id}` })
      }
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label))
}

const answerOf = (r: { status: number; body: { code?: string } | undefined }) =>
  `${r.status} ${r.body?.code ?? ''}`.trim()

let t: TestApp
let probes: Probe[]
const callers = new Map<string, Client>()
/** Routes on which some caller was refused an existing id. */
const refused = new Set<Probe>()

beforeAll(async () => {
  t = await startTestApp()
  const doc = await client(t.app).get('/api/docs/json')
  probes = probesOf(doc.body)
  for (const name of CALLERS) callers.set(name, client(t.app, await login(t.app, name)))
})
afterAll(() => t?.close())

describe('record ids out of reach and missing ids answer alike', () => {
  it('finds the id routes it is meant to probe', () => {
    // A guard against the probe silently checking nothing (e.g. if the document's shape changed).
    const labels = probes.map((p) => p.label)
    expect(labels.length).toBeGreaterThan(20)
    expect(labels).toContain('/api/needs/{id}')
    expect(labels.some((l) => l.includes('?'))).toBe(true)
  })

  it('no read route tells a caller that an id outside their reach exists', async () => {
    const leaks: string[] = []
    let refusals = 0
    for (const [name, api] of callers) {
      for (const probe of probes) {
        for (const id of PROBED_IDS) {
          const answer = answerOf(await api.get(probe.url(id)))
          if (answer !== '403 forbidden_scope') continue
          refusals++
          refused.add(probe)
          const missing = answerOf(await api.get(probe.url(MISSING_ID)))
          if (missing !== answer) {
            leaks.push(`${name} GET ${probe.label}: id ${id} → ${answer}, missing id → ${missing}`)
          }
          break
        }
      }
    }
    // The demo data must hold records out of these callers' reach, or the probe proves nothing.
    expect(refusals).toBeGreaterThan(10)
    expect(leaks).toEqual([])
  })

  it('the city administrator is still told that a missing id does not exist', async () => {
    const admin = client(t.app, await login(t.app, 'admin'))
    const answers = new Set<string>()
    for (const probe of refused) answers.add(answerOf(await admin.get(probe.url(MISSING_ID))))
    expect(refused.size).toBeGreaterThan(5)
    expect([...answers]).toEqual(['404 not_found'])
  })
})
