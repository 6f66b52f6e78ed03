import { ErrorBody, wasteApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import assessmentRoutes from './assessments.routes.ts'
import patrolRoutes from './patrols.routes.ts'
import { examples, quiz } from './quiz.ts'
import { WasteService } from './service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
// Public routes can only be refused for a bad query.
const publicErrors = { 400: ErrorBody }
// Until the permission table has its own entry, staff who keep the registry keep the dictionary too.
const manage = { access: { permission: 'waste.manage' } } as const

export default async function wasteRoutes(app: TypedApp, ctx: AppContext) {
  // The lookup engine is built on the first lookup (WasteService.current), not at start: it holds ~23 MB of
  // heap and takes seconds to build on a loaded machine, which an idle server and a restart need not pay.
  const service = new WasteService(ctx)
  const route = contractRoutes(app, wasteApi, { tags: ['waste'], errors })

  route(
    'GET /api/waste/lookup',
    {
      // Phones and the kiosk ask without logging in.
      config: { access: 'public' },
      summary: '垃圾分类查询 Waste sorting lookup (name, pinyin, initials, typos, homophones)',
      errors: publicErrors,
    },
    async (request) => service.lookup(request.query.q, request.log),
  )
  route(
    'GET /api/waste/examples',
    {
      // The kiosk's bin tiles ask without logging in.
      config: { access: 'public' },
      summary: '各类垃圾举例 Examples from the dictionary for each bin',
      errors: publicErrors,
    },
    async () => examples((await service.current()).items),
  )
  route(
    'GET /api/waste/items',
    { config: manage, summary: '垃圾分类词条 Waste items (staff)' },
    async (request) => service.listItems(request.query),
  )
  route('GET /api/waste/items/:id', { config: manage, summary: '词条详情 Waste item' }, async (request) =>
    service.getItem(request.params.id),
  )
  route('POST /api/waste/items', { config: manage, summary: '新增词条 Add a waste item' }, async (request) =>
    service.createItem(request, request.body),
  )
  route(
    'PUT /api/waste/items/:id',
    { config: manage, summary: '更正词条 Correct a waste item (send the version you read)' },
    async (request) => service.updateItem(request, request.params.id, request.body),
  )
  route(
    'GET /api/waste/misses',
    { config: manage, summary: '未查到的查询 Most frequent queries without an answer (anonymous)' },
    async (request) => service.listMisses(request.query.limit ?? 50),
  )

  // Its own plugin, so the raw-image body parser for patrol photos stays inside it.
  await app.register(patrolRoutes, ctx)
  await app.register(assessmentRoutes, ctx)

  route(
    'GET /api/waste/quiz',
    {
      // Played on phones at events and in the lobby, without an account.
      config: { access: 'public' },
      summary: '分类小测验 A short random quiz from the dictionary (answers and reasons included)',
      errors: publicErrors,
    },
    async (request) => quiz((await service.current()).items, request.query.n ?? 5),
  )
}
