import { deadlines } from '../../server/src/modules/exchange/workflow.ts'
import type { DemoBuilder } from './builder.ts'
import { FENGPU } from './fengxian.ts'
import { HONGMEI } from './xuhui.ts'

const HOUR = 3_600_000

/**
 * 微心愿 on the walls of 奉浦 and 虹梅: a few wishes of residents and office workers, some open, some
 * claimed by a firm or a member in person, some delivered, some confirmed. Fixed texts and days, so the
 * demo is the same on every load. Runs after the volunteers' demo, whose 虹梅 members make and take wishes.
 */
export async function loadWishesDemo(b: DemoBuilder, accountIds: Map<string, number>) {
  const today = new Date(`${b.today}T10:00:00+08:00`)
  const account = async (username: string) =>
    accountIds.get(username) ??
    (await b.db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id
  const firstBuilding = async (area: string) =>
    (
      await b.db
        .selectFrom('building')
        .select('id')
        .where('area_code', 'like', `${area}%`)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id
  const yangmama = (
    await b.db
      .selectFrom('role_grant')
      .select('scope_id')
      .where('account_id', '=', await account('provider_demo'))
      .where('scope_type', '=', 'unit')
      .executeTakeFirstOrThrow()
  ).scope_id
  // The contact is the wisher's, for the one who takes the wish; the wall never shows it.
  const fengpu = {
    area: FENGPU,
    building: await firstBuilding(FENGPU),
    wisher: await account('member_demo'),
    phone: '13800000006',
  }
  const hongmei = {
    area: HONGMEI,
    building: await firstBuilding(HONGMEI),
    wisher: await account('hongmei_vol_03'),
    phone: '13800000013',
  }
  const plans: Array<{
    at: typeof fengpu
    text: string
    daysAgo: number
    path: string[]
    unit?: number
    person?: string
    rating?: number
  }> = [
    { at: fengpu, text: '想给上初中的孩子找一套数学辅导书', daysAgo: 1, path: [] },
    {
      at: fengpu,
      text: '希望有人教我母亲用智能手机预约挂号',
      daysAgo: 3,
      path: ['accepted'],
      unit: Number(yangmama),
    },
    {
      at: fengpu,
      text: '想要一盏护眼台灯，给晚上写作业的孩子',
      // Older than the workbench's 30- and 60-day windows, so its demo figures stay as they were.
      daysAgo: 75,
      path: ['accepted', 'delivered', 'closed'],
      unit: Number(yangmama),
      rating: 5,
    },
    { at: hongmei, text: '加班的晚上，想有人帮忙照看放学的孩子一小时', daysAgo: 2, path: [] },
    {
      at: hongmei,
      text: '想借一台投影仪，给午间读书小组用',
      daysAgo: 5,
      path: ['accepted', 'delivered'],
      person: 'volunteer_demo',
    },
    {
      at: hongmei,
      text: '想给楼里的保洁阿姨送一件过冬的棉衣',
      daysAgo: 14,
      path: ['accepted', 'delivered', 'closed'],
      person: 'hongmei_vol_01',
      rating: 5,
    },
  ]
  const category = await b.db
    .selectFrom('service_category')
    .selectAll()
    .where('code', '=', 'wish')
    .executeTakeFirstOrThrow()
  for (const p of plans) {
    const submitted = new Date(today.getTime() - p.daysAgo * 24 * HOUR)
    // Each step a day after the one before it.
    const at = (step: number) => new Date(submitted.getTime() + step * 24 * HOUR)
    const state = p.path.at(-1) ?? 'submitted'
    const due = deadlines(submitted, category, false)
    const { id } = await b.db
      .insertInto('need')
      .values({
        category_code: 'wish',
        description: p.text,
        area_code: p.at.area,
        building_id: p.at.building,
        requester_account_id: p.at.wisher,
        contact_name: (
          await b.db
            .selectFrom('account')
            .select('display_name')
            .where('id', '=', p.at.wisher)
            .executeTakeFirstOrThrow()
        ).display_name,
        contact_phone: p.at.phone,
        state,
        provider_unit_id: p.unit ?? null,
        provider_account_id: p.person ? await account(p.person) : null,
        submitted_at: submitted,
        first_response_due_at: due.firstResponseDue,
        resolution_due_at: due.resolutionDue,
        ...b.needStepTimes(p.path, at),
        rating: p.rating ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await b.needTrail(id, p.path, at)
  }
}
