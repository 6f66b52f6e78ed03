import { surveysApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { analysisOf, crossTabOf, loadForAnalysis, themesOf } from './analysis.service.ts'
import { submitResponse, surveyForm } from './answer.service.ts'
import exportRoutes from './exports.routes.ts'
import { errors } from './http.ts'
import projectRoutes from './projects.routes.ts'
import qrRoutes from './qr.routes.ts'
import { createSurvey, listSurveys, surveyFor, toSurvey, updateSurvey } from './surveys.service.ts'

const analyse = { access: { permission: 'survey.analyse' } } as const
const manage = { access: { permission: 'survey.manage' } } as const
const open = { access: 'public' } as const

export default async function surveysRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, surveysApi, { tags: ['surveys'], errors })

  route(
    'GET /api/surveys',
    { config: analyse, summary: '问卷列表 Surveys of the caller’s scope' },
    async (request) => ({
      items: await listSurveys(ctx, request),
    }),
  )
  route('POST /api/surveys', { config: manage, summary: '新建问卷 Create a survey' }, async (request) => {
    const id = await createSurvey(ctx, request, request.body)
    return toSurvey(await surveyFor(ctx, request, id, 'survey.manage'), ctx.clock.now())
  })
  route('GET /api/surveys/:id', { config: analyse, summary: '问卷详情 A survey' }, async (request) =>
    toSurvey(await surveyFor(ctx, request, request.params.id, 'survey.analyse'), ctx.clock.now()),
  )
  route(
    'PUT /api/surveys/:id',
    { config: manage, summary: '修改问卷 Edit a survey (only before the first response; optimistic lock)' },
    async (request) => {
      await updateSurvey(ctx, request, request.params.id, request.body)
      return toSurvey(await surveyFor(ctx, request, request.params.id, 'survey.manage'), ctx.clock.now())
    },
  )

  // Answering: anonymous surveys through the public routes (device cookie), identified ones signed in.
  route(
    'GET /api/public/surveys/:slug',
    {
      config: open,
      summary:
        '答题页 The questionnaire for the answering page (no questions of an identified survey without login)',
    },
    async (request) => surveyForm(ctx, request, request.params.slug),
  )
  route(
    'POST /api/public/surveys/:slug/responses',
    { config: open, summary: '匿名作答 Answer an anonymous survey (one response per device)' },
    async (request, reply) => ({
      id: await submitResponse(ctx, request, reply, request.params.slug, request.body.answers, 'public'),
    }),
  )
  route(
    'POST /api/surveys/answer/:slug',
    {
      config: { access: { permission: 'survey.answer' } },
      summary: '实名作答 Answer an identified survey (one response per person)',
    },
    async (request, reply) => ({
      id: await submitResponse(ctx, request, reply, request.params.slug, request.body.answers, 'account'),
    }),
  )

  route(
    'GET /api/surveys/:id/analysis',
    { config: analyse, summary: '统计 Counts, shares, averages per question' },
    async (request) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      return analysisOf(survey, responses)
    },
  )
  route(
    'GET /api/surveys/:id/crosstab',
    { config: analyse, summary: '交叉分析 A choice question by area, building, age band or kind of unit' },
    async (request) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      const locale = localeFromHeader(request.headers['accept-language'])
      return crossTabOf(ctx, survey, responses, request.query.question, request.query.by, locale)
    },
  )
  route(
    'GET /api/surveys/:id/themes',
    {
      config: analyse,
      summary: '主题词 Top terms of a free-text question (jieba segmentation, stop words) and their answers',
    },
    async (request) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      return themesOf(survey, responses, request.query.question, request.query.top ?? 15)
    },
  )

  await exportRoutes(app, ctx)
  await projectRoutes(app, ctx)
  // Its own plugin, so the raw audio body parser stays confined to its routes.
  await app.register(qrRoutes, ctx)
}
