import { AssessmentInput, Brand, BrandInput, IdParams } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import type { ScopeRef } from '../../../lib/scope.ts'
import type { TypedApp } from '../../../lib/typed-app.ts'
import { errors, tags } from '../http.ts'
import { assess, brandPartyOrg, getBrand, listBrands, publicBrand, saveBrand } from './service.ts'

export default async function brandRoutes(app: TypedApp, ctx: AppContext) {
  const brandOrg = async (r: { params: { id: number } }): Promise<ScopeRef[]> => {
    const org = await brandPartyOrg(ctx, r.params.id)
    return org === undefined ? [] : [{ type: 'party_org', id: String(org) }]
  }
  const bodyOrg = (r: { body: { partyOrgId: number } }): ScopeRef => ({
    type: 'party_org',
    id: String(r.body.partyOrgId),
  })

  app.get(
    '/api/enterprise/brands',
    {
      config: { access: { permission: 'brand.read' } },
      schema: {
        tags,
        summary: '一企一品 Brands in your scope',
        response: { 200: Type.Object({ items: Type.Array(Brand) }), ...errors },
      },
    },
    async (request) => ({ items: await listBrands(ctx, request) }),
  )
  app.get(
    '/api/enterprise/brands/:id',
    {
      config: { access: { permission: 'brand.read', scope: brandOrg } },
      schema: {
        tags,
        summary: '品牌详情与考评 A brand with its assessments',
        params: IdParams,
        response: { 200: Brand, ...errors },
      },
    },
    async (request) => getBrand(ctx, request.params.id),
  )
  app.post(
    '/api/enterprise/brands',
    {
      config: { access: { permission: 'brand.manage', scope: bodyOrg } },
      schema: {
        tags,
        summary: '创建品牌 Create a brand',
        body: BrandInput,
        response: { 201: Brand, ...errors },
      },
    },
    async (request, reply) => {
      const id = await saveBrand(ctx, request, request.body)
      reply.status(201)
      return getBrand(ctx, id)
    },
  )
  app.put(
    '/api/enterprise/brands/:id',
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
      schema: {
        tags,
        summary: '修改品牌 Edit a brand',
        params: IdParams,
        body: BrandInput,
        response: { 200: Brand, ...errors },
      },
    },
    async (request) => {
      await saveBrand(ctx, request, request.body, request.params.id)
      return getBrand(ctx, request.params.id)
    },
  )
  app.post(
    '/api/enterprise/brands/:id/assessments',
    {
      config: { access: { permission: 'brand.assess', scope: brandOrg } },
      schema: {
        tags,
        summary: '街道考评 The street assesses a brand',
        params: IdParams,
        body: AssessmentInput,
        response: { 201: Brand, ...errors },
      },
    },
    async (request, reply) => {
      await assess(ctx, request, request.params.id, request.body)
      reply.status(201)
      return getBrand(ctx, request.params.id)
    },
  )
  app.get(
    '/api/enterprise/public/brands/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '品牌公开页 Public brand page',
        params: IdParams,
        response: { 200: Brand, ...errors },
      },
    },
    async (request) => publicBrand(ctx, request.params.id),
  )
}
