import type { MyOrglife } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { decryptPii } from '../../lib/pii.ts'
import { myPersonId, thisYear, today } from './access.ts'
import { duesThrough, memberYear, paymentsOf } from './dues.service.ts'
import { personLedger } from './points.service.ts'

/** A member's own meetings, dues and points: whoever is linked to the caller's account, nobody else. */
export async function myOrglife(ctx: AppContext, request: FastifyRequest, year?: number): Promise<MyOrglife> {
  const personId = await myPersonId(ctx, request)
  if (personId === null) throw new AppError('orglife_no_person')
  const y = year ?? thisYear(ctx)
  const member = await ctx.db
    .selectFrom('person as p')
    .leftJoin('member as m', 'm.person_id', 'p.id')
    .leftJoin('party_org as o', 'o.id', 'm.party_org_id')
    .leftJoin('orglife_dues_base as b', (j) => j.onRef('b.person_id', '=', 'p.id').on('b.year', '=', y))
    .select([
      'p.id',
      'p.name',
      'm.status',
      'm.joined_on',
      'm.party_org_id',
      'o.name as org_name',
      'b.category',
      'b.rate_bp',
      'b.monthly_cents',
      'b.base_enc',
      'b.version',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow()
  const meetings = await ctx.db
    .selectFrom('orglife_attendance as a')
    .innerJoin('orglife_meeting as m', 'm.id', 'a.meeting_id')
    .innerJoin('party_org as o', 'o.id', 'm.party_org_id')
    .select(['m.id', 'o.name', 'm.kind_code', 'm.held_on', 'm.topic', 'a.status', 'a.reason'])
    .where('a.person_id', '=', personId)
    .where('m.deleted_at', 'is', null)
    .where('m.held_on', '>=', `${y}-01-01`)
    .where('m.held_on', '<=', `${y}-12-31`)
    .orderBy('m.held_on', 'desc')
    .limit(200)
    .execute()
  let dues: MyOrglife['dues'] = null
  if (member.status) {
    const paid = await paymentsOf(ctx.db, [personId], y)
    const year = memberYear(
      {
        id: member.id,
        name: member.name,
        status: member.status,
        joined_on: member.joined_on,
        category: member.category,
        rate_bp: member.rate_bp,
        monthly_cents: member.monthly_cents,
        version: member.version,
      },
      y,
      duesThrough(y, today(ctx)),
      paid,
    )
    dues = {
      category: year.category,
      monthlyCents: year.monthlyCents,
      monthlyIncome: member.base_enc ? Number(decryptPii(ctx.secret, member.base_enc)) / 100 : null,
      rateBp: year.rateBp,
      paidMonths: year.paidMonths,
      arrearsMonths: year.arrearsMonths,
      arrearsCents: year.arrearsCents,
      paidThrough: year.paidThrough,
    }
  }
  return {
    personId,
    name: member.name,
    partyOrgId: member.party_org_id,
    partyOrgName: member.org_name,
    year: y,
    meetings: meetings.map((m) => ({
      meetingId: m.id,
      partyOrgName: m.name,
      kindCode: m.kind_code,
      heldOn: m.held_on,
      topic: m.topic,
      status: m.status,
      reason: m.reason,
    })),
    dues,
    points: await personLedger(ctx, personId, y),
  }
}
