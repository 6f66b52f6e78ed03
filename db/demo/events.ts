import type { Kysely } from 'kysely'
import type { DB } from '../../server/src/db/schema.ts'
import { searchText } from '../../server/src/lib/pinyin.ts'
import { bookRoom } from '../../server/src/modules/events/bookings.ts'
import { MEMBER_DEMO_NAME } from './accounts.ts'
import type { DemoBuilder } from './builder.ts'
import { rng } from './random.ts'

const FENGXIAN = '310120'
const FENGPU = '310120002'
const NANQIAO = '310120101'
const DAY = 86_400_000

// 四名: 名校 名师 名企 名媒 — two of each, invented for the demo.
const LECTURERS = [
  {
    name: '陈立新',
    kind: 'university',
    organisation: '华东理工大学马克思主义学院',
    title: '教授',
    topics: '党的创新理论',
  },
  {
    name: '周慧敏',
    kind: 'university',
    organisation: '上海师范大学',
    title: '副教授',
    topics: '党史·新中国史',
  },
  {
    name: '王建国',
    kind: 'expert',
    organisation: '奉贤区委党校',
    title: '高级讲师',
    topics: '基层治理、楼宇党建',
  },
  {
    name: '李思远',
    kind: 'expert',
    organisation: '上海市法学会',
    title: '研究员',
    topics: '民营经济促进政策',
  },
  {
    name: '张海燕',
    kind: 'enterprise',
    organisation: '上海百联集团',
    title: '党委书记',
    topics: '企业党建与发展',
  },
  {
    name: '刘志强',
    kind: 'enterprise',
    organisation: '东方美谷化妆品产业联盟',
    title: '理事长',
    topics: '美丽健康产业',
  },
  { name: '赵明', kind: 'media', organisation: '解放日报', title: '资深记者', topics: '新时代的新闻与舆论' },
  { name: '孙悦', kind: 'media', organisation: '奉贤融媒体中心', title: '主持人', topics: '讲好楼宇故事' },
] as const

const LECTURE_TITLES = [
  '学习贯彻党的二十大精神',
  '百年党史中的初心与使命',
  '新质生产力与民营企业',
  '优化营商环境政策解读',
  '楼宇党建的“奉贤实践”',
  '从“东方美谷”看产业升级',
  '数字时代的青年与担当',
  '法治护航企业发展',
]

/** 五个我来: 经济发展, 和谐关系, 家园治理, 公益服务, 文明风尚 — one activity per theme and place. */
const THEMED = [
  { theme: 'economy', title: '“我来助发展”企业政策沙龙' },
  { theme: 'harmony', title: '“我来促和谐”劳动关系恳谈会' },
  { theme: 'home', title: '“我来管家园”楼宇议事会' },
  { theme: 'public_good', title: '“我来做公益”爱心义卖' },
  { theme: 'civility', title: '“我来树新风”垃圾分类宣传' },
] as const

/** Shanghai local day + time → instant. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)

/**
 * Demo data of the events module: the 百场党课进两新 campaign (lectures in 南桥镇's 江海园区 and in 奉浦's
 * buildings by lecturers of the four kinds), the 贤韵修身堂 / 养生堂 / 亲子汇 series at 奉浦街道's stations,
 * 五个我来 themed activities, and registrations with attendance so participation figures mean something.
 * Uses its own random stream so the other modules' demo data do not move when this one changes.
 */
export async function loadEventsDemo(b: DemoBuilder, accounts: ReadonlyMap<string, number>): Promise<void> {
  const db = b.db
  const rand = rng(20240701)
  const today = b.today
  const year = today.slice(0, 4)
  const creator = accounts.get('fengxian_admin') ?? null

  const lecturerIds: Record<string, number[]> = {}
  for (const l of LECTURERS) {
    const { id } = await db
      .insertInto('lecturer')
      .values({ ...l, area_code: FENGXIAN })
      .returning('id')
      .executeTakeFirstOrThrow()
    lecturerIds[l.kind] = [...(lecturerIds[l.kind] ?? []), id]
  }

  // Rooms in 奉浦's stations and 金海's centre.
  const stations = await db
    .selectFrom('station')
    .select(['id', 'name', 'area_code', 'building_id'])
    .where('area_code', 'like', `${FENGXIAN}%`)
    .orderBy('id')
    .execute()
  const rooms: Array<{ id: number; areaCode: string; buildingId: number | null; capacity: number }> = []
  for (const s of stations) {
    for (const [name, capacity] of [
      ['多功能厅', 80],
      ['党员活动室', 30],
    ] as const) {
      const { id } = await db
        .insertInto('station_room')
        .values({ station_id: s.id, name, capacity, opens_at: '08:30', closes_at: '21:00' })
        .returning('id')
        .executeTakeFirstOrThrow()
      rooms.push({ id, areaCode: s.area_code, buildingId: s.building_id, capacity })
    }
  }
  const fengpuRooms = rooms.filter((r) => r.areaCode === FENGPU)

  const { id: campaignId } = await db
    .insertInto('campaign')
    .values({
      name: '百场党课进“两新”',
      area_code: FENGXIAN,
      event_kind: 'lecture',
      target_count: 100,
      starts_on: `${year}-01-01`,
      ends_on: `${year}-12-31`,
      description: '“四名”工程：名校、名师、名企、名媒走进商务楼宇和园区，全年100场党课。',
      created_by: creator,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const buildings = await db
    .selectFrom('building')
    .select(['id', 'name', 'area_code'])
    .where('area_code', 'in', [NANQIAO, FENGPU])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  const jianghai = buildings.find((x) => x.name === '江海园区总部大楼')
  const membersOf = async (buildingId: number | null, areaCode: string) =>
    db
      .selectFrom('member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.person_id', 'p.name'])
      .where('m.counted', '=', true)
      .$if(buildingId !== null, (q) => q.where('m.building_id', '=', buildingId))
      .$if(buildingId === null, (q) => q.where('m.area_code', '=', areaCode))
      .orderBy('m.person_id')
      .limit(300)
      .execute()

  // member_demo (王小青) is a member working in 奉浦大厦: the member the account links to is named so, as
  // the account is, so the name on the account, on the member's record and on sign-in sheets agree.
  const memberAccount = accounts.get('member_demo')
  const fengpuTower = buildings.find((x) => x.name === '奉浦大厦')
  let demoPerson: number | null = null
  if (memberAccount && fengpuTower) {
    const p = (await membersOf(fengpuTower.id, FENGPU))[0]
    if (p) {
      demoPerson = p.person_id
      await db
        .updateTable('person')
        .set({ name: MEMBER_DEMO_NAME, search_text: searchText(MEMBER_DEMO_NAME) })
        .where('id', '=', p.person_id)
        .execute()
      await db
        .insertInto('account_person_link')
        .values({ account_id: memberAccount, person_id: p.person_id })
        .execute()
    }
  }

  const now = new Date(`${today}T12:00:00+08:00`)
  const ctx = { db, rand, now, demoPerson, memberAccount: memberAccount ?? null, creator, membersOf }

  // Lectures every ~4 days from New Year to six weeks ahead: past ones held with attendance.
  const yearStart = `${year}-01-06`
  const last = addDays(today, 42)
  let n = 0
  for (let day = yearStart; day <= last && day <= `${year}-12-20`; day = addDays(day, rand.int(3, 5))) {
    const inJianghai = jianghai && n % 3 === 0
    const building = inJianghai ? jianghai : buildings[n % buildings.length]!
    const kinds = Object.keys(lecturerIds)
    const kind = kinds[n % kinds.length]!
    await addEvent(ctx, {
      kind: 'lecture',
      theme: rand.pick(['party_history', 'policy', 'economy', 'policy'] as const),
      title: `党课：${LECTURE_TITLES[n % LECTURE_TITLES.length]}`,
      areaCode: building.area_code,
      buildingId: building.id,
      location: inJianghai ? '江海园区总部大楼 一楼报告厅' : `${building.name} 会议室`,
      startsAt: at(day, '14:00'),
      endsAt: at(day, '15:30'),
      capacity: rand.pick([40, 60, 80]),
      campaignId,
      lecturerIds: [rand.pick(lecturerIds[kind]!)],
      audience: 'all',
    })
    n++
  }

  // 贤韵 series at 奉浦's stations: weekly, from four weeks ago, eight sessions each, in their own rooms.
  if (fengpuRooms.length >= 3) {
    const series = [
      { title: '贤韵修身堂·读书会', theme: 'culture', hhmm: ['18:30', '20:00'], room: fengpuRooms[0]! },
      { title: '贤韵养生堂·中医健康讲座', theme: 'health', hhmm: ['12:00', '13:00'], room: fengpuRooms[1]! },
      { title: '贤韵亲子汇·周末亲子手工', theme: 'home', hhmm: ['10:00', '11:30'], room: fengpuRooms[2]! },
    ] as const
    for (const s of series) {
      const { id: seriesId } = await db
        .insertInto('event_series')
        .values({ rrule: 'FREQ=WEEKLY;COUNT=8', created_by: creator })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (let w = 0; w < 8; w++) {
        const day = addDays(today, (w - 4) * 7 + 1)
        await addEvent(ctx, {
          kind: 'activity',
          theme: s.theme,
          title: s.title,
          areaCode: FENGPU,
          buildingId: s.room.buildingId,
          stationRoomId: s.room.id,
          startsAt: at(day, s.hhmm[0]),
          endsAt: at(day, s.hhmm[1]),
          capacity: Math.min(30, s.room.capacity),
          seriesId,
          audience: 'all',
        })
      }
    }
  }

  // 五个我来 themed activities in 奉浦 and 南桥 buildings, some past and some coming.
  let k = 0
  for (const place of buildings.slice(0, 10)) {
    const t = THEMED[k % THEMED.length]!
    const day = addDays(today, rand.int(-60, 30))
    await addEvent(ctx, {
      kind: k % 4 === 0 ? 'theme_day' : 'activity',
      theme: t.theme,
      title: t.title,
      areaCode: place.area_code,
      buildingId: place.id,
      location: `${place.name} 大堂`,
      startsAt: at(day, '16:00'),
      endsAt: at(day, '17:30'),
      capacity: 50,
      audience: 'buildings',
      audienceIds: [place.id],
    })
    k++
  }
}

interface DemoCtx {
  db: Kysely<DB>
  rand: ReturnType<typeof rng>
  now: Date
  demoPerson: number | null
  memberAccount: number | null
  creator: number | null
  membersOf: (
    buildingId: number | null,
    areaCode: string,
  ) => Promise<Array<{ person_id: number; name: string }>>
}

async function addEvent(
  c: DemoCtx,
  e: {
    kind: string
    theme: string
    title: string
    areaCode: string
    buildingId: number | null
    stationRoomId?: number
    location?: string
    startsAt: Date
    endsAt: Date
    capacity: number
    campaignId?: number
    seriesId?: number
    lecturerIds?: number[]
    audience: 'all' | 'buildings'
    audienceIds?: number[]
  },
) {
  const { id } = await c.db
    .insertInto('event')
    .values({
      kind: e.kind,
      theme: e.theme,
      title: e.title,
      area_code: e.areaCode,
      building_id: e.buildingId,
      station_room_id: e.stationRoomId ?? null,
      location: e.location ?? null,
      starts_at: e.startsAt,
      ends_at: e.endsAt,
      capacity: e.capacity,
      campaign_id: e.campaignId ?? null,
      series_id: e.seriesId ?? null,
      audience: e.audience,
      audience_ids: e.audienceIds ?? [],
      created_by: c.creator,
      created_at: new Date(e.startsAt.getTime() - 14 * DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (e.lecturerIds?.length) {
    await c.db
      .insertInto('event_lecturer')
      .values(e.lecturerIds.map((l) => ({ event_id: id, lecturer_id: l })))
      .execute()
  }
  if (e.stationRoomId) {
    await bookRoom(c.db, {
      roomId: e.stationRoomId,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      purpose: e.title,
      eventId: id,
      by: c.creator,
    })
  }
  // Registrations: a share of the building's members (or the street's), attendance for events already held.
  const pool = await c.membersOf(e.buildingId, e.areaCode)
  const past = e.endsAt < c.now
  const want = Math.min(e.capacity, Math.round(pool.length * (c.rand.int(25, 60) / 100)))
  const chosen = pool.filter(() => c.rand.chance(want / Math.max(1, pool.length)))
  const rows = chosen.slice(0, e.capacity).map((p) => {
    const came = past && c.rand.chance(0.8)
    return {
      event_id: id,
      person_id: p.person_id,
      account_id: p.person_id === c.demoPerson ? c.memberAccount : null,
      name: p.name,
      status: past ? (came ? 'attended' : 'no_show') : 'registered',
      registered_at: new Date(e.startsAt.getTime() - c.rand.int(2, 10) * DAY),
      attended_at: came ? new Date(e.startsAt.getTime() + c.rand.int(-10, 15) * 60_000) : null,
    }
  })
  if (rows.length > 0) await c.db.insertInto('event_registration').values(rows).execute()
}
