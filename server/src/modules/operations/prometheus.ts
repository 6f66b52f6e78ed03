import { safeEqual } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import type { createMetrics } from './metrics.ts'

/**
 * Prometheus's scrape route. It stays outside the contract route table: it exists only when a token is
 * configured (the table's test needs every entry registered), it is hidden from the OpenAPI document, its
 * answer is Prometheus's text format, and a scraper calls it, never the web.
 */
export function installMetricsRoute(
  app: TypedApp,
  metrics: ReturnType<typeof createMetrics>,
  token: string | null,
) {
  // Off unless a token is configured: the series name routes, job names and volumes, which an anonymous
  // caller on a public port has no business reading.
  if (!token) return
  app.get(
    '/api/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Prometheus metrics (Bearer TONGXIN_METRICS_TOKEN)',
        hide: true,
      },
    },
    async (request, reply) => {
      const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
      if (!safeEqual(given, token)) throw new AppError('metrics_token')
      reply.header('content-type', metrics.registry.contentType)
      return metrics.registry.metrics()
    },
  )
}
