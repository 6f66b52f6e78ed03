import type { Kysely } from 'kysely'
import type { DB } from '../../server/src/db/schema.ts'
import { addDays, weekday } from '../../server/src/lib/dates.ts'
import { insertAccount } from '../../server/src/modules/accounts/bootstrap.ts'
import {
  CRITERIA,
  nextMonth,
  prevMonth,
  weighTotal,
} from '../../server/src/modules/waste/assessment-rules.ts'
import { wasteDb } from '../../server/src/modules/waste/db.ts'
import type { Mistakes } from '../../server/src/modules/waste/schema.ts'
import { DEFAULT_RULE } from '../../server/src/modules/waste/stars.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import type { DemoBuilder } from './builder.ts'
import { rng } from './random.ts'
import { HONGMEI, SIIC, XUJIAHUI } from './xuhui.ts'

const MISTAKE_WEIGHTS = [
  ['wet', 0.5],
  ['recyclable', 0.25],
  ['dry', 0.2],
  ['hazardous', 0.05],
] as const

function spreadMistakes(wrong: number, r: ReturnType<typeof rng>): Mistakes {
  const out: Mistakes = {}
  for (let i = 0; i < wrong; i++) {
    let x = r.next()
    for (const [c, w] of MISTAKE_WEIGHTS) {
      if (x < w) {
        out[c] = (out[c] ?? 0) + 1
        break
      }
      x -= w
    }
  }
  return out
}

async function account(
  db: Kysely<DB>,
  username: string,
  displayName: string,
  grant: { role: string; scopeType: string; scopeId: string; areaCode: string },
) {
  return insertAccount(db, { username, displayName, password: DEMO_PASSWORD, grants: [grant] })
}

/**
 * Demo data of the waste module: 虹梅路街道's and 徐家汇街道's rules, and 上实大厦's noon patrols over the last
 * three months on two routes, the monthly dual assessments and its demonstration-building designation.
 * Uses its own seeded generator so the modules loaded after it draw the same numbers as before.
 */
export async function loadWasteDemo(b: DemoBuilder, accounts: ReadonlyMap<string, number>): Promise<void> {
  const db = wasteDb(b.db)
  const r = rng(20190701 + 6)
  for (const area of [HONGMEI, XUJIAHUI]) {
    await db
      .insertInto('waste_street_rule')
      .values({
        area_code: area,
        star_window: DEFAULT_RULE.starWindow,
        star_thresholds: DEFAULT_RULE.starThresholds,
        demo_months: DEFAULT_RULE.demoMonths,
        demo_min_score: DEFAULT_RULE.demoMinScore,
        demo_min_stars: DEFAULT_RULE.demoMinStars,
        updated_by: accounts.get('admin') ?? null,
      })
      .execute()
  }

  const siic = await b.db
    .selectFrom('building')
    .select(['id', 'area_code', 'floors'])
    .where('name', '=', SIIC.name)
    .executeTakeFirstOrThrow()
  const scope = { scopeType: 'building', scopeId: String(siic.id), areaCode: siic.area_code }
  const chief = await account(b.db, 'siic_chief', '上实大厦楼长', { role: 'building_chief', ...scope })
  const volunteer = await account(b.db, 'siic_volunteer', '上实大厦党员志愿者', { role: 'member', ...scope })
  const street = await account(b.db, 'xujiahui_admin', '徐家汇街道社工委', {
    role: 'street_admin',
    scopeType: 'area',
    scopeId: XUJIAHUI,
    areaCode: XUJIAHUI,
  })

  const routes = [
    { name: '午间巡查·低区', floors: range(3, 20), lead: volunteer },
    { name: '午间巡查·高区', floors: range(21, siic.floors), lead: chief },
  ]
  const today = b.today
  const start = addDays(today, -91)
  const monthlyRates = new Map<string, { checked: number; right: number }>()
  for (const route of routes) {
    const { id: routeId } = await db
      .insertInto('waste_patrol_route')
      .values({ building_id: siic.id, name: route.name, floors: route.floors, lead_account_id: route.lead })
      .returning('id')
      .executeTakeFirstOrThrow()
    // Each floor has its own habits; all improve over the three months as the patrols go on. By the last
    // weeks every floor sorts at least ~91% right, and a patrol counts a wrong bag only for each whole bag
    // its rate misses (a mistake needs 12+ bags), so the four-patrol star window stays at 90%+ (4★) whatever
    // day the demo is loaded on. Rounding a 92% rate on 8 bags to 7 right once gave floors 3★ on some days.
    const base = new Map(route.floors.map((f) => [f, 0.94 + r.next() * 0.05]))
    const rows = []
    for (let d = start, day = 0; d < today; d = addDays(d, 1), day++) {
      if (weekday(d) === 0 || weekday(d) === 6) continue
      const progress = day / 91
      for (const floor of route.floors) {
        const checked = r.int(8, 22)
        const q = Math.min(1, base.get(floor)! - (1 - progress) * 0.12 + (r.next() - 0.5) * 0.04)
        const right = checked - Math.floor(checked * (1 - Math.max(0, q)))
        const at = new Date(`${d}T12:${String(5 + (floor % 50)).padStart(2, '0')}:00+08:00`)
        rows.push({
          route_id: routeId,
          building_id: siic.id,
          floor,
          patrol_date: d,
          bags_checked: checked,
          bags_right: right,
          mistakes: JSON.stringify(spreadMistakes(checked - right, r)),
          note: checked - right >= 4 ? '湿垃圾未破袋较多，已在楼层群提醒' : null,
          recorded_by: r.chance(0.7) ? volunteer : chief,
          recorded_at: at,
          updated_at: at,
          updated_by: null,
        })
        const m = monthlyRates.get(d.slice(0, 7)) ?? { checked: 0, right: 0 }
        m.checked += checked
        m.right += right
        monthlyRates.set(d.slice(0, 7), m)
      }
    }
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('waste_patrol')
        .values(rows.slice(i, i + 500))
        .execute()
  }

  // One correction, as a lead makes them: the history keeps what the volunteer first sent.
  const fix = await db
    .selectFrom('waste_patrol')
    .select(['id', 'bags_checked', 'bags_right', 'mistakes', 'note', 'recorded_at'])
    .where('building_id', '=', siic.id)
    .where('floor', '=', 12)
    .orderBy('patrol_date', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  if (fix.bags_right > 0) {
    await db
      .insertInto('waste_patrol_history')
      .values({
        patrol_id: fix.id,
        version: 1,
        before: JSON.stringify({
          bagsChecked: fix.bags_checked,
          bagsRight: fix.bags_right,
          mistakes: fix.mistakes,
          note: fix.note,
        }),
        reason: '志愿者把干垃圾袋数记进了正确数，组长复核后更正',
        changed_by: volunteer,
        changed_at: new Date(fix.recorded_at.getTime() + 3_600_000),
      })
      .execute()
    await db
      .updateTable('waste_patrol')
      .set({
        bags_right: fix.bags_right - 1,
        mistakes: JSON.stringify({
          ...(fix.mistakes as Mistakes),
          dry: ((fix.mistakes as Mistakes).dry ?? 0) + 1,
        }),
        version: 2,
        updated_by: volunteer,
      })
      .where('id', '=', fix.id)
      .execute()
  }

  // The last three complete months, each assessed on both sides by the street in the first days after.
  const thisMonth = today.slice(0, 7)
  const months = [
    prevMonth(prevMonth(prevMonth(thisMonth))),
    prevMonth(prevMonth(thisMonth)),
    prevMonth(thisMonth),
  ]
  for (const month of months) {
    const rate = monthlyRates.get(month)
    const scores = {
      property: CRITERIA.property.map((c) => ({
        criterion: c.key,
        score: r.int(86, 98),
        evidence: propertyEvidence[c.key] ?? null,
      })),
      tenants: [
        {
          criterion: 'floors',
          score: rate ? Math.round((rate.right / rate.checked) * 1000) / 10 : 88,
          evidence: rate ? `当月巡查 ${rate.checked} 袋，正确 ${rate.right} 袋` : null,
        },
        {
          criterion: 'participation',
          score: r.int(86, 96),
          evidence: '党员志愿者每日午间巡查；当月分类培训一次',
        },
      ],
    }
    for (const party of ['property', 'tenants'] as const) {
      const w = weighTotal(party, scores[party])
      if (!('total' in w)) throw new Error(`demo assessment ${party} ${month} invalid`)
      await db
        .insertInto('waste_assessment')
        .values({
          building_id: siic.id,
          month: `${month}-01`,
          party,
          scores: JSON.stringify(scores[party]),
          total: w.total,
          assessed_by: street,
          assessed_at: new Date(`${nextMonth(month)}-03T10:00:00+08:00`),
        })
        .execute()
    }
  }
  // Named a demonstration building on the first day of this month, after three months that met the rules.
  await db
    .insertInto('waste_demo_building')
    .values({
      building_id: siic.id,
      designated_on: `${thisMonth}-01`,
      designated_by: street,
      note: '连续三个月物业、客户双考核达标，各楼层四星以上',
    })
    .execute()
}

const propertyEvidence: Record<string, string> = {
  bins: '每层四分类桶齐全，现场检查无破损',
  rooms: '垃圾房每日清洗，设语音提示',
  collection: '湿垃圾每日 13:30 前清运',
  signage: '电梯厅张贴分类指引，大堂设查询屏',
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
