import {
  ErrorBody,
  IdParams,
  Page,
  QuizQuery,
  QuizQuestion,
  WasteExamples,
  WasteItem,
  WasteItemInput,
  WasteItemListQuery,
  WasteItemUpdate,
  WasteLookupQuery,
  WasteLookupResult,
  WasteMiss,
  WasteMissQuery,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import assessmentRoutes from './assessments.routes.ts'
import patrolRoutes from './patrols.routes.ts'
import { examples, quiz } from './quiz.ts'
import { WasteService } from './service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['waste']
// Until the permission table has its own entry, staff who keep the registry keep the dictionary too.
const manage = { permission: 'waste.manage' } as const

export default async function wasteRoutes(app: TypedApp, ctx: AppContext) {
  // The lookup engine is built on the first lookup (WasteService.current), not at start: it holds ~23 MB of
  // heap and takes seconds to build on a loaded machine, which an idle server and a restart need not pay.
  const service = new WasteService(ctx)

  app.get(
    '/api/waste/lookup',
    {
      // Phones and the kiosk ask without logging in.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '垃圾分类查询 Waste sorting lookup (name, pinyin, initials, typos, homophones)',
        querystring: WasteLookupQuery,
        response: { 200: WasteLookupResult, 400: ErrorBody },
      },
    },
    async (request) => service.lookup(request.query.q, request.log),
  )
  app.get(
    '/api/waste/examples',
    {
      // The kiosk's bin tiles ask without logging in.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '各类垃圾举例 Examples from the dictionary for each bin',
        response: { 200: WasteExamples, 400: ErrorBody },
      },
    },
    async () => examples((await service.current()).items),
  )
  app.get(
    '/api/waste/items',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '垃圾分类词条 Waste items (staff)',
        querystring: WasteItemListQuery,
        response: { 200: Page(WasteItem), ...errors },
      },
    },
    async (request) => service.listItems(request.query),
  )
  app.get(
    '/api/waste/items/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '词条详情 Waste item',
        params: IdParams,
        response: { 200: WasteItem, ...errors },
      },
    },
    async (request) => service.getItem(request.params.id),
  )
  app.post(
    '/api/waste/items',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '新增词条 Add a waste item',
        body: WasteItemInput,
        response: { 201: WasteItem, ...errors },
      },
    },
    async (request, reply) => {
      const item = await service.createItem(request, request.body)
      reply.status(201)
      return item
    },
  )
  app.put(
    '/api/waste/items/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '更正词条 Correct a waste item (send the version you read)',
        params: IdParams,
        body: WasteItemUpdate,
        response: { 200: WasteItem, ...errors },
      },
    },
    async (request) => service.updateItem(request, request.params.id, request.body),
  )
  app.get(
    '/api/waste/misses',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '未查到的查询 Most frequent queries without an answer (anonymous)',
        querystring: WasteMissQuery,
        response: { 200: Type.Array(WasteMiss), ...errors },
      },
    },
    async (request) => service.listMisses(request.query.limit ?? 50),
  )

  // Its own plugin, so the raw-image body parser for patrol photos stays inside it.
  await app.register(patrolRoutes, ctx)
  await app.register(assessmentRoutes, ctx)

  app.get(
    '/api/waste/quiz',
    {
      // Played on phones at events and in the lobby, without an account.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '分类小测验 A short random quiz from the dictionary (answers and reasons included)',
        querystring: QuizQuery,
        response: { 200: Type.Array(QuizQuestion), 400: ErrorBody },
      },
    },
    async (request) => quiz((await service.current()).items, request.query.n ?? 5),
  )
}
