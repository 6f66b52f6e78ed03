import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { notify, type Recipient } from './outbox.ts'
import { areaStaff, personAccounts, unitAccounts } from './recipients.ts'

/*
 * The notices of policies, events, volunteer hours, imports and invitations; those of the exchange's needs
 * are in flows.ts. Each is called with the caller's transaction handle, right after the change it reports,
 * so the notice and its deliveries commit with it.
 */

type Ctx = Parameters<typeof notify>[0]

/**
 * A policy's qualifying units: each account acting for a unit is told about its unit; units nobody acts for
 * are listed once to their street's staff (to pass on), one notice per street rather than one per unit.
 */
export async function noticePolicyMatch(
  ctx: Ctx,
  db: Kysely<DB>,
  policy: { id: number; title: string; issuer: string; benefit: string },
  units: Array<{ id: number; name: string; areaCode: string }>,
  at: Date,
): Promise<number> {
  const holders = await unitAccounts(
    db,
    units.map((u) => u.id),
  )
  const byUnit = new Map<number, number[]>()
  for (const h of holders) byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), h.accountId])
  const byArea = new Map<string, typeof units>()
  for (const u of units) byArea.set(u.areaCode, [...(byArea.get(u.areaCode) ?? []), u])
  let written = 0
  for (const [areaCode, list] of byArea) {
    const recipients: Recipient[] = []
    const unreached: string[] = []
    for (const u of list) {
      const accounts = byUnit.get(u.id) ?? []
      if (accounts.length === 0) unreached.push(u.name)
      for (const accountId of accounts)
        recipients.push({
          accountId,
          body: `${u.name} 符合《${policy.title}》的申报条件（${policy.issuer}）。${policy.benefit}`,
        })
    }
    if (unreached.length > 0) {
      const shown =
        unreached.slice(0, 20).join('、') + (unreached.length > 20 ? ` 等 ${unreached.length} 家` : '')
      for (const accountId of await areaStaff(db, areaCode))
        recipients.push({
          accountId,
          body: `以下单位符合《${policy.title}》的申报条件但没有账号，请转告：${shown}`,
        })
    }
    written += await notify(
      ctx,
      db,
      {
        kind: 'policy.match',
        title: `可申报政策：${policy.title}`,
        subject: policy.title,
        body: policy.benefit,
        entity: 'policy',
        entityId: policy.id,
        areaCode,
        link: `/enterprise/policies?policy=${policy.id}`,
        at,
      },
      recipients,
    )
  }
  return written
}

/** An event's seats and waitlist: the accounts themselves, or those linked to the people an organiser signed up. */
async function attendeeAccounts(
  db: Kysely<DB>,
  rows: Array<{ account_id: number | null; person_id: number | null }>,
) {
  const direct = rows.filter((r) => r.account_id !== null).map((r) => r.account_id!)
  const linked = await personAccounts(
    db,
    rows.filter((r) => r.account_id === null && r.person_id !== null).map((r) => r.person_id!),
  )
  return [...direct, ...linked]
}

export async function noticeEventCancelled(
  ctx: Ctx,
  db: Kysely<DB>,
  e: { id: number; title: string; area_code: string; organiser_org_id: number | null },
  reason: string,
  at: Date,
) {
  const rows = await db
    .selectFrom('event_registration')
    .select(['account_id', 'person_id'])
    .where('event_id', '=', e.id)
    .where('status', 'in', ['registered', 'waitlisted'])
    .execute()
  return notify(
    ctx,
    db,
    {
      kind: 'event.cancelled',
      title: `活动取消：${e.title}`,
      subject: e.title,
      body: reason,
      entity: 'event',
      entityId: e.id,
      areaCode: e.area_code,
      partyOrgId: e.organiser_org_id,
      link: `/events/${e.id}`,
      at,
    },
    await attendeeAccounts(db, rows),
  )
}

export async function noticePromoted(
  ctx: Ctx,
  db: Kysely<DB>,
  e: { id: number; title: string; area_code?: string | null },
  rows: Array<{ account_id: number | null; person_id: number | null }>,
  at: Date,
) {
  return notify(
    ctx,
    db,
    {
      kind: 'event.promoted',
      title: `候补成功：${e.title}`,
      subject: e.title,
      body: '有人取消报名，您已从候补转为正式报名。',
      entity: 'event',
      entityId: e.id,
      areaCode: e.area_code ?? null,
      link: `/events/${e.id}`,
      at,
    },
    await attendeeAccounts(db, rows),
  )
}

/** The coordinator's verdict on a volunteer's minutes: approved (possibly adjusted) or set to zero. */
export async function noticeHours(
  ctx: Ctx,
  db: Kysely<DB>,
  signupId: number,
  verdict: { minutes: number; recorded: number; reason: string | null },
  actorId: number,
  at: Date,
) {
  const s = await db
    .selectFrom('volunteer_signup as s')
    .innerJoin('volunteer as v', 'v.id', 's.volunteer_id')
    .innerJoin('duty_point as p', 'p.id', 's.point_id')
    .select(['v.account_id', 'p.name', 'p.area_code'])
    .where('s.id', '=', signupId)
    .executeTakeFirst()
  if (!s) return 0
  const rejected = verdict.minutes === 0 && verdict.recorded > 0
  const hours = (m: number) => `${Math.floor(m / 60)} 小时 ${m % 60} 分`
  return notify(
    ctx,
    db,
    {
      kind: rejected ? 'hours.rejected' : 'hours.verified',
      title: rejected ? `服务时长未通过：${s.name}` : `服务时长已核定：${s.name} ${hours(verdict.minutes)}`,
      subject: s.name,
      body:
        verdict.minutes === verdict.recorded
          ? `按记录核定 ${hours(verdict.minutes)}。`
          : `记录 ${hours(verdict.recorded)}，核定 ${hours(verdict.minutes)}。原因：${verdict.reason ?? ''}`,
      entity: 'volunteer_signup',
      entityId: signupId,
      areaCode: s.area_code,
      link: '/my-volunteering',
      at,
    },
    [s.account_id],
    { exclude: actorId },
  )
}

/** An import has finished (committed, or refused on commit): its importer hears, also when it ran in the background. */
export async function noticeImportFinished(
  ctx: Ctx,
  db: Kysely<DB>,
  job: {
    id: number
    fileName?: string
    accountId: number | null
    status: 'committed' | 'rejected' | 'failed'
  },
  at: Date,
) {
  if (job.accountId === null) return 0
  const fileName =
    job.fileName ??
    (await db.selectFrom('import_job').select('file_name').where('id', '=', job.id).executeTakeFirst())
      ?.file_name ??
    ''
  const text = {
    committed: '导入完成',
    rejected: '导入未完成（数据已变化，请重新检查）',
    failed: '导入失败',
  }[job.status]
  return notify(
    ctx,
    db,
    {
      kind: 'import.finished',
      title: `${text}：${fileName}`,
      subject: fileName,
      body: text,
      entity: 'import_job',
      entityId: job.id,
      link: '/imports',
      at,
    },
    [job.accountId],
  )
}

/**
 * For the accounts half of issue 12: call when an invitation is accepted, with the transaction that creates
 * the account, to tell the person who sent it.
 */
export async function noticeInvitationAccepted(
  ctx: Ctx,
  db: Kysely<DB>,
  i: { inviterAccountId: number; newAccountId: number; displayName: string; areaCode?: string | null },
  at: Date,
) {
  return notify(
    ctx,
    db,
    {
      kind: 'invitation.accepted',
      title: `邀请已接受：${i.displayName}`,
      subject: i.displayName,
      body: `${i.displayName} 已接受邀请并开通账号。`,
      entity: 'account',
      entityId: i.newAccountId,
      areaCode: i.areaCode ?? null,
      link: '/accounts',
      at,
    },
    [i.inviterAccountId],
  )
}
