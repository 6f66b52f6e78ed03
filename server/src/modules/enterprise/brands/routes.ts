import { enterpriseApi } from '@tongxin/contracts'
import type { AppContext } from '../../../context.ts'
import { contractRoutes } from '../../../lib/contract-routes.ts'
import type { ScopeRef } from '../../../lib/scope.ts'
import type { TypedApp } from '../../../lib/typed-app.ts'
import { errors, tags } from '../http.ts'
import { assess, brandPartyOrg, getBrand, listBrands, publicBrand, saveBrand } from './service.ts'

export default async function brandRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, enterpriseApi, { tags, errors })
  const brandOrg = async (r: { params: { id: number } }): Promise<ScopeRef[]> => {
    const org = await brandPartyOrg(ctx, r.params.id)
    return org === undefined ? [] : [{ type: 'party_org', id: String(org) }]
  }
  const bodyOrg = (r: { body: { partyOrgId: number } }): ScopeRef => ({
    type: 'party_org',
    id: String(r.body.partyOrgId),
  })

  route(
    'GET /api/enterprise/brands',
    {
      config: { access: { permission: 'brand.read' } },
      summary: '一企一品 Brands in your scope',
    },
    async (request) => ({ items: await listBrands(ctx, request) }),
  )
  route(
    'GET /api/enterprise/brands/:id',
    {
      config: { access: { permission: 'brand.read', scope: brandOrg } },
      summary: '品牌详情与考评 A brand with its assessments',
    },
    async (request) => getBrand(ctx, request.params.id),
  )
  route(
    'POST /api/enterprise/brands',
    {
      config: { access: { permission: 'brand.manage', scope: bodyOrg } },
      summary: '创建品牌 Create a brand',
    },
    async (request) => {
      const id = await saveBrand(ctx, request, request.body)
      return getBrand(ctx, id)
    },
  )
  route(
    'PUT /api/enterprise/brands/:id',
    {
      config: {
        access: {
          permission: 'brand.manage',
          match: 'all',
          scope: async (r: { params: { id: number }; body: { partyOrgId: number } }) => {
            const current = await brandOrg(r)
            return current.length ? [...current, bodyOrg(r)] : []
          },
        },
      },
      summary: '修改品牌 Edit a brand',
    },
    async (request) => {
      await saveBrand(ctx, request, request.body, request.params.id)
      return getBrand(ctx, request.params.id)
    },
  )
  route(
    'POST /api/enterprise/brands/:id/assessments',
    {
      config: { access: { permission: 'brand.assess', scope: brandOrg } },
      summary: '街道考评 The street assesses a brand',
    },
    async (request) => {
      await assess(ctx, request, request.params.id, request.body)
      return getBrand(ctx, request.params.id)
    },
  )
  route(
    'GET /api/enterprise/public/brands/:id',
    {
      config: { access: 'public' },
      summary: '品牌公开页 Public brand page',
    },
    async (request) => publicBrand(ctx, request.params.id),
  )
}
