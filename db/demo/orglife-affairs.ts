import { type Kysely, sql } from 'kysely'
import type { DB } from '../../server/src/db/schema.ts'
import { encryptPii } from '../../server/src/lib/pii.ts'
import { duesRateBp, monthlyDuesCents } from '../../server/src/modules/orglife/dues.ts'
import type { DemoBuilder } from './builder.ts'
import type { rng } from './random.ts'

/* The demo's members in motion: transfers in each state, 党费 bases and payments with arrears, floating members. */

export const pad = (n: number) => String(n).padStart(2, '0')
export const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export interface Org {
  id: number
  name: string
  type: string
  has_committee: boolean
  secretary_person_id: number | null
  area_code: string
}

export async function chunks<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

export async function loadTransfers(
  db: Kysely<DB>,
  b: DemoBuilder,
  orgs: Org[],
  membersOf: Map<number, Array<{ id: number; status: string }>>,
  c: { branch?: Org; joint?: Org; today: string; now: Date },
) {
  // Own branches of the park committee, by size: members move between them.
  const branches = orgs.filter(
    (o) => o.type === 'branch' && o.id !== c.branch?.id && (membersOf.get(o.id)?.length ?? 0) >= 6,
  )
  if (branches.length < 6) return
  const person = async (orgId: number, k: number) => {
    const m = (membersOf.get(orgId) ?? []).filter((x) => x.status === 'formal')[k + 1]
    if (!m) return null
    const p = await db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow()
    return { id: p.id, name: p.name }
  }
  const plans = [
    {
      from: branches[0]!,
      to: branches[1]!,
      status: 'completed' as const,
      daysAgo: 60,
      note: '已接收，组织关系已转入',
    },
    { from: branches[2]!, to: branches[3]!, status: 'pending' as const, daysAgo: 10, note: null },
    { from: branches[4]!, to: c.joint ?? branches[5]!, status: 'pending' as const, daysAgo: 120, note: null },
    {
      from: branches[5]!,
      to: branches[0]!,
      status: 'refused' as const,
      daysAgo: 40,
      note: '该同志尚未在本单位就业，请核实后再转',
    },
    {
      from: branches[1]!,
      to: branches[2]!,
      status: 'cancelled' as const,
      daysAgo: 30,
      note: '党员本人申请暂缓',
    },
  ]
  let seq = 0
  for (const plan of plans) {
    const p = await person(plan.from.id, seq++)
    if (!p) continue
    const on = addDays(c.today, -plan.daysAgo)
    const due = addDays(on, 92)
    const { id } = await db
      .insertInto('orglife_transfer')
      .values({
        person_id: p.id,
        direction: 'internal',
        from_org_id: plan.from.id,
        to_org_id: plan.to.id,
        member_name: p.name,
        member_status: 'formal',
        reason: plan.status === 'refused' ? '拟到新单位工作' : '工作调动',
        transfer_on: on,
        due_on: due,
        status: plan.status,
        escalated_at:
          plan.status === 'pending' && due < c.today ? new Date(`${addDays(due, 1)}T00:10:00+08:00`) : null,
        decided_at: plan.status === 'pending' ? null : new Date(`${addDays(on, 7)}T10:00:00+08:00`),
        decision_note: plan.note,
        created_at: new Date(`${on}T09:00:00+08:00`),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('orglife_transfer')
      .set({ letter_no: `TX-${on.slice(0, 4)}-${String(id).padStart(6, '0')}` })
      .where('id', '=', id)
      .execute()
    if (plan.status === 'completed') {
      const before = await sql<{
        row: unknown
      }>`SELECT to_jsonb(m) AS row FROM member m WHERE person_id = ${p.id}`.execute(db)
      await db
        .updateTable('member')
        .set({ party_org_id: plan.to.id, relation_transferred: true })
        .where('person_id', '=', p.id)
        .execute()
      await db
        .insertInto('row_history')
        .values({
          entity: 'member',
          entity_id: p.id,
          op: 'update',
          version: 1,
          before: JSON.stringify(before.rows[0]!.row),
        })
        .execute()
      membersOf.set(
        plan.from.id,
        (membersOf.get(plan.from.id) ?? []).filter((m) => m.id !== p.id),
      )
    }
  }
  // A letter to outside the platform waiting for its receipt.
  const leaver = await person(branches[3]!.id, 3)
  if (leaver) {
    const on = addDays(c.today, -20)
    const { id } = await db
      .insertInto('orglife_transfer')
      .values({
        person_id: leaver.id,
        direction: 'outgoing',
        from_org_id: branches[3]!.id,
        outside_org: '中共江苏省苏州工业园区某科技公司支部委员会',
        member_name: leaver.name,
        member_status: 'formal',
        reason: '工作调动至苏州',
        transfer_on: on,
        due_on: addDays(on, 92),
        created_at: new Date(`${on}T09:00:00+08:00`),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('orglife_transfer')
      .set({ letter_no: `TX-${on.slice(0, 4)}-${String(id).padStart(6, '0')}` })
      .where('id', '=', id)
      .execute()
  }
  void b
}

export async function loadDues(
  b: DemoBuilder,
  orgs: Org[],
  membersOf: Map<number, Array<{ id: number; status: string }>>,
  c: { rand: ReturnType<typeof rng>; today: string; year: number },
) {
  const through = Number(c.today.slice(5, 7)) - 1
  const bases: Array<Record<string, unknown>> = []
  const payments: Array<Record<string, unknown>> = []
  for (const o of orgs) {
    for (const m of membersOf.get(o.id) ?? []) {
      const r = c.rand.next()
      const category = r < 0.82 ? 'employed' : r < 0.9 ? 'retired' : r < 0.96 ? 'student' : 'unemployed'
      const baseCents =
        category === 'employed'
          ? c.rand.int(28, 260) * 10_000 + c.rand.int(0, 99) * 100
          : category === 'retired'
            ? c.rand.int(30, 80) * 10_000
            : null
      const monthly = monthlyDuesCents(category, baseCents)
      bases.push({
        person_id: m.id,
        year: c.year,
        category,
        base_enc: baseCents === null ? null : encryptPii(b.secret, String(baseCents)),
        rate_bp: baseCents === null ? null : duesRateBp(category, baseCents),
        monthly_cents: monthly,
        confirmed_on: `${c.year}-01-15`,
      })
      // Most pay every month, some quarterly in advance, one in ten has fallen behind.
      const behind = c.rand.chance(0.1) ? c.rand.int(1, 4) : 0
      const channel = c.rand.pick(['wechat', 'wechat', 'alipay', 'cash', 'bank'])
      for (let month = 1; month <= through - behind; month++)
        payments.push({
          person_id: m.id,
          month: `${c.year}-${pad(month)}-01`,
          amount_cents: monthly,
          channel,
          paid_on: `${c.year}-${pad(month)}-${pad(c.rand.int(3, 25))}`,
          party_org_id: o.id,
          source: month <= 3 && c.rand.chance(0.3) ? 'import' : 'manual',
        })
    }
  }
  await chunks(bases, 1000, (part) =>
    b.db
      .insertInto('orglife_dues_base')
      .values(part as never)
      .execute(),
  )
  await chunks(payments, 2000, (part) =>
    b.db
      .insertInto('orglife_dues_payment')
      .values(part as never)
      .execute(),
  )
}

export async function loadFloating(
  db: Kysely<DB>,
  membersOf: Map<number, Array<{ id: number; status: string }>>,
  c: { joint?: Org; branch?: Org; today: string; orgs: Org[] },
) {
  if (!c.joint || !c.branch) return
  const visitors = (membersOf.get(c.branch.id) ?? []).slice(-2)
  for (const v of visitors)
    await db
      .insertInto('orglife_floating')
      .values({
        person_id: v.id,
        direction: 'in',
        party_org_id: c.joint.id,
        home_org_id: c.branch.id,
        contact: '通过支部微信群联系',
        reason: '在凤创谷工作，就近参加组织生活',
        since: addDays(c.today, -90),
      })
      .execute()
  const away = (membersOf.get(c.joint.id) ?? [])[2]
  if (away)
    await db
      .insertInto('orglife_floating')
      .values({
        person_id: away.id,
        direction: 'out',
        party_org_id: c.joint.id,
        destination: '广东省深圳市（项目外派一年）',
        contact: '微信',
        since: addDays(c.today, -45),
        until: addDays(c.today, 320),
      })
      .execute()
}
