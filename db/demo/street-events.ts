import { addDays } from '../../server/src/lib/dates.ts'
import type { DemoBuilder } from './builder.ts'
import { JINHAI } from './fengxian.ts'
import { rng } from './random.ts'
import { HONGMEI, SIIC, XUJIAHUI } from './xuhui.ts'

const DAY = 86_400_000
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)

/** The latest `MM-DD` on or before the day before `today`: a dated event of the page, already held. */
function lastOn(today: string, monthDay: string) {
  const year = Number(today.slice(0, 4))
  const thisYear = `${year}-${monthDay}`
  return thisYear < today ? thisYear : `${year - 1}-${monthDay}`
}

interface Plan {
  day: string
  hours: [string, string]
  kind: 'activity' | 'training' | 'theme_day'
  theme: 'civility' | 'culture' | 'health' | 'home' | 'public_good'
  title: string
  description: string
  building?: string
  location: string
  capacity: number
}

/**
 * The events the seed page tells of in three streets, organised by those streets' own organisations:
 * 徐家汇's February 垃圾分类 launch at 上实大厦 and its trainings; 虹梅路's 生活垃圾减量100+行动 (the April
 * launch, 分类微课 in the firms, 环保彩绘, the 玄“圾”妙策 exhibition); 金海's 绿色共享 launch, 社绿家's
 * environmental lectures, 南上海音乐艺术工作室's charity performance and dance classes, and 智慧源's 0–3
 * parenting lectures. Past ones held with attendance, the rest coming. Dates follow the load day.
 */
export async function loadStreetEvents(b: DemoBuilder, accounts: ReadonlyMap<string, number>) {
  const rand = rng(20190226)
  const t = b.today
  const org = async (name: string) =>
    (await b.db.selectFrom('party_org').select('id').where('name', '=', name).executeTakeFirst())?.id
  const streets: Array<{ area: string; organiser: string; creator: string; plans: Plan[] }> = [
    {
      area: XUJIAHUI,
      organiser: '中共上海实业大厦楼宇联合总支部委员会',
      creator: 'xujiahui_admin',
      plans: [
        {
          day: lastOn(t, '02-26'),
          hours: ['12:00', '13:30'],
          kind: 'activity',
          theme: 'civility',
          title: '“垃圾分类，人人参与”宣传活动',
          description:
            '徐家汇街道社区党委、社区“新联盟之家”、上实大厦物业管理处和楼宇联合党支部联合举办：发放《上海市生活垃圾全程分类宣传指导手册》，现场模拟投放。',
          building: SIIC.name,
          location: '上海实业大厦 一楼大堂',
          capacity: 120,
        },
        ...[-30, -9, 6].map(
          (d): Plan => ({
            day: addDays(t, d),
            hours: ['12:15', '13:00'],
            kind: 'training',
            theme: 'civility',
            title: '午间垃圾分类培训：干垃圾、湿垃圾、可回收物',
            description: '保洁阿姨到企业讲解办公室三类常见垃圾的投放，白领党员带头。',
            building: SIIC.name,
            location: '上海实业大厦 多功能厅',
            capacity: 60,
          }),
        ),
        {
          day: addDays(t, 20),
          hours: ['16:00', '17:30'],
          kind: 'activity',
          theme: 'civility',
          title: '变废为宝：卷筒纸芯节日宫灯制作',
          description: '物业与白领志愿者用可回收物制作大堂装饰，延续上实大厦“绿色宝贝”的传统。',
          building: SIIC.name,
          location: '上海实业大厦 一楼大堂',
          capacity: 40,
        },
      ],
    },
    {
      area: HONGMEI,
      organiser: '中共虹梅路街道园区楼宇综合委员会',
      creator: 'hongmei_admin',
      plans: [
        {
          day: lastOn(t, '04-18'),
          hours: ['12:00', '14:00'],
          kind: 'activity',
          theme: 'civility',
          title: '“见‘圾’行事，分‘投’行动”生活垃圾减量100+行动启动',
          description:
            '区委组织部（区社工委）、区委宣传部（文明办）、区绿化市容局、虹梅街道党工委共同举办，61个点位多点齐发。',
          building: '海博园区1号楼',
          location: '海博园区1号楼 广场',
          capacity: 200,
        },
        ...(
          [
            [-21, '普天科技园1号楼'],
            [-7, 'G7软件园1号楼'],
            [5, '复星科技园1号楼'],
            [19, '漕河泾科技绿洲1号楼'],
          ] as const
        ).map(
          ([d, building]): Plan => ({
            day: addDays(t, d),
            hours: ['12:30', '13:15'],
            kind: 'training',
            theme: 'civility',
            title: '垃圾分类微课进企业',
            description: '党员和白领志愿者化身“专业宣讲员”，到企业开设分类微课。',
            building,
            location: `${building} 会议室`,
            capacity: 50,
          }),
        ),
        {
          day: addDays(t, -14),
          hours: ['15:00', '17:00'],
          kind: 'activity',
          theme: 'civility',
          title: '“兼职美化师”园区环保彩绘',
          description: '白领和党员在漕河泾开发区里开展环保彩绘。',
          building: '桂箐创意园1号楼',
          location: '桂箐创意园 步行街',
          capacity: 40,
        },
        {
          day: addDays(t, -3),
          hours: ['14:00', '15:30'],
          kind: 'theme_day',
          theme: 'civility',
          title: '生态文明系列主题党日',
          description: '普天科技园党员走进垃圾库房和楼宇食堂，体验午间值守。',
          building: '普天科技园2号楼',
          location: '普天科技园2号楼 党员活动室',
          capacity: 40,
        },
        {
          day: addDays(t, 12),
          hours: ['10:00', '17:00'],
          kind: 'activity',
          theme: 'public_good',
          title: '“玄‘圾’妙策”闲置物品装置展',
          description:
            '虹梅庭公益服务中心、辖区企业与社区环保达人共同策划，用工作和生活中的闲置物品创作装置。',
          building: '华鑫慧享城1号楼',
          location: '华鑫慧享城1号楼 中庭',
          capacity: 150,
        },
      ],
    },
    {
      area: JINHAI,
      organiser: '中共金海街道社会组织联合会总支部委员会',
      creator: 'jinhai_admin',
      plans: [
        {
          day: lastOn(t, '01-12'),
          hours: ['09:30', '11:30'],
          kind: 'activity',
          theme: 'civility',
          title: '“水天一色 贤城志愿”金海美丽行暨“益齐行动 绿色共享”主题活动',
          description:
            '金海社区志愿服务中心与上海社绿家环保中心联手，组织党员志愿者团队向全社会推广垃圾分类。',
          location: '金海社区党建服务中心 广场',
          capacity: 150,
        },
        ...[-35, -14, 7, 28].map(
          (d): Plan => ({
            day: addDays(t, d),
            hours: ['14:00', '15:30'],
            kind: 'training',
            theme: 'civility',
            title: '社绿家环保课堂：自制环保护肤霜',
            description: '上海社绿家环保中心老师讲解垃圾分类减量，市民动手制作环保护肤霜。',
            location: '金海社区党建服务中心 多功能厅',
            capacity: 40,
          }),
        ),
        {
          day: addDays(t, -30),
          hours: ['14:00', '15:30'],
          kind: 'activity',
          theme: 'culture',
          title: '南上海音乐艺术工作室义演：走进金海社区老年服务中心',
          description: '载歌载舞，快板相声，为老人们送上文艺演出。',
          location: '金海社区老年服务中心',
          capacity: 80,
        },
        ...[-10, 4, 18].map(
          (d): Plan => ({
            day: addDays(t, d),
            hours: ['18:30', '20:00'],
            kind: 'training',
            theme: 'culture',
            title: '南上海音乐艺术工作室歌舞培训',
            description: '为广场舞爱好者提供歌舞培训，在家门口享受专业服务。',
            location: '金海社区党建服务中心 多功能厅',
            capacity: 30,
          }),
        ),
        ...[-25, 5].map(
          (d): Plan => ({
            day: addDays(t, d),
            hours: ['09:30', '11:00'],
            kind: 'training',
            theme: 'home',
            title: '智慧源0-3岁科学哺育讲座',
            description: '智慧源教育培训中心按孩子年龄分六阶段，帮助新晋爸爸妈妈了解如何照顾和培养宝宝。',
            location: '金海社区党建服务中心 亲子活动室',
            capacity: 30,
          }),
        ),
      ],
    },
  ]

  const now = new Date(`${t}T12:00:00+08:00`)
  for (const s of streets) {
    const organiser = await org(s.organiser)
    if (!organiser) continue
    const creator = accounts.get(s.creator) ?? null
    const buildingIds = new Map(
      (
        await b.db.selectFrom('building').select(['id', 'name']).where('area_code', '=', s.area).execute()
      ).map((x) => [x.name, x.id]),
    )
    // Those who come: members working in the street (or, for 金海, placed there by their organisation).
    const pool = await b.db
      .selectFrom('member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.person_id', 'p.name'])
      .where('m.counted', '=', true)
      .where('m.area_code', '=', s.area)
      .orderBy('m.person_id')
      .limit(200)
      .execute()
    for (const p of s.plans) {
      const startsAt = at(p.day, p.hours[0])
      const endsAt = at(p.day, p.hours[1])
      const { id } = await b.db
        .insertInto('event')
        .values({
          kind: p.kind,
          theme: p.theme,
          title: p.title,
          description: p.description,
          area_code: s.area,
          building_id: p.building ? (buildingIds.get(p.building) ?? null) : null,
          location: p.location,
          organiser_org_id: organiser,
          starts_at: startsAt,
          ends_at: endsAt,
          capacity: p.capacity,
          audience: 'all',
          audience_ids: [],
          created_by: creator,
          created_at: new Date(startsAt.getTime() - 14 * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const past = endsAt < now
      const want = Math.min(p.capacity, Math.max(3, Math.round(pool.length * (rand.int(20, 50) / 100))))
      const chosen = pool.filter(() => rand.chance(want / Math.max(1, pool.length))).slice(0, p.capacity)
      if (chosen.length === 0) continue
      await b.db
        .insertInto('event_registration')
        .values(
          chosen.map((m, k) => {
            // At least the first who signed up came, so every event already held has attendance.
            const came = past && (k === 0 || rand.chance(0.8))
            return {
              event_id: id,
              person_id: m.person_id,
              account_id: null,
              name: m.name,
              status: past ? (came ? 'attended' : 'no_show') : 'registered',
              registered_at: new Date(startsAt.getTime() - rand.int(2, 10) * DAY),
              attended_at: came ? new Date(startsAt.getTime() + rand.int(-10, 15) * 60_000) : null,
            }
          }),
        )
        .execute()
    }
  }
}
