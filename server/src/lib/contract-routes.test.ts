import diagnostics from 'node:diagnostics_channel'
import { apiRoutes, type RouteSpec } from '@tongxin/contracts'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../test/helpers.ts'

/**
 * The route table in packages/contracts is what the web calls; this holds the server to it. Every entry must be
 * registered by buildApp under its method and path with the table's own schema objects (not a copy that could
 * drift), and a route the server registers under a table path must come from the table.
 */
describe('the contract route table and the server agree', () => {
  const seen: RouteOptions[] = []
  let t: TestApp

  beforeAll(async () => {
    // Fastify announces each new instance on this channel before any plugin runs, so the hook sees every route.
    const channel = diagnostics.channel('fastify.initialization')
    const listen = (message: unknown) => {
      ;(message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => void seen.push(route))
    }
    channel.subscribe(listen)
    try {
      t = await startTestApp()
    } finally {
      channel.unsubscribe(listen)
    }
  })
  afterAll(() => t?.close())

  const find = (method: string, url: string) =>
    seen.filter((r) => r.url === url && [r.method].flat().includes(method as never))

  it('the app was seen registering its routes', () => {
    expect(find('GET', '/api/health').length).toBe(1)
  })

  it.each(Object.entries(apiRoutes) as [string, RouteSpec][])(
    '%s is registered from the table',
    (key, spec) => {
      const [method, url] = key.split(' ') as [string, string]
      const routes = find(method, url)
      expect(routes, `${key} registered once`).toHaveLength(1)
      const schema = routes[0]!.schema as Record<string, unknown> & { response: Record<string, unknown> }
      expect(schema.params === spec.params, `${key}: params are the table's object`).toBe(true)
      expect(schema.querystring === spec.query, `${key}: query is the table's object`).toBe(true)
      expect(schema.body === spec.body, `${key}: body is the table's object`).toBe(true)
      const status = spec.status ?? 200
      expect(
        schema.response[status] === spec.response,
        `${key}: ${status} answer is the table's object`,
      ).toBe(true)
      if (spec.alsoStatus) {
        expect(
          schema.response[spec.alsoStatus] === spec.response,
          `${key}: ${spec.alsoStatus} answer is the table's object`,
        ).toBe(true)
      }
      const successes = Object.keys(schema.response).filter((code) => Number(code) < 400)
      const declared = [status, spec.alsoStatus].filter((s) => s !== undefined).map(String)
      expect(successes, `${key}: the only success answers are the table's`).toEqual(declared)
    },
  )
})
