import { sql } from 'kysely'
import { expect } from 'vitest'
import { login, type Session, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

/** 崇明区城桥镇: no demo organisations, so its figures are the test's own. */
export const CHENGQIAO = '310151101'
export const CHONGMING = '310151'
export const at = (local: string) => new Date(`${local}+08:00`).toISOString()

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Thin wrappers over the orglife API: fixtures are made the way users make them. */
export function kit(t: TestApp) {
  const call = async (s: Session | null, method: Method, url: string, payload?: unknown, lang?: string) =>
    t.app.inject({
      method,
      url,
      headers: { ...(s?.headers ?? {}), ...(lang ? { 'accept-language': lang } : {}) },
      payload: payload as object,
    })
  const ok = async (s: Session, method: Method, url: string, payload?: unknown) => {
    const res = await call(s, method, url, payload)
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
    return res.statusCode === 204 ? null : res.json()
  }
  let seq = 0
  return {
    call,
    ok,
    /**
     * A branch in 城桥镇 with `members` formal members in one unit, its first member as secretary, and an
     * account holding the secretary role over it.
     */
    async branch(
      admin: Session,
      opts: {
        members?: number
        hasCommittee?: boolean
        establishedOn?: string | null
        type?: string
        area?: string
      } = {},
    ) {
      const n = ++seq
      const reg = registryApi(t.app, admin)
      const area = opts.area ?? CHENGQIAO
      const building = await reg.building(area, `组织生活测试楼${n}`, 12)
      const unit = await reg.unit(building.id, `组织生活测试公司${n}有限公司`)
      const org = await reg.org(`中共组织生活测试公司${n}支部委员会`, opts.type ?? 'branch', area, {
        establishedOn: opts.establishedOn === undefined ? '2020-07-01' : opts.establishedOn,
        hasCommittee: opts.hasCommittee ?? false,
        coversUnitIds: [unit.id],
      })
      const people: Array<{ id: number; name: string }> = []
      for (let i = 0; i < (opts.members ?? 4); i++) people.push(await reg.member(unit.id, org.id))
      await reg.send('PUT', `/api/party-orgs/${org.id}`, {
        name: org.name,
        type: org.type,
        areaCode: area,
        establishedOn: org.establishedOn,
        hasCommittee: org.hasCommittee,
        secretaryPersonId: people[0]!.id,
        coversUnitIds: [unit.id],
        version: org.version,
      })
      const username = `orglife_sec_${n}_${Math.random().toString(36).slice(2, 7)}`
      await ok(admin, 'POST', '/api/accounts', {
        username,
        displayName: `书记${n}`,
        password: 'secretary-password',
        grants: [{ role: 'secretary', scopeType: 'party_org', scopeId: String(org.id) }],
      })
      const secretary = await login(t.app, username, 'secretary-password')
      return {
        orgId: org.id as number,
        unitId: unit.id as number,
        buildingId: building.id as number,
        people,
        secretary,
        /** Signs the secretary in again (after the clock moved past the session's lifetime). */
        relogin: () => login(t.app, username, 'secretary-password'),
      }
    },
    /** A meeting everyone attended unless `status` says otherwise. */
    meeting(
      kindCode: string,
      startsAtLocal: string,
      people: Array<{ id: number }>,
      extra: Record<string, unknown> = {},
      status: (i: number) => 'present' | 'absent' | 'excused' = () => 'present',
    ) {
      return {
        kindCode,
        startsAt: at(startsAtLocal),
        topic: `${kindCode} ${startsAtLocal}`,
        roster: people.map((p, i) => ({ personId: p.id, status: status(i) })),
        ...extra,
      }
    },
    async admin() {
      return login(t.app, 'admin')
    },
    /** Layers 2 and 3 as the triggers left them, then as a full rebuild computes them: they must be equal. */
    async rollupsMatchRebuild() {
      const snapshot = async () => {
        const rows = async (query: string) => (await sql.raw(query).execute(t.ctx.db)).rows
        return {
          due: await rows('SELECT * FROM orglife_org_due ORDER BY 1, 2'),
          period: await rows('SELECT * FROM orglife_org_period ORDER BY 1, 2, 3'),
          month: await rows('SELECT * FROM orglife_org_month ORDER BY 1, 2'),
          streak: await rows('SELECT * FROM orglife_member_streak ORDER BY 1'),
          dueRollup: await rows('SELECT * FROM orglife_due_rollup WHERE orgs <> 0 ORDER BY 1, 2'),
          dueYearRollup: await rows('SELECT * FROM orglife_due_year_rollup WHERE orgs <> 0 ORDER BY 1, 2, 3'),
          absentee: await rows('SELECT * FROM orglife_absentee ORDER BY 1'),
          absenteeRollup: await rows('SELECT * FROM orglife_absentee_rollup WHERE members <> 0 ORDER BY 1'),
          periodRollup: await rows(
            'SELECT * FROM orglife_period_rollup WHERE met <> 0 OR held <> 0 ORDER BY 1, 2, 3',
          ),
          monthRollup: await rows(
            'SELECT * FROM orglife_month_rollup WHERE meetings <> 0 OR present <> 0 OR absent <> 0 OR excused <> 0 ORDER BY 1, 2',
          ),
        }
      }
      const kept = await snapshot()
      await sql`SELECT tx_orglife_rebuild()`.execute(t.ctx.db)
      const rebuilt = await snapshot()
      expect(kept).toEqual(rebuilt)
    },
  }
}
