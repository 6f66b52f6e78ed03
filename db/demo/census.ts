import { addMonths } from '../../server/src/modules/census/freshness.ts'
import { insertVisit } from '../../server/src/modules/census/visits.repository.ts'
import type { DemoBuilder } from './builder.ts'
import { FENGXIAN } from './fengxian.ts'

const CHIEF_BUILDING = '绿地翡翠国际广场'
const ALL = ['building', 'units', 'orgs', 'members', 'stations'] as const
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/**
 * The seed page's census: "区社工委自去年6月起 … 通过党建条线联合经济条线共同走访、微信扫楼等方式 … 做到五个清".
 * Every in-scope building had a joint visit with the district's economic commission eleven months ago (all
 * five parts verified, now stale); since then, by building order: every third building had a 微信扫楼 or
 * joint visit in the last month (fully fresh), the next one a 微信扫楼 about five months ago that verified the
 * building and its units (fresh, due within the month), and the third nothing more (all five stale). The
 * chief's building is visited by its chief three weeks ago. Dates count back from the load date.
 */
export async function loadCensusDemo(b: DemoBuilder, accountIds: Map<string, number>) {
  const buildings = await b.db
    .selectFrom('building')
    .select(['id', 'name', 'area_code'])
    .where('in_census_scope', '=', true)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  const staff = (area: string | null) =>
    accountIds.get(area?.startsWith(FENGXIAN) ? 'fengxian_admin' : 'admin')!
  const followUps = [
    { text: '补登新入驻单位的楼层', days: 14 },
    { text: '核对联合党支部覆盖的单位名单', days: -5 },
  ]
  for (const [i, bd] of buildings.entries()) {
    const base = {
      buildingId: bd.id,
      visitors: '区社工委、区经委联合走访组',
      note: null,
      followUps: [] as { text: string; dueOn: string }[],
    }
    await insertVisit(b.db, {
      ...base,
      visitedOn: addDays(addMonths(b.today, -11), -(i % 20)),
      kind: 'joint',
      department: '区经济委员会',
      recordedBy: staff(bd.area_code),
      findings: ALL.map((part) => ({ part, verified: true, note: null })),
    })
    if (bd.name === CHIEF_BUILDING) {
      await insertVisit(b.db, {
        ...base,
        visitors: null,
        visitedOn: addDays(b.today, -21),
        kind: 'onsite',
        department: null,
        recordedBy: accountIds.get('chief_demo')!,
        note: '楼内仍无党建工作站，物业愿意提供一楼大堂空间',
        findings: ALL.map((part) => ({
          part,
          verified: true,
          note: part === 'stations' ? '尚无党建工作站' : null,
        })),
        followUps: [{ text: '与物业商定党建服务站选址', dueOn: addDays(b.today, 30) }],
      })
    } else if (i % 3 === 0) {
      const f = followUps[(i / 3) % followUps.length]!
      const visitedOn = addDays(b.today, -(10 + (i % 15)))
      await insertVisit(b.db, {
        ...base,
        visitors: i % 2 === 0 ? null : base.visitors,
        visitedOn,
        kind: i % 2 === 0 ? 'wechat' : 'joint',
        department: i % 2 === 0 ? null : '区市场监管局',
        recordedBy: staff(bd.area_code),
        findings: ALL.map((part) => ({ part, verified: true, note: null })),
        followUps:
          i < 9
            ? [
                {
                  text: f.text,
                  dueOn: addDays(b.today, f.days), // after the visit: it is 10 days ago at least
                },
              ]
            : [],
      })
    } else if (i % 3 === 1) {
      await insertVisit(b.db, {
        ...base,
        visitors: null,
        visitedOn: addDays(addMonths(b.today, -5), -(10 + (i % 7))),
        kind: 'wechat',
        department: null,
        recordedBy: staff(bd.area_code),
        findings: [
          { part: 'building', verified: true, note: null },
          { part: 'units', verified: true, note: '楼层登记与现场一致' },
        ],
      })
    }
  }
}
