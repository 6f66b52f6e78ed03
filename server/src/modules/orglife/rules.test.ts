import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { CHENGQIAO, kit } from './test-kit.ts'

/*
 * The API path of the rules page (web/src/features/orglife/RulesPage.tsx): everyone who keeps organisational
 * life reads the frequency and points rules; only a city administrator changes them; bad input is refused
 * field by field in the reader's language and changes nothing.
 */

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session
let street: Session

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-06-15T10:00:00+08:00'))
  k = kit(t)
  admin = await k.admin()
  await insertAccount(t.ctx.db, {
    username: 'rules_street_admin',
    displayName: '城桥镇工作人员',
    password: 'street-admin-pw',
    grants: [{ role: 'street_admin', scopeType: 'area', scopeId: CHENGQIAO, areaCode: CHENGQIAO }],
  })
  street = await login(t.app, 'rules_street_admin', 'street-admin-pw')
})
afterAll(async () => t?.close())

type Rule = { code: string; version: number; [k: string]: unknown }
const ruleInput = (r: Rule) => {
  const { code: _code, version: _version, ...input } = r
  return input
}

describe('the rules page’s API', () => {
  test('secretaries and street staff read the rules; only the city administrator may change them', async () => {
    const b = await k.branch(admin)
    for (const s of [b.secretary, street]) {
      const rules: Rule[] = await k.ok(s, 'GET', '/api/orglife/rules')
      expect(rules.map((r) => r.code)).toContain('theme_day_monthly')
      const points = await k.ok(s, 'GET', '/api/orglife/points/rules')
      expect(points.map((p: { source: string }) => p.source).sort()).toEqual([
        'lecture',
        'meeting',
        'patrol',
        'volunteer',
        'wish',
      ])
      const theme = rules.find((r) => r.code === 'theme_day_monthly')!
      const put = await k.call(s, 'PUT', '/api/orglife/rules/theme_day_monthly', {
        ...ruleInput(theme),
        minCount: 2,
        version: theme.version,
      })
      const post = await k.call(s, 'POST', '/api/orglife/rules', { ...ruleInput(theme), code: 'extra_rule' })
      const pts = await k.call(s, 'PUT', '/api/orglife/points/rules/meeting', {
        points: 9,
        active: true,
        version: points[0].version,
      })
      expect([put.statusCode, post.statusCode, pts.statusCode]).toEqual([403, 403, 403])
    }
    const after: Rule[] = await k.ok(admin, 'GET', '/api/orglife/rules')
    expect(after.find((r) => r.code === 'theme_day_monthly')).toMatchObject({ minCount: 1, version: 1 })
  })

  test('bad values are refused by field in Chinese and English; nothing is written', async () => {
    const before: Rule[] = await k.ok(admin, 'GET', '/api/orglife/rules')
    const pointsBefore = await k.ok(admin, 'GET', '/api/orglife/points/rules')
    const theme = before.find((r) => r.code === 'theme_day_monthly')!
    const input = { ...ruleInput(theme), version: theme.version }
    const put = (body: unknown, lang: string) =>
      k.call(admin, 'PUT', '/api/orglife/rules/theme_day_monthly', body, lang)

    for (const [change, field] of [
      [{ minCount: 0 }, 'minCount'],
      [{ minCount: 32 }, 'minCount'],
      [{ orgTypes: [] }, 'orgTypes'],
      [{ name: 'x' }, 'name'],
      [{ period: 'week' }, 'period'],
    ] as const) {
      const zh = await put({ ...input, ...change }, 'zh-CN')
      const en = await put({ ...input, ...change }, 'en-US')
      expect([zh.statusCode, zh.json().code, en.statusCode]).toEqual([400, 'validation_failed', 400])
      expect(zh.json().fields.map((f: { field: string }) => f.field)).toContain(field)
      expect(zh.json().message).not.toEqual(en.json().message)
      expect(zh.json().message).toMatch(/[\u4e00-\u9fff]/)
      expect(en.json().message).not.toMatch(/[\u4e00-\u9fff]/)
    }
    const unknownKind = await put({ ...input, kindCode: 'tea_party' }, 'en-US')
    expect([unknownKind.statusCode, unknownKind.json().code]).toEqual([400, 'orglife_rule_kind_unknown'])
    expect(unknownKind.json().message).toContain('tea_party')
    const stale = await put({ ...input, minCount: 2, version: theme.version + 5 }, 'zh-CN')
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'version_conflict'])
    const taken = await k.call(
      admin,
      'POST',
      '/api/orglife/rules',
      { ...ruleInput(theme), code: 'theme_day_monthly' },
      'en-US',
    )
    expect(taken.json().code).toBe('orglife_rule_code_taken')
    const badCode = await k.call(admin, 'POST', '/api/orglife/rules', {
      ...ruleInput(theme),
      code: 'Bad Code',
    })
    expect(badCode.json().code).toBe('validation_failed')

    const points = (src: string) => pointsBefore.find((p: { source: string }) => p.source === src)
    const tooMany = await k.call(admin, 'PUT', '/api/orglife/points/rules/meeting', {
      points: 101,
      active: true,
      version: points('meeting').version,
    })
    expect(tooMany.json().code).toBe('validation_failed')
    const stalePoints = await k.call(admin, 'PUT', '/api/orglife/points/rules/meeting', {
      points: 3,
      active: true,
      version: points('meeting').version + 1,
    })
    expect(stalePoints.json().code).toBe('version_conflict')

    expect(await k.ok(admin, 'GET', '/api/orglife/rules')).toEqual(before)
    expect(await k.ok(admin, 'GET', '/api/orglife/points/rules')).toEqual(pointsBefore)
  })

  test('the administrator’s changes are saved, audited and shown to every reader; a new rule joins the list', async () => {
    const rules: Rule[] = await k.ok(admin, 'GET', '/api/orglife/rules')
    const lecture = rules.find((r) => r.code === 'lecture_quarterly')!
    const changed = await k.ok(admin, 'PUT', '/api/orglife/rules/lecture_quarterly', {
      ...ruleInput(lecture),
      minCount: 2,
      version: lecture.version,
    })
    expect(changed).toMatchObject({ code: 'lecture_quarterly', minCount: 2, version: lecture.version + 1 })
    const created = await k.ok(admin, 'POST', '/api/orglife/rules', {
      ...ruleInput(lecture),
      code: 'lecture_monthly_pilot',
      name: '党课每月至少 1 次（试点）',
      nameEn: 'A lecture every month (pilot)',
      period: 'month',
      minCount: 1,
      active: false,
    })
    expect(created).toMatchObject({ code: 'lecture_monthly_pilot', active: false, version: 1 })
    const points = await k.ok(admin, 'GET', '/api/orglife/points/rules')
    const meeting = points.find((p: { source: string }) => p.source === 'meeting')
    const savedPoints = await k.ok(admin, 'PUT', '/api/orglife/points/rules/meeting', {
      points: 4,
      active: true,
      version: meeting.version,
    })
    expect(savedPoints.find((p: { source: string }) => p.source === 'meeting')).toMatchObject({ points: 4 })

    const seen: Rule[] = await k.ok(street, 'GET', '/api/orglife/rules')
    expect(seen.find((r) => r.code === 'lecture_quarterly')).toMatchObject({ minCount: 2 })
    expect(seen.map((r) => r.code)).toContain('lecture_monthly_pilot')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['orglife.rule.update', 'orglife.rule.create', 'orglife.points.rule'])
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual([
      'orglife.points.rule',
      'orglife.rule.create',
      'orglife.rule.update',
    ])
    await k.rollupsMatchRebuild()
  })
})
