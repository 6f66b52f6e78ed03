import type { RespondentAttribute, SurveyAnalysis, SurveyCrossTab, SurveyThemes } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { type AnalysedResponse, analyseQuestion, crossTab, UNKNOWN_GROUP } from './analysis.ts'
import { type ResponseRow, type SurveyRow, surveyResponses } from './repository.ts'
import { surveyFor } from './surveys.service.ts'
import { topTerms } from './themes.ts'

export const UNIT_KIND_LABELS: Record<string, Record<Locale, string>> = {
  private: { 'zh-CN': '民营企业', 'en-US': 'Private firm' },
  foreign: { 'zh-CN': '外资企业', 'en-US': 'Foreign firm' },
  state: { 'zh-CN': '国有企业', 'en-US': 'State-owned firm' },
  social_org: { 'zh-CN': '社会组织', 'en-US': 'Social organisation' },
  agency: { 'zh-CN': '机关事业单位', 'en-US': 'Public agency' },
}
export const AGE_BAND_LABELS: Record<string, Record<Locale, string>> = {
  under_25: { 'zh-CN': '25岁以下', 'en-US': 'Under 25' },
  '25_34': { 'zh-CN': '25–34岁', 'en-US': '25–34' },
  '35_44': { 'zh-CN': '35–44岁', 'en-US': '35–44' },
  '45_59': { 'zh-CN': '45–59岁', 'en-US': '45–59' },
  '60_plus': { 'zh-CN': '60岁及以上', 'en-US': '60 and over' },
}

export function attributesOf(r: ResponseRow): AnalysedResponse['attributes'] {
  return { area: r.area_code, building: r.building, age_band: r.age_band, unit_kind: r.unit_kind }
}

export async function loadForAnalysis(ctx: AppContext, request: FastifyRequest, id: number) {
  const survey = await surveyFor(ctx, request, id, 'survey.analyse')
  const responses = await surveyResponses(ctx.db, survey.id)
  return { survey, responses }
}

export function analysisOf(survey: SurveyRow, responses: ResponseRow[]): SurveyAnalysis {
  const answers = responses.map((r) => r.answers)
  return {
    surveyId: survey.id,
    title: survey.title,
    respondents: responses.length,
    questions: survey.questions.map((q) => analyseQuestion(q, answers)),
  }
}

/**
 * Labels of a cross-tab's groups: the attribute question's option labels where the survey asks it,
 * otherwise the registry's names (area, building) or the fixed labels (age band, kind of unit).
 */
export async function groupLabels(
  ctx: AppContext,
  survey: SurveyRow,
  by: RespondentAttribute,
  keys: string[],
  locale: Locale,
): Promise<(key: string) => string> {
  const asked = survey.questions.find((q) => q.attribute === by)
  const fromQuestion = new Map((asked?.options ?? []).map((o) => [o.key, o.label]))
  const names = new Map<string, string>()
  if (by === 'area' && keys.length > 0) {
    for (const a of await ctx.db
      .selectFrom('area')
      .select(['code', 'name'])
      .where('code', 'in', keys)
      .execute())
      names.set(a.code, a.name)
  }
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number)
  if (by === 'building' && ids.length > 0) {
    for (const b of await ctx.db
      .selectFrom('building')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute())
      names.set(String(b.id), b.name)
  }
  const fixed = by === 'unit_kind' ? UNIT_KIND_LABELS : by === 'age_band' ? AGE_BAND_LABELS : {}
  return (key) => {
    if (key === UNKNOWN_GROUP) return locale === 'zh-CN' ? '未知' : 'Unknown'
    return fromQuestion.get(key) ?? names.get(key) ?? fixed[key]?.[locale] ?? key
  }
}

export async function crossTabOf(
  ctx: AppContext,
  survey: SurveyRow,
  responses: ResponseRow[],
  questionKey: string,
  by: RespondentAttribute,
  locale: Locale,
): Promise<SurveyCrossTab> {
  const q = survey.questions.find((x) => x.key === questionKey)
  if (!q) throw new AppError('survey_unknown_question', { question: questionKey })
  const rows = responses.map((r) => ({ answers: r.answers, attributes: attributesOf(r) }))
  const keys = [...new Set(rows.map((r) => r.attributes[by]).filter((k): k is string => k !== null))]
  return crossTab(q, by, rows, await groupLabels(ctx, survey, by, keys, locale))
}

export function themesOf(
  survey: SurveyRow,
  responses: ResponseRow[],
  questionKey: string,
  top: number,
): SurveyThemes {
  const q = survey.questions.find((x) => x.key === questionKey)
  if (!q) throw new AppError('survey_unknown_question', { question: questionKey })
  if (q.type !== 'text')
    throw new AppError('survey_question_not_analysable', {
      question: q.title,
      reason: { 'zh-CN': '主题词只用于填空题', 'en-US': 'themes are for free-text questions' },
    })
  const texts = responses.map((r) => r.answers[q.key]).filter((v): v is string => typeof v === 'string')
  return { question: q.key, answered: texts.length, terms: topTerms(texts, top) }
}
