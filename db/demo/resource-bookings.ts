import { searchText } from '../../server/src/lib/pinyin.ts'
import type { DemoBuilder } from './builder.ts'
import { FENGPU } from './fengxian.ts'

const FENGXIAN = '310120'
const WEEKDAYS = [1, 2, 3, 4, 5]

/**
 * Bookable resources (资源预约): a university's shared instrument open to 奉贤 without approval, the 杨妈妈
 * platform's meeting room (provider_demo owns it) on approval, and two of the alliance's own resources.
 * A few bookings on the next working days: approved, pending in the
 * owners' queues, one declined. Fixed texts and times relative to the load date, no random draws.
 */
export async function loadResourceBookingsDemo(b: DemoBuilder, accountIds: Map<string, number>) {
  const account = async (username: string) =>
    accountIds.get(username) ??
    (await b.db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id
  const university = (
    await b.db
      .insertInto('unit')
      .values({
        uscc: b.uscc(FENGXIAN),
        name: '上海应用技术大学（奉贤校区）',
        kind: 'agency',
        industry: '教育',
        area_code: FENGPU,
        employees: 1800,
        settled_on: '2007-09-01',
        search_text: searchText('上海应用技术大学（奉贤校区）'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const yangmama = Number(
    (
      await b.db
        .selectFrom('role_grant')
        .select('scope_id')
        .where('account_id', '=', await account('provider_demo'))
        .where('scope_type', '=', 'unit')
        .executeTakeFirstOrThrow()
    ).scope_id,
  )
  const hours = (opens: string, closes: string) =>
    JSON.stringify(WEEKDAYS.map((day) => ({ day, opens, closes })))
  const resource = async (o: {
    provider: number
    name: string
    description: string
    category: string
    approval: boolean
    opens: string
    closes: string
  }) =>
    (
      await b.db
        .insertInto('offering')
        .values({
          provider_unit_id: o.provider,
          // Outside the alliance's own lists (whose 11 resources the seed page counts), as 同心荟's providers are.
          alliance_id: null,
          list: 'resource',
          category_code: o.category,
          name: o.name,
          description: o.description,
          area_codes: [FENGXIAN],
          schedule: hours(o.opens, o.closes),
          eligibility: JSON.stringify({}),
          last_verified_on: b.today,
          search_text: searchText(o.name, o.description),
          bookable: true,
          booking_needs_approval: o.approval,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const instrument = await resource({
    provider: university,
    name: '共享扫描电子显微镜',
    description: '材料学院测试中心的扫描电镜，向联盟企业开放共享；按小时预约，需自备样品。',
    category: 'enterprise.equipment',
    approval: false,
    opens: '09:00',
    closes: '17:00',
  })
  const room = await resource({
    provider: yangmama,
    name: '“杨妈妈”众创空间会议室',
    description: '12 人会议室，带投屏；预约后由平台确认。',
    category: 'party.venue',
    approval: true,
    opens: '09:00',
    closes: '18:00',
  })
  // Two of the alliance's own resources become bookable: its building meeting room on approval, its shared
  // testing instruments directly.
  for (const [name, approval] of [
    ['楼宇会议室', true],
    ['共享检测仪器', false],
  ] as const)
    await b.db
      .updateTable('offering')
      .set({ bookable: true, booking_needs_approval: approval })
      .where('name', '=', name)
      .where('list', '=', 'resource')
      .execute()

  // The next working days after the load date, Shanghai time.
  const days: string[] = []
  for (let d = 1; days.length < 3; d++) {
    const day = new Date(`${b.today}T12:00:00+08:00`)
    day.setUTCDate(day.getUTCDate() + d)
    const wd = day.getUTCDay()
    if (wd !== 0 && wd !== 6) days.push(day.toISOString().slice(0, 10))
  }
  const slot = (day: string, from: string, to: string) => ({
    starts_at: new Date(`${day}T${from}:00+08:00`),
    ends_at: new Date(`${day}T${to}:00+08:00`),
  })
  const member = await account('member_demo')
  const chief = await account('chief_demo')
  const provider = await account('provider_demo')
  await b.db
    .insertInto('resource_booking')
    .values([
      {
        offering_id: instrument,
        booked_by: member,
        purpose: '电池隔膜样品表面形貌检测',
        status: 'approved',
        ...slot(days[0]!, '10:00', '12:00'),
      },
      {
        offering_id: instrument,
        booked_by: chief,
        purpose: '涂层厚度抽检',
        status: 'approved',
        ...slot(days[0]!, '14:00', '15:30'),
      },
      {
        offering_id: room,
        booked_by: member,
        purpose: '支部委员会月度会议',
        status: 'pending',
        ...slot(days[1]!, '14:00', '15:30'),
      },
      {
        offering_id: room,
        booked_by: chief,
        purpose: '楼宇物业协调会',
        status: 'pending',
        ...slot(days[2]!, '10:00', '11:00'),
      },
      {
        offering_id: room,
        booked_by: chief,
        purpose: '租户答谢茶话会',
        status: 'declined',
        decided_by: provider,
        decided_at: new Date(`${b.today}T10:00:00+08:00`),
        decision_note: '当天会议室已安排培训，请改约其他时间',
        ...slot(days[1]!, '09:00', '10:00'),
      },
    ])
    .execute()
}
