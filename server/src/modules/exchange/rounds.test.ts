import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { INLINE_PAIR_LIMIT, runQueuedSolves, SOLVE_LEASE_MS } from './rounds.solve.ts'

const JINHAI = '310120003'
const FENGXIAN = '310120'
const CATS = ['community.elderly', 'community.culture', 'community.legal', 'community.childcare']

let t: TestApp
let admin: Session
let district: Session
let fengpu: Session
let member: Session
let units: number[]

interface PairOut {
  unitId: number
  targetKey: string
  score: number
  pinned: boolean
  change: string
  reasons: Array<{ zh: string; en: string; points: number }>
}

/** Six Jinhai social organisations against four of its communities, with preferences both ways. */
function smallRound(extra: Record<string, unknown> = {}) {
  return {
    areaCode: JINHAI,
    name: '金海街道测试对接',
    providers: units.slice(0, 6).map((unitId, i) => ({
      unitId,
      capacity: i < 2 ? 2 : 1,
      categories: [CATS[i % 4]!, CATS[(i + 1) % 4]!],
    })),
    targets: ['310120003201', '310120003202', '310120003001', '310120003002'].map((code, i) => ({
      key: `area:${code}`,
      demand: i === 0 ? 2 : 1,
      wants: [
        { category: CATS[i]!, weight: 2 },
        { category: CATS[(i + 2) % 4]!, weight: 1 },
      ],
    })),
    preferences: [
      { side: 'provider', unitId: units[0], ranked: ['area:310120003001', 'area:310120003201'] },
      { side: 'target', targetKey: 'area:310120003202', ranked: [units[3], units[1]] },
    ],
    ...extra,
  }
}

async function roundCount() {
  const row = await t.ctx.db
    .selectFrom('matching_round')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  district = await login(t.app, 'fengxian_admin')
  fengpu = await login(t.app, 'fengpu_admin')
  member = await login(t.app, 'member_demo')
  units = (
    await t.ctx.db
      .selectFrom('unit')
      .select('id')
      .where('area_code', '=', JINHAI)
      .where('kind', '=', 'social_org')
      .orderBy('id')
      .execute()
  ).map((u) => Number(u.id))
  expect(units.length).toBeGreaterThanOrEqual(38)
})
afterAll(() => t.close())

describe('a matchmaking round, from draft to closed', () => {
  it('solves, takes pins and forbids, shows what a re-solve changed, confirms into agreements', async () => {
    const created = await request(t.app, district, 'POST', '/api/matching/rounds', smallRound())
    expect(created.status, created.text).toBe(201)
    const round = created.body
    expect(round).toMatchObject({ state: 'draft', providers: 6, targets: 4, version: 1, proposal: null })
    expect(round.targetList[0]).toMatchObject({ key: 'area:310120003001', kind: 'community' })
    expect(round.preferences).toHaveLength(4)

    const confirmEarly = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/confirm`, {
      version: 1,
    })
    expect(confirmEarly.status).toBe(409)
    expect(confirmEarly.body.code).toBe('matching_no_proposal')

    const solved = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/solve`, {
      version: 1,
    })
    expect(solved.status, solved.text).toBe(200)
    const first = solved.body
    expect(first).toMatchObject({ state: 'proposed', version: 2, solveStatus: 'idle' })
    const pairs: PairOut[] = first.proposal.pairs
    expect(pairs.length).toBe(5) // demand 2 + 1 + 1 + 1, capacity 8
    expect(first.proposal.totalFit).toBe(pairs.reduce((s, p) => s + p.score, 0))
    expect(first.proposal.totalFit).toBeGreaterThanOrEqual(first.proposal.greedyFit)
    expect(first.proposal.removed).toEqual([])
    for (const pair of pairs) {
      expect(pair.reasons.reduce((s, r) => s + r.points, 0)).toBe(pair.score)
      expect(pair.reasons.some((r) => /同类服务/.test(r.zh))).toBe(true)
      expect(pair.reasons.every((r) => r.en.length > 0)).toBe(true)
    }
    // Provider 0 ranked 310120003001 first: the reason says so in both languages.
    const ranked = pairs.find((p) => p.unitId === units[0] && p.targetKey === 'area:310120003001')
    if (ranked) expect(ranked.reasons.some((r) => r.points === 15)).toBe(true)

    // Forbid one proposed pair and pin a pair the proposal did not have.
    const dropped = pairs[0]!
    const taken = new Set(pairs.map((p) => `${p.unitId}|${p.targetKey}`))
    const load = new Map<number, number>()
    for (const p of pairs) load.set(p.unitId, (load.get(p.unitId) ?? 0) + 1)
    const provider = first.providerList.find(
      (p: { unitId: number; capacity: number }) => p.unitId !== dropped.unitId && p.capacity > 0,
    )
    const target = first.targetList.find(
      (x: { key: string }) => !taken.has(`${provider.unitId}|${x.key}`) && x.key !== dropped.targetKey,
    )
    const pins = [
      { unitId: dropped.unitId, targetKey: dropped.targetKey, kind: 'forbid' },
      { unitId: provider.unitId, targetKey: target.key, kind: 'pin', override: true },
    ]
    const pinned = await request(t.app, district, 'PATCH', `/api/matching/rounds/${round.id}`, {
      version: 2,
      pins,
    })
    expect(pinned.status, pinned.text).toBe(200)
    expect(pinned.body).toMatchObject({ state: 'draft', version: 3 })
    expect(pinned.body.proposal.stale).toBe(true)

    const staleConfirm = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/confirm`, {
      version: 3,
    })
    expect(staleConfirm.status).toBe(409)
    expect(staleConfirm.body.code).toBe('matching_proposal_stale')

    const resolved = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/solve`, {
      version: 3,
    })
    expect(resolved.status, resolved.text).toBe(200)
    const second = resolved.body
    expect(second).toMatchObject({ state: 'proposed', version: 4 })
    expect(second.proposal.stale).toBe(false)
    const now: PairOut[] = second.proposal.pairs
    expect(now.some((p) => p.unitId === dropped.unitId && p.targetKey === dropped.targetKey)).toBe(false)
    const forced = now.find((p) => p.unitId === provider.unitId && p.targetKey === target.key)
    expect(forced).toMatchObject({ pinned: true, change: 'added' })
    expect(second.proposal.removed).toContainEqual({
      unitId: dropped.unitId,
      targetKey: dropped.targetKey,
      score: dropped.score,
    })
    expect(now.filter((p) => p.change === 'kept').length).toBe(
      now.filter((p) => taken.has(`${p.unitId}|${p.targetKey}`)).length,
    )

    // A confirm with the version from before the re-solve is refused; two at once, one wins.
    const old = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/confirm`, {
      version: 2,
    })
    expect(old.status).toBe(409)
    expect(old.body.code).toBe('version_conflict')
    t.clock.set(new Date('2026-01-31T10:00:00+08:00'))
    district = await login(t.app, 'fengxian_admin')
    const [a, b] = await Promise.all([
      request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/confirm`, {
        version: 4,
        followUpMonths: 3,
      }),
      request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/confirm`, {
        version: 4,
        followUpMonths: 3,
      }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const confirmed = (a.status === 200 ? a : b).body
    expect(confirmed).toMatchObject({ state: 'confirmed', confirmedOn: '2026-01-31', agreements: now.length })
    expect(confirmed.agreementList).toHaveLength(now.length)
    expect(confirmed.agreementList[0].followUps.map((f: { dueOn: string }) => f.dueOn)).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ])

    // Confirmed rounds are immutable.
    const edit = await request(t.app, district, 'PATCH', `/api/matching/rounds/${round.id}`, {
      version: 5,
      name: '改名',
    })
    expect(edit.status).toBe(409)
    expect(edit.body.code).toBe('matching_round_locked')
    const again = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/solve`, {
      version: 5,
    })
    expect(again.body.code).toBe('matching_round_locked')

    // Follow-ups are records kept after confirmation.
    const followUp = confirmed.agreementList[0].followUps[0]
    const done = await request(t.app, district, 'PATCH', `/api/matching/follow-ups/${followUp.id}`, {
      version: followUp.version,
      done: true,
      note: '已上门走访，服务开展顺利',
    })
    expect(done.status, done.text).toBe(204)
    const staleDone = await request(t.app, district, 'PATCH', `/api/matching/follow-ups/${followUp.id}`, {
      version: followUp.version,
      done: false,
    })
    expect(staleDone.body.code).toBe('version_conflict')
    const afterFollowUp = (await request(t.app, district, 'GET', `/api/matching/rounds/${round.id}`)).body
    expect(afterFollowUp.agreementList[0].followUps[0]).toMatchObject({ note: '已上门走访，服务开展顺利' })
    expect(afterFollowUp.agreementList[0].followUps[0].doneAt).not.toBeNull()

    const closed = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/close`, {
      version: 5,
    })
    expect(closed.status, closed.text).toBe(200)
    expect(closed.body.state).toBe('closed')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids'])
      .where('entity', '=', 'matching_round')
      .execute()
    expect(audit.filter((r) => r.entity_ids.includes(String(round.id))).map((r) => r.action)).toEqual(
      expect.arrayContaining(['matching.create', 'matching.edit', 'matching.confirm', 'matching.close']),
    )
  })
})

describe('bad input changes nothing', () => {
  const cases: Array<[string, () => Record<string, unknown>, number, string]> = [
    [
      'unknown unit',
      () => ({ providers: [{ unitId: 999999, capacity: 1, categories: [] }] }),
      422,
      'matching_unknown_unit',
    ],
    [
      'negative capacity',
      () => ({ providers: [{ unitId: units[0], capacity: -1, categories: ['community.elderly'] }] }),
      422,
      'matching_invalid_number',
    ],
    [
      'unknown category',
      () => ({ providers: [{ unitId: units[0], capacity: 1, categories: ['community.nope'] }] }),
      400,
      'unknown_category',
    ],
    [
      'a target outside the area',
      () => ({ targets: [{ key: 'area:310120002001', wants: [] }] }),
      422,
      'matching_unknown_target',
    ],
    [
      'pin and forbid the same pair',
      () => ({
        pins: [
          { unitId: units[0], targetKey: 'area:310120003201', kind: 'pin' },
          { unitId: units[0], targetKey: 'area:310120003201', kind: 'forbid' },
        ],
      }),
      422,
      'matching_pin_conflict',
    ],
    [
      'more pins than capacity',
      () => ({
        pins: [
          { unitId: units[2], targetKey: 'area:310120003201', kind: 'pin' },
          { unitId: units[2], targetKey: 'area:310120003202', kind: 'pin' },
        ],
      }),
      422,
      'matching_pins_exceed',
    ],
    [
      'a preference for someone not in the round',
      () => ({ preferences: [{ side: 'provider', unitId: units[0], ranked: ['area:310120003209'] }] }),
      422,
      'matching_not_in_round',
    ],
  ]
  for (const [name, change, status, code] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await roundCount()
      const res = await request(t.app, district, 'POST', '/api/matching/rounds', smallRound(change()))
      expect(res.status, res.text).toBe(status)
      expect(res.body.code).toBe(code)
      expect(res.body.message).not.toMatch(/at |Error/)
      expect(await roundCount()).toBe(before)
    })
  }

  it('refuses a pin the rules do not allow at solve time, with the solver’s reason, and keeps the draft', async () => {
    const res = await request(t.app, district, 'POST', '/api/matching/rounds', smallRound())
    const round = res.body
    // Nobody in this round wants environmental work, so pinning its only provider to a target is not allowed.
    const lonely = round.targetList[0]
    const patched = await request(t.app, district, 'PATCH', `/api/matching/rounds/${round.id}`, {
      version: 1,
      providers: [{ unitId: units[2], capacity: 1, categories: ['community.environment'] }],
      preferences: [],
      pins: [{ unitId: units[2], targetKey: lonely.key, kind: 'pin' }],
    })
    expect(patched.status, patched.text).toBe(200)
    const solve = await request(t.app, district, 'POST', `/api/matching/rounds/${round.id}/solve`, {
      version: 2,
    })
    expect(solve.status).toBe(422)
    expect(solve.body.code).toBe('matching_solver_rejected')
    const after = (await request(t.app, district, 'GET', `/api/matching/rounds/${round.id}`)).body
    expect(after).toMatchObject({ state: 'draft', version: 2, proposal: null })
  })
})

describe('scope', () => {
  it('keeps a street’s rounds to its own staff', async () => {
    const res = await request(t.app, district, 'POST', '/api/matching/rounds', smallRound())
    const id = res.body.id
    expect((await request(t.app, fengpu, 'GET', `/api/matching/rounds/${id}`)).body.code).toBe(
      'forbidden_scope',
    )
    expect(
      (await request(t.app, fengpu, 'POST', `/api/matching/rounds/${id}/solve`, { version: 1 })).status,
    ).toBe(403)
    const list = (await request(t.app, fengpu, 'GET', '/api/matching/rounds')).body
    expect(list.items.some((r: { id: number }) => r.id === id)).toBe(false)
    expect((await request(t.app, fengpu, 'GET', `/api/matching/rounds?area=${JINHAI}`)).status).toBe(403)
    expect((await request(t.app, fengpu, 'POST', '/api/matching/rounds', smallRound())).body.code).toBe(
      'forbidden_scope',
    )
    expect((await request(t.app, member, 'GET', '/api/matching/rounds')).body.code).toBe('forbidden')
    const mine = (await request(t.app, district, 'GET', '/api/matching/rounds')).body
    expect(mine.items.some((r: { id: number }) => r.id === id)).toBe(true)
    // A round that does not exist is refused like another street's; only the city is told it is missing.
    expect((await request(t.app, fengpu, 'GET', '/api/matching/rounds/999999')).body.code).toBe(
      'forbidden_scope',
    )
    expect((await request(t.app, admin, 'GET', '/api/matching/rounds/999999')).status).toBe(404)
  })

  it('offers an area’s units, communities and open needs as candidates', async () => {
    const res = await request(t.app, district, 'GET', `/api/matching/candidates?area=${JINHAI}`)
    expect(res.status, res.text).toBe(200)
    const body = res.body
    expect(
      body.providers.filter((p: { kind: string }) => p.kind === 'social_org').length,
    ).toBeGreaterThanOrEqual(38)
    // The demo round's categories and wants come back as the first guess for the next round.
    const orgs = body.providers.filter((p: { kind: string }) => p.kind === 'social_org')
    expect(orgs.every((p: { categories: string[] }) => p.categories.length > 0)).toBe(true)
    const communities = body.targets.filter((x: { kind: string }) => x.kind === 'community')
    const village = communities.find((x: { key: string }) => x.key === 'area:310120003201')
    expect(village.wants.length).toBeGreaterThan(0)
    const keys = communities.map((x: { key: string }) => x.key)
    for (let i = 1; i <= 9; i++) {
      expect(keys).toContain(`area:31012000320${i}`)
      expect(keys).toContain(`area:31012000300${i}`)
    }
    expect((await request(t.app, fengpu, 'GET', `/api/matching/candidates?area=${JINHAI}`)).status).toBe(403)
  })
})

describe('large rounds are solved in the background', () => {
  it('queues, is claimed by one runner only, and survives a runner that died', async () => {
    const providers = (
      await t.ctx.db
        .selectFrom('unit')
        .select('id')
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .limit(400)
        .execute()
    ).map((u, i) => ({ unitId: Number(u.id), capacity: 2, categories: [CATS[i % 4]!] }))
    const places = await t.ctx.db
      .selectFrom('area')
      .select('code')
      .where('code', 'like', `${FENGXIAN}%`)
      .where('level', '=', 'community')
      .execute()
    const buildings = await t.ctx.db
      .selectFrom('building')
      .select('id')
      .where('area_code', 'like', `${FENGXIAN}%`)
      .execute()
    const targets = [...places.map((p) => `area:${p.code}`), ...buildings.map((b) => `building:${b.id}`)].map(
      (key, i) => ({ key, wants: [{ category: CATS[i % 4]!, weight: 1 }] }),
    )
    expect(providers.length * targets.length).toBeGreaterThan(INLINE_PAIR_LIMIT)
    const created = await request(t.app, admin, 'POST', '/api/matching/rounds', {
      areaCode: FENGXIAN,
      name: '奉贤区大规模对接',
      providers,
      targets,
    })
    expect(created.status, created.text).toBe(201)
    const id = created.body.id
    const queued = await request(t.app, admin, 'POST', `/api/matching/rounds/${id}/solve`, { version: 1 })
    expect(queued.status, queued.text).toBe(202)
    expect(queued.body).toMatchObject({ state: 'draft', solveStatus: 'queued', proposal: null })
    const edit = await request(t.app, admin, 'PATCH', `/api/matching/rounds/${id}`, {
      version: 1,
      name: '改名',
    })
    expect(edit.body.code).toBe('matching_solving')

    // An instance claims it and dies: while its lease lasts nobody else solves it…
    await t.ctx.db
      .updateTable('matching_round')
      .set({ solve_status: 'running', solve_claimed_at: t.clock.now() })
      .where('id', '=', id)
      .execute()
    expect(await runQueuedSolves(t.ctx)).toEqual([])
    // …after it, two runners race and exactly one solves it.
    t.clock.advance(SOLVE_LEASE_MS + 1000)
    const runs = await Promise.all([runQueuedSolves(t.ctx), runQueuedSolves(t.ctx)])
    expect(runs.flat()).toEqual([id])
    expect(await runQueuedSolves(t.ctx)).toEqual([])
    admin = await login(t.app, 'admin')
    const done = (await request(t.app, admin, 'GET', `/api/matching/rounds/${id}`)).body
    expect(done).toMatchObject({ state: 'proposed', solveStatus: 'idle', version: 2 })
    const short = done.proposal.unassigned.reduce(
      (s: number, u: { demand: number; assigned: number }) => s + u.demand - u.assigned,
      0,
    )
    expect(done.proposal.pairs.length + short).toBe(targets.length)
    expect(done.proposal.pairs.length).toBeGreaterThan(targets.length / 2)
    expect(done.proposal.totalFit).toBeGreaterThanOrEqual(done.proposal.greedyFit)
  }, 180_000)
})
