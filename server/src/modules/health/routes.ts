import { ErrorBody, Health } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { latestMigration } from '../../db/migrate.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

export default async function healthRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: '健康检查 Health', response: { 200: Health, 503: ErrorBody } },
    },
    async () => ({
      status: 'ok' as const,
      db: ctx.database.engine,
      migration: await latestMigration(ctx.database),
    }),
  )
}
