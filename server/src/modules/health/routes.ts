import { ErrorBody, healthApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { latestMigration } from '../../db/migrate.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

export default async function healthRoutes(app: TypedApp, ctx: AppContext) {
  contractRoutes(app, healthApi, { tags: ['platform'], errors: { 503: ErrorBody } })(
    'GET /api/health',
    { config: { access: 'public' }, summary: '健康检查 Health' },
    async () => ({
      status: 'ok' as const,
      db: ctx.database.engine,
      migration: await latestMigration(ctx.database),
    }),
  )
}
