import type { RespondentAttribute, SurveyForm } from '@tongxin/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { hmac, randomToken } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import type { Principal } from '../../plugins/auth.ts'
import { type Answers, validateAnswers } from './questionnaire.ts'
import { findSurvey, type SurveyRow } from './repository.ts'
import { surveyState } from './surveys.service.ts'

/** The answering browser's random token; only its HMAC (per survey) is stored, never the token itself. */
export const DEVICE_COOKIE = 'tx_survey_device'
const DEVICE_PATH = '/api/public/surveys'

function deviceToken(request: FastifyRequest): string | null {
  const t = request.cookies[DEVICE_COOKIE]
  return typeof t === 'string' && /^[A-Za-z0-9_-]{43}$/.test(t) ? t : null
}

/** Keyed per survey, so the stored values of two surveys cannot be joined to follow one device. */
const deviceHash = (ctx: AppContext, surveyId: number, token: string) =>
  hmac(ctx.secret, `survey-device:${surveyId}:${token}`)

type Place = {
  area_code: string | null
  area_path: string | null
  building_id: number | null
  unit_kind: string | null
  unit_id: number | null
}

/**
 * Where an identified respondent is, from their grants in the registry: a unit grant gives the unit's kind,
 * building and area; a building grant the building and its area; an area or organisation grant the area.
 */
export async function respondentPlace(ctx: AppContext, principal: Principal): Promise<Place> {
  const place: Place = { area_code: null, area_path: null, building_id: null, unit_kind: null, unit_id: null }
  const unitGrant = principal.grants.find((g) => g.scope_type === 'unit')
  const buildingGrant = principal.grants.find((g) => g.scope_type === 'building')
  if (unitGrant) {
    const u = await ctx.db
      .selectFrom('unit')
      .select(['id', 'area_code', 'building_id', 'kind'])
      .where('id', '=', Number(unitGrant.scope_id))
      .executeTakeFirst()
    if (u)
      Object.assign(place, {
        area_code: u.area_code,
        building_id: u.building_id,
        unit_kind: u.kind,
        unit_id: u.id,
      })
  } else if (buildingGrant) {
    const b = await ctx.db
      .selectFrom('building')
      .select(['id', 'area_code'])
      .where('id', '=', Number(buildingGrant.scope_id))
      .executeTakeFirst()
    if (b) Object.assign(place, { area_code: b.area_code, building_id: b.id })
  } else {
    place.area_code = principal.grants.find((g) => g.area_code !== null)?.area_code ?? null
  }
  if (place.area_code) {
    const a = await ctx.db
      .selectFrom('area')
      .select('path')
      .where('code', '=', place.area_code)
      .executeTakeFirst()
    place.area_path = a?.path ?? null
  }
  return place
}

async function inAudience(ctx: AppContext, survey: SurveyRow, principal: Principal, place: Place) {
  switch (survey.audience_kind) {
    case 'buildings':
      return place.building_id !== null && survey.audience_ids.includes(Number(place.building_id))
    case 'orgs': {
      if (
        principal.grants.some(
          (g) => g.scope_type === 'party_org' && survey.audience_ids.includes(Number(g.scope_id)),
        )
      )
        return true
      if (place.unit_id === null) return false
      const covered = await ctx.db
        .selectFrom('party_org_coverage')
        .select('id')
        .where('party_org_id', 'in', survey.audience_ids)
        .where((eb) =>
          eb.or([
            eb('unit_id', '=', place.unit_id),
            ...(place.building_id ? [eb('building_id', '=', place.building_id)] : []),
          ]),
        )
        .executeTakeFirst()
      return covered !== undefined
    }
    default:
      return (
        place.area_path !== null &&
        (place.area_path === survey.area_path || place.area_path.startsWith(`${survey.area_path}/`))
      )
  }
}

async function openSurvey(ctx: AppContext, slug: string) {
  const survey = await findSurvey(ctx.db, { slug })
  if (!survey) throw new AppError('not_found')
  return survey
}

/** The answering page's view of a survey, for the person or device asking. */
export async function surveyForm(
  ctx: AppContext,
  request: FastifyRequest,
  slug: string,
): Promise<SurveyForm> {
  const survey = await openSurvey(ctx, slug)
  let answered = false
  const loginRequired = !survey.anonymous && !request.principal
  if (survey.anonymous) {
    const token = deviceToken(request)
    if (token) {
      const hit = await ctx.db
        .selectFrom('survey_response')
        .select('id')
        .where('survey_id', '=', survey.id)
        .where('device_hash', '=', deviceHash(ctx, survey.id, token))
        .executeTakeFirst()
      answered = hit !== undefined
    }
  } else if (request.principal) {
    const hit = await ctx.db
      .selectFrom('survey_response')
      .select('id')
      .where('survey_id', '=', survey.id)
      .where('account_id', '=', request.principal.accountId)
      .executeTakeFirst()
    answered = hit !== undefined
  }
  return {
    slug: survey.slug,
    title: survey.title,
    description: survey.description,
    anonymous: survey.anonymous,
    state: surveyState(survey, ctx.clock.now()),
    closesAt: survey.closes_at.toISOString(),
    questions: loginRequired ? [] : survey.questions,
    answered,
    loginRequired,
  }
}

const stateWords = {
  scheduled: { 'zh-CN': '尚未开始', 'en-US': 'has not opened yet' },
  closed: { 'zh-CN': '已截止', 'en-US': 'is closed' },
}

/** Attribute values given by the questions tagged as respondent attributes (their option keys). */
function askedAttributes(survey: SurveyRow, answers: Answers) {
  const out: Partial<Record<RespondentAttribute, string>> = {}
  for (const q of survey.questions) {
    if (q.attribute && typeof answers[q.key] === 'string') out[q.attribute] = answers[q.key] as string
  }
  return out
}

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505'

/**
 * Stores one response. Everything is checked first (open, not yet answered, fits the questionnaire); the
 * insert is one statement, and the unique indexes on (survey, account) and (survey, device) decide between
 * two submissions racing each other: one is stored, the other gets 409 like any second response.
 */
export async function submitResponse(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  raw: Answers,
  via: 'public' | 'account',
) {
  const survey = await openSurvey(ctx, slug)
  const now = ctx.clock.now()
  const state = surveyState(survey, now)
  if (state !== 'open') throw new AppError('survey_not_open', { state: stateWords[state] })
  const principal = request.principal
  let account_id: number | null = null
  let device_hash: string | null = null
  let place: Place | null = null
  if (survey.anonymous && via === 'account')
    // The device cookie is scoped to the public routes; answering here would escape the one-per-device rule.
    throw new AppError('bad_request', {
      reason: {
        'zh-CN': '匿名问卷请通过公开答题链接作答',
        'en-US': 'answer an anonymous survey through its public link',
      },
    })
  if (survey.anonymous) {
    let token = deviceToken(request)
    if (!token) {
      token = randomToken(32)
      reply.setCookie(DEVICE_COOKIE, token, {
        path: DEVICE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure === 'auto' ? request.protocol === 'https' : ctx.config.cookieSecure,
        maxAge: 400 * 24 * 3600,
      })
    }
    device_hash = deviceHash(ctx, survey.id, token)
  } else {
    if (!principal || via === 'public') throw new AppError('survey_login_required')
    account_id = principal.accountId
    place = await respondentPlace(ctx, principal)
    if (!(await inAudience(ctx, survey, principal, place))) throw new AppError('survey_not_in_audience')
  }
  const answers = validateAnswers(survey.questions, raw)
  const asked = askedAttributes(survey, answers)
  try {
    const row = await ctx.db
      .insertInto('survey_response')
      .values({
        survey_id: survey.id,
        account_id,
        device_hash,
        answers: JSON.stringify(answers),
        // The registry's facts win over what an identified respondent says about themself.
        area_code: place?.area_code ?? asked.area ?? null,
        building: place?.building_id != null ? String(place.building_id) : (asked.building ?? null),
        unit_kind: place?.unit_kind ?? asked.unit_kind ?? null,
        age_band: asked.age_band ?? null,
        submitted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('survey_already_answered')
    throw e
  }
}
