import {
  IdParams,
  Survey,
  SurveyAnalysis,
  SurveyCrossTab,
  SurveyCrossTabQuery,
  SurveyForm,
  SurveyInput,
  SurveyResponseInput,
  SurveySlugParams,
  SurveySummary,
  SurveyThemes,
  SurveyThemesQuery,
  SurveyUpdate,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { analysisOf, crossTabOf, loadForAnalysis, themesOf } from './analysis.service.ts'
import { submitResponse, surveyForm } from './answer.service.ts'
import exportRoutes from './exports.routes.ts'
import { errors } from './http.ts'
import projectRoutes from './projects.routes.ts'
import qrRoutes from './qr.routes.ts'
import { createSurvey, listSurveys, surveyFor, toSurvey, updateSurvey } from './surveys.service.ts'

const tags = ['surveys']
const Created = Type.Object({ id: Type.Integer() })

export default async function surveysRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/surveys',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: {
        tags,
        summary: '问卷列表 Surveys of the caller’s scope',
        response: { 200: Type.Object({ items: Type.Array(SurveySummary) }), ...errors },
      },
    },
    async (request) => ({ items: await listSurveys(ctx, request) }),
  )
  app.post(
    '/api/surveys',
    {
      config: { access: { permission: 'survey.manage' } },
      schema: {
        tags,
        summary: '新建问卷 Create a survey',
        body: SurveyInput,
        response: { 201: Survey, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createSurvey(ctx, request, request.body)
      reply.status(201)
      return toSurvey(await surveyFor(ctx, request, id, 'survey.manage'), ctx.clock.now())
    },
  )
  app.get(
    '/api/surveys/:id',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: { tags, summary: '问卷详情 A survey', params: IdParams, response: { 200: Survey, ...errors } },
    },
    async (request) =>
      toSurvey(await surveyFor(ctx, request, request.params.id, 'survey.analyse'), ctx.clock.now()),
  )
  app.put(
    '/api/surveys/:id',
    {
      config: { access: { permission: 'survey.manage' } },
      schema: {
        tags,
        summary: '修改问卷 Edit a survey (only before the first response; optimistic lock)',
        params: IdParams,
        body: SurveyUpdate,
        response: { 200: Survey, ...errors },
      },
    },
    async (request) => {
      await updateSurvey(ctx, request, request.params.id, request.body)
      return toSurvey(await surveyFor(ctx, request, request.params.id, 'survey.manage'), ctx.clock.now())
    },
  )

  // Answering: anonymous surveys through the public routes (device cookie), identified ones signed in.
  app.get(
    '/api/public/surveys/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '答题页 The questionnaire for the answering page (no questions of an identified survey without login)',
        params: SurveySlugParams,
        response: { 200: SurveyForm, ...errors },
      },
    },
    async (request) => surveyForm(ctx, request, request.params.slug),
  )
  app.post(
    '/api/public/surveys/:slug/responses',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '匿名作答 Answer an anonymous survey (one response per device)',
        params: SurveySlugParams,
        body: SurveyResponseInput,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const id = await submitResponse(
        ctx,
        request,
        reply,
        request.params.slug,
        request.body.answers,
        'public',
      )
      reply.status(201)
      return { id }
    },
  )
  app.post(
    '/api/surveys/answer/:slug',
    {
      config: { access: { permission: 'survey.answer' } },
      schema: {
        tags,
        summary: '实名作答 Answer an identified survey (one response per person)',
        params: SurveySlugParams,
        body: SurveyResponseInput,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const id = await submitResponse(
        ctx,
        request,
        reply,
        request.params.slug,
        request.body.answers,
        'account',
      )
      reply.status(201)
      return { id }
    },
  )

  app.get(
    '/api/surveys/:id/analysis',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: {
        tags,
        summary: '统计 Counts, shares, averages per question',
        params: IdParams,
        response: { 200: SurveyAnalysis, ...errors },
      },
    },
    async (request) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      return analysisOf(survey, responses)
    },
  )
  app.get(
    '/api/surveys/:id/crosstab',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: {
        tags,
        summary: '交叉分析 A choice question by area, building, age band or kind of unit',
        params: IdParams,
        querystring: SurveyCrossTabQuery,
        response: { 200: SurveyCrossTab, ...errors },
      },
    },
    async (request) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      const locale = localeFromHeader(request.headers['accept-language'])
      return crossTabOf(ctx, survey, responses, request.query.question, request.query.by, locale)
    },
  )
  app.get(
    '/api/surveys/:id/themes',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: {
        tags,
        summary:
          '主题词 Top terms of a free-text question (jieba segmentation, stop words) and their answers',
        params: IdParams,
        querystring: SurveyThemesQuery,
        response: { 200: SurveyThemes, ...errors },
      },
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
