import type { Brand } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { AppError } from '../../../lib/errors.ts'
import { visibilityOf } from '../../../lib/visibility.ts'

export interface BrandFields {
  partyOrgId: number
  name: string
  slogan?: string | null
  story: string
  activities: { title: string; on: string | null; description: string | null }[]
  volunteerTeam?: string | null
  volunteerCount?: number | null
  published?: boolean
  version?: number
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

function brandQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('brand as b')
    .innerJoin('party_org as o', 'o.id', 'b.party_org_id')
    .innerJoin('area as a', 'a.code', 'o.area_code')
    .selectAll('b')
    .select(['o.name as org_name', 'a.path'])
}
type Row = Awaited<ReturnType<ReturnType<typeof brandQuery>['executeTakeFirstOrThrow']>>

async function present(ctx: AppContext, rows: Row[], withAssessments: boolean): Promise<Brand[]> {
  const ids = rows.map((r) => r.id)
  const assessments = ids.length
    ? await ctx.db
        .selectFrom('brand_assessment')
        .selectAll()
        .where('brand_id', 'in', ids)
        .orderBy('assessed_on', 'desc')
        .orderBy('id', 'desc')
        .execute()
    : []
  return rows.map((r) => {
    const mine = assessments.filter((a) => a.brand_id === r.id)
    const latest = mine[0]
    return {
      id: r.id,
      version: r.version,
      partyOrgId: r.party_org_id,
      partyOrgName: r.org_name,
      name: r.name,
      slogan: r.slogan,
      story: r.story,
      activities: r.activities,
      volunteerTeam: r.volunteer_team,
      volunteerCount: r.volunteer_count,
      published: r.published,
      latestScore: latest
        ? { total: latest.total, maxTotal: latest.max_total, assessedOn: latest.assessed_on }
        : null,
      assessments: withAssessments
        ? mine.map((a) => ({
            id: a.id,
            assessedOn: a.assessed_on,
            scores: a.scores,
            total: a.total,
            maxTotal: a.max_total,
            comment: a.comment,
          }))
        : [],
    }
  })
}

/** Brands of the organisations in the caller's scope: their areas, or their own organisations. */
export async function listBrands(ctx: AppContext, request: FastifyRequest): Promise<Brand[]> {
  const v = await visibilityOf(ctx.db, request, 'brand.read')
  // An organisation grant covers the organisations under it too (a committee sees its branches' brands).
  const parents = new Map<number, number | null>()
  if (v.orgIds.length)
    for (const o of await ctx.db.selectFrom('party_org').select(['id', 'parent_id']).execute())
      parents.set(o.id, o.parent_id)
  const underGrant = (orgId: number) => {
    let id: number | null | undefined = orgId
    for (let hops = 0; id != null && hops < 50; hops++) {
      if (v.orgIds.includes(id)) return true
      id = parents.get(id)
    }
    return false
  }
  const rows = (await brandQuery(ctx).orderBy('b.id').execute()).filter(
    (r) =>
      v.all ||
      underGrant(r.party_org_id) ||
      v.areaPaths.some((p) => r.path === p || r.path.startsWith(`${p}/`)),
  )
  return present(ctx, rows, false)
}

export async function getBrand(ctx: AppContext, id: number, withAssessments = true): Promise<Brand> {
  const row = await brandQuery(ctx).where('b.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return (await present(ctx, [row], withAssessments))[0]!
}

/** The public page: published brands only, without the street's assessments. */
export async function publicBrand(ctx: AppContext, id: number): Promise<Brand> {
  const row = await brandQuery(ctx).where('b.id', '=', id).where('b.published', '=', true).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return { ...(await present(ctx, [row], false))[0]!, latestScore: null }
}

export async function saveBrand(ctx: AppContext, request: FastifyRequest, input: BrandFields, id?: number) {
  const values = {
    party_org_id: input.partyOrgId,
    name: input.name.trim(),
    slogan: input.slogan ?? null,
    story: input.story.trim(),
    activities: JSON.stringify(input.activities),
    volunteer_team: input.volunteerTeam ?? null,
    volunteer_count: input.volunteerCount ?? null,
    published: input.published ?? false,
    updated_at: ctx.clock.now(),
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      let savedId = id
      if (id === undefined) {
        savedId = (await trx.insertInto('brand').values(values).returning('id').executeTakeFirstOrThrow()).id
      } else {
        const done = await trx
          .updateTable('brand')
          .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('version', '=', input.version ?? -1)
          .returning('id')
          .executeTakeFirst()
        if (!done) {
          const now = await trx.selectFrom('brand').select('version').where('id', '=', id).executeTakeFirst()
          if (!now) throw new AppError('not_found')
          throw new AppError('version_conflict', { current: now.version })
        }
      }
      await writeAudit(trx, request, {
        action: id ? 'brand.update' : 'brand.create',
        entity: 'brand',
        ids: [savedId!],
      })
      return savedId!
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('brand_exists')
    throw e
  }
}

export async function assess(
  ctx: AppContext,
  request: FastifyRequest,
  brandId: number,
  input: {
    assessedOn: string
    scores: { criterion: string; score: number; max: number }[]
    comment?: string | null
  },
) {
  for (const s of input.scores)
    if (s.score < 0 || s.score > s.max)
      throw new AppError('assessment_score_invalid', { criterion: s.criterion, max: s.max })
  const total = input.scores.reduce((a, s) => a + s.score, 0)
  const maxTotal = input.scores.reduce((a, s) => a + s.max, 0)
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('brand_assessment')
      .values({
        brand_id: brandId,
        assessed_on: input.assessedOn,
        scores: JSON.stringify(input.scores),
        total,
        max_total: maxTotal,
        comment: input.comment ?? null,
        account_id: request.principal?.accountId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'brand.assess',
      entity: 'brand',
      ids: [brandId],
      detail: { total, maxTotal },
    })
    return id
  })
}

/** The party organisation a brand belongs to (the scope of its routes), or undefined when there is none. */
export async function brandPartyOrg(ctx: AppContext, id: number) {
  const b = await ctx.db.selectFrom('brand').select('party_org_id').where('id', '=', id).executeTakeFirst()
  return b?.party_org_id
}
