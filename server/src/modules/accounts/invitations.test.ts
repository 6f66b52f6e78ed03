import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  type Reply,
  request,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers.ts'
import { SIGNUP_LIMIT } from './signup.service.ts'

const FENGPU = '310120002'
const HONGMEI = '310104012'
const STRONG = 'plum-river-lantern-42'

let t: TestApp
let fengpu: Session
let nanqiao: Session
let chief: Session
let chiefBuilding: string
let otherBuilding: string
let ipCounter = 10

async function relogin() {
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  chief = await login(t.app, 'chief_demo')
}
beforeAll(async () => {
  t = await startTestApp()
  await relogin()
  chiefBuilding = (
    await t.ctx.db
      .selectFrom('role_grant as g')
      .innerJoin('account as a', 'a.id', 'g.account_id')
      .select('g.scope_id')
      .where('a.username', '=', 'chief_demo')
      .executeTakeFirstOrThrow()
  ).scope_id!
  otherBuilding = String(
    (
      await t.ctx.db
        .selectFrom('building')
        .select('id')
        .where('id', '!=', Number(chiefBuilding))
        .where('area_code', '=', FENGPU)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id,
  )
})
afterAll(() => t.close())

/** Each public call from its own address unless a test is about addresses. */
const freshIp = () => `198.51.100.${ipCounter++}`

async function invite(by: Session, body: object) {
  const res = await request(t.app, by, 'POST', '/api/invitations', { maxUses: 1, expiresInDays: 7, ...body })
  expect(res.status, res.text).toBe(201)
  const inv = res.body
  return { ...inv, token: inv.url.split('#')[1] as string }
}
const chiefOf = (building: string) => ({ role: 'building_chief', scopeType: 'building', scopeId: building })
const signup = (token: string, username: string, extra: object = {}, ip = freshIp()) =>
  request(
    t.app,
    null,
    'POST',
    '/api/signup',
    { token, username, displayName: '新楼长', password: STRONG, phone: '13912345678', ...extra },
    { ip },
  )
/** The cookies a sign-up set, as the browser sends them back. */
const cookieOf = (res: Reply) =>
  [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => String(c).split(';')[0])
    .join('; ')

describe('an invitation', () => {
  it('is a random link stored only as a hash; the invitee signs up into its role and the inviter hears of it', async () => {
    const inv = await invite(fengpu, { ...chiefOf(otherBuilding), note: '14 位楼长' })
    expect(inv).toMatchObject({ role: 'building_chief', status: 'active', uses: 0, maxUses: 1 })
    expect(inv.url).toMatch(/^http:\/\/localhost(:\d+)?\/join#[A-Za-z0-9_-]{32}$/)
    const stored = await t.ctx.db
      .selectFrom('invitation')
      .selectAll()
      .where('id', '=', inv.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain(inv.token)
    const qr = await request(t.app, fengpu, 'GET', `/api/invitations/${inv.id}/qr`)
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(qr.text).toContain('<svg')

    const info = await request(
      t.app,
      null,
      'POST',
      '/api/signup/check',
      { token: inv.token },
      { ip: freshIp() },
    )
    expect(info.body).toMatchObject({
      role: 'building_chief',
      invitedBy: '奉浦街道社工委',
      pointName: null,
    })

    const weak = await signup(inv.token, 'new_chief', { password: 'new_chief2024' })
    expect(weak.body.code).toBe('weak_password')
    const res = await signup(inv.token, 'new_chief')
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({
      account: { username: 'new_chief', displayName: '新楼长' },
      grants: [{ role: 'building_chief', scopeId: otherBuilding }],
      mustChangePassword: false,
    })
    const headers = { cookie: cookieOf(res) }
    expect((await request(t.app, null, 'GET', '/api/auth/me', undefined, { headers })).status).toBe(200)

    const account = await t.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('username', '=', 'new_chief')
      .executeTakeFirstOrThrow()
    expect(account.phone).toBe('13912345678')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.signup')
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow()
    expect(audit.detail).toMatchObject({ invitationId: inv.id, role: 'building_chief' })
    const notice = await t.ctx.db
      .selectFrom('notification as n')
      .innerJoin('account as a', 'a.id', 'n.account_id')
      .select(['a.username', 'n.title'])
      .where('n.kind', '=', 'invitation.accepted')
      .where('n.entity_id', '=', account.id)
      .execute()
    expect(notice).toEqual([{ username: 'fengpu_admin', title: '邀请已接受：新楼长' }])
    // The phone is masked for people who may not see it.
    const listed = (await request(t.app, fengpu, 'GET', '/api/accounts?q=new_chief')).body.items[0]
    expect(listed.phone).toBe('139****5678')

    const replay = await signup(inv.token, 'new_chief_2')
    expect(replay.status).toBe(410)
    expect(replay.body.code).toBe('invitation_used_up')
    expect((await request(t.app, fengpu, 'GET', `/api/invitations/${inv.id}`)).body).toMatchObject({
      uses: 1,
      status: 'used_up',
    })
  })

  it('refuses unknown tokens with one answer, and locks an address that keeps guessing', async () => {
    const ip = '203.0.113.77'
    const real = await invite(fengpu, { role: 'member', scopeType: 'area', scopeId: FENGPU })
    for (let i = 0; i < SIGNUP_LIMIT; i++) {
      const guess = await request(
        t.app,
        null,
        'POST',
        '/api/signup/check',
        { token: `guessguessguess${i}xx` },
        { ip: ip },
      )
      expect(guess.status).toBe(404)
      expect(guess.body).toEqual({ code: 'invitation_invalid', message: '邀请链接无效或已过期' })
    }
    const locked = await request(t.app, null, 'POST', '/api/signup/check', { token: real.token }, { ip: ip })
    expect(locked.status).toBe(429)
    expect(locked.body.code).toBe('signup_locked')
    expect((await signup(real.token, 'from_locked_ip', {}, ip)).status).toBe(429)
    expect(
      (await request(t.app, null, 'POST', '/api/signup/check', { token: real.token }, { ip: freshIp() }))
        .status,
    ).toBe(200)
    const malformed = await request(
      t.app,
      null,
      'POST',
      '/api/signup/check',
      { token: 'not a token!' },
      { ip: freshIp() },
    )
    expect(malformed.status).toBe(400)
  })

  it('says clearly when it expired or was revoked; revoking is for its creator or staff above it', async () => {
    const soon = await invite(fengpu, { ...chiefOf(otherBuilding), expiresInDays: 1 })
    const later = await invite(fengpu, { ...chiefOf(otherBuilding), expiresInDays: 30 })
    t.clock.advance(2 * 86_400_000)
    await relogin()
    const expired = await signup(soon.token, 'too_late', { displayName: '迟到' })
    expect(expired.status).toBe(410)
    expect(expired.body.code).toBe('invitation_expired')
    expect(
      (await request(t.app, nanqiao, 'POST', `/api/invitations/${later.id}/revoke`, { version: 1 })).status,
    ).toBe(404)
    const revoked = await request(t.app, fengpu, 'POST', `/api/invitations/${later.id}/revoke`, {
      version: later.version,
    })
    expect(revoked.body).toMatchObject({ status: 'revoked' })
    const refused = await signup(later.token, 'after_revoke')
    expect(refused.body).toEqual({ code: 'invitation_revoked', message: '该邀请已被撤销' })
    expect(
      (await request(t.app, fengpu, 'GET', '/api/invitations?status=revoked')).body.items.map(
        (i: { id: number }) => i.id,
      ),
    ).toContain(later.id)
  })

  it('gives its last use to exactly one of two racing sign-ups', async () => {
    const inv = await invite(fengpu, { role: 'member', scopeType: 'area', scopeId: FENGPU })
    const answers = await Promise.all([signup(inv.token, 'racer_a'), signup(inv.token, 'racer_b')])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410])
    const made = await t.ctx.db
      .selectFrom('account')
      .select('username')
      .where('username', 'in', ['racer_a', 'racer_b'])
      .execute()
    expect(made).toHaveLength(1)
    const uses = await t.ctx.db
      .selectFrom('invitation_use')
      .select('account_id')
      .where('invitation_id', '=', inv.id)
      .execute()
    expect(uses).toHaveLength(1)
  })

  it('signing up in a browser signed in as someone else ends that session and audits the new account', async () => {
    const inv = await invite(fengpu, { role: 'member', scopeType: 'area', scopeId: FENGPU })
    const other = await login(t.app, 'fengxian_admin')
    const res = await request(
      t.app,
      other,
      'POST',
      '/api/signup',
      { token: inv.token, username: 'while_signed_in', displayName: '新人', password: STRONG },
      { ip: freshIp() },
    )
    expect(res.status, res.text).toBe(201)
    expect(res.body.account.username).toBe('while_signed_in')
    expect((await request(t.app, other, 'GET', '/api/auth/me')).status).toBe(401)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['username'])
      .where('action', '=', 'account.signup')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.username).toBe('while_signed_in')
  })

  it('gives the use back when two sign-ups race for one username', async () => {
    const inv = await invite(fengpu, { role: 'member', scopeType: 'area', scopeId: FENGPU, maxUses: 3 })
    const answers = await Promise.all([signup(inv.token, 'same_name'), signup(inv.token, 'same_name')])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('username_taken')
    expect((await request(t.app, fengpu, 'GET', `/api/invitations/${inv.id}`)).body.uses).toBe(1)
  })
})

describe('who may invite whom', () => {
  it('a chief invites members and volunteers of their own building only', async () => {
    const inv = await invite(chief, {
      role: 'member',
      scopeType: 'building',
      scopeId: chiefBuilding,
      volunteer: true,
    })
    const res = await signup(inv.token, 'chief_volunteer', { displayName: '楼宇志愿者' })
    expect(res.status, res.text).toBe(201)
    const vol = await t.ctx.db
      .selectFrom('volunteer as v')
      .innerJoin('account as a', 'a.id', 'v.account_id')
      .select('v.display_name')
      .where('a.username', '=', 'chief_volunteer')
      .executeTakeFirst()
    expect(vol).toEqual({ display_name: '楼宇志愿者' })
    const other = await request(t.app, chief, 'POST', '/api/invitations', {
      role: 'member',
      scopeType: 'building',
      scopeId: otherBuilding,
      maxUses: 5,
      expiresInDays: 7,
    })
    expect(other.status).toBe(403)
    const higher = await request(t.app, chief, 'POST', '/api/invitations', {
      ...chiefOf(chiefBuilding),
      maxUses: 1,
      expiresInDays: 7,
    })
    expect(higher.status).toBe(403)
    // The chief sees their own invitations; the street (南桥镇) those of its buildings; another street none.
    const ids = async (s: Session) =>
      (await request(t.app, s, 'GET', '/api/invitations')).body.items.map((i: { id: number }) => i.id)
    expect(await ids(chief)).toEqual([inv.id])
    expect(await ids(nanqiao)).toContain(inv.id)
    expect(await ids(fengpu)).not.toContain(inv.id)
    expect((await request(t.app, fengpu, 'GET', `/api/invitations/${inv.id}/qr`)).status).toBe(404)
  })

  it('staff invite within their street and below their rank; members invite nobody', async () => {
    const member = await login(t.app, 'member_demo')
    const body = { maxUses: 1, expiresInDays: 7 }
    const cases: Array<[Session, object, number, string]> = [
      [member, { role: 'member', scopeType: 'area', scopeId: FENGPU }, 403, 'forbidden_scope'],
      [fengpu, { role: 'street_admin', scopeType: 'area', scopeId: FENGPU }, 403, 'forbidden'],
      [nanqiao, { role: 'member', scopeType: 'area', scopeId: FENGPU }, 403, 'forbidden_scope'],
      [fengpu, { role: 'admin', scopeType: 'city', scopeId: null }, 400, 'validation_failed'],
      [fengpu, { role: 'provider', scopeType: 'unit', scopeId: '1', volunteer: true }, 400, 'invalid_grant'],
      [fengpu, { role: 'member', scopeType: 'area', scopeId: FENGPU, pointId: 1 }, 400, 'invitation_target'],
      [fengpu, {}, 400, 'invitation_target'],
    ]
    for (const [who, extra, status, code] of cases) {
      const res = await request(t.app, who, 'POST', '/api/invitations', { ...body, ...extra })
      expect([res.status, res.body.code], JSON.stringify(extra)).toEqual([status, code])
    }
  })

  it('a coordinator invites volunteers of their point; a sign-up becomes a volunteer there', async () => {
    const coordinator = await login(t.app, 'coordinator_demo')
    // A named coordinator is a member by role; their session still offers invitations (the menu shows it).
    const perms = async (s: Session) =>
      (await request(t.app, s, 'GET', '/api/auth/me')).body.permissions as string[]
    expect(await perms(coordinator)).toContain('account.invite')
    expect(await perms(await login(t.app, 'member_demo'))).not.toContain('account.invite')
    const points = await t.ctx.db
      .selectFrom('duty_point as dp')
      .leftJoin('volunteer_point_coordinator as c', (j) =>
        j
          .onRef('c.point_id', '=', 'dp.id')
          .on('c.account_id', '=', (eb) =>
            eb.selectFrom('account').select('id').where('username', '=', 'coordinator_demo'),
          ),
      )
      .select(['dp.id', 'dp.building_id', 'c.account_id'])
      .where('dp.area_code', '=', HONGMEI)
      .where('dp.deleted_at', 'is', null)
      .orderBy('dp.id')
      .execute()
    const mine = points.find((p) => p.account_id !== null)!
    const notMine = points.find((p) => p.account_id === null)!
    const inv = await invite(coordinator, { pointId: mine.id, maxUses: 20 })
    expect(inv).toMatchObject({ role: 'member', volunteer: true, point: { id: mine.id } })
    expect(inv.scopeType).toBe(mine.building_id ? 'building' : 'area')
    expect((await signup(inv.token, 'point_volunteer', { displayName: '点位志愿者' })).status).toBe(201)
    const refused = await request(t.app, coordinator, 'POST', '/api/invitations', {
      pointId: notMine.id,
      maxUses: 1,
      expiresInDays: 7,
    })
    expect(refused.status).toBe(403)
  })

  it('an event’s organisers invite members of the public, who land on the event', async () => {
    const now = t.clock.now()
    const event = await t.ctx.db
      .insertInto('event')
      .values({
        kind: 'lecture',
        theme: 'policy',
        title: '白领开放日',
        area_code: FENGPU,
        starts_at: new Date(now.getTime() + 3 * 86_400_000),
        ends_at: new Date(now.getTime() + 3 * 86_400_000 + 7_200_000),
        capacity: 50,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const inv = await invite(fengpu, { eventId: event.id, maxUses: 200 })
    expect(inv).toMatchObject({ role: 'member', scopeType: 'area', scopeId: FENGPU, event: { id: event.id } })
    const info = (
      await request(t.app, null, 'POST', '/api/signup/check', { token: inv.token }, { ip: freshIp() })
    ).body
    expect(info.event).toEqual({ id: event.id, title: '白领开放日' })
    const res = await signup(inv.token, 'office_worker', { displayName: '白领小李', phone: null })
    expect(res.body.grants).toEqual([expect.objectContaining({ role: 'member', scopeId: FENGPU })])
    expect(
      (
        await request(t.app, nanqiao, 'POST', '/api/invitations', {
          eventId: event.id,
          maxUses: 1,
          expiresInDays: 1,
        })
      ).status,
    ).toBe(403)
  })
})

describe('the inviter’s notice', () => {
  type Notice = {
    id: number
    kind: string
    title: string
    subject: string | null
    link: string | null
    readAt: unknown
  }
  const unread = async (s: Session) =>
    (await request(t.app, s, 'GET', '/api/notifications/unread-count')).body.count as number
  const accepted = async (s: Session) =>
    ((await request(t.app, s, 'GET', '/api/notifications?limit=100')).body.items as Notice[]).filter(
      (n) => n.kind === 'invitation.accepted',
    )

  it('reaches the inbox of whoever sent the invitation and nobody else’s; a refused sign-up tells nobody', async () => {
    const before = {
      chief: await accepted(chief),
      fengpu: await accepted(fengpu),
      nanqiao: await accepted(nanqiao),
      unread: await unread(chief),
    }
    const inv = await invite(chief, {
      role: 'member',
      scopeType: 'building',
      scopeId: chiefBuilding,
      maxUses: 3,
    })
    expect((await signup(inv.token, 'notice_weak', { password: 'notice_weak1' })).status).toBe(400)
    expect((await signup(inv.token, 'chief_demo', { displayName: '冒名' })).status).toBe(409)
    expect(await accepted(chief)).toEqual(before.chief)

    const res = await signup(inv.token, 'notice_neighbour', { displayName: '邻居小王' })
    expect(res.status, res.text).toBe(201)
    const mine = await accepted(chief)
    expect(mine).toHaveLength(before.chief.length + 1)
    expect(mine[0]).toMatchObject({
      kind: 'invitation.accepted',
      title: '邀请已接受：邻居小王',
      link: '/accounts',
      subject: '邻居小王',
      readAt: null,
    })
    expect(await unread(chief)).toBe(before.unread + 1)
    // The street above the chief, another street and the newcomer are not told.
    expect(await accepted(nanqiao)).toEqual(before.nanqiao)
    expect(await accepted(fengpu)).toEqual(before.fengpu)
    const headers = { cookie: cookieOf(res) }
    const theirs = await request(t.app, null, 'GET', '/api/notifications', undefined, { headers })
    expect(theirs.status).toBe(200)
    expect(theirs.body.items).toEqual([])
    // Nor can anyone else open it by id.
    const probe = await request(t.app, fengpu, 'POST', `/api/notifications/${mine[0]!.id}/read`)
    expect(probe.status).toBe(404)
  })
})
