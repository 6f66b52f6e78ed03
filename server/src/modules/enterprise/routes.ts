import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import brandRoutes from './brands/routes.ts'
import deskRoutes from './desk/routes.ts'
import incubatorRoutes from './incubators/routes.ts'
import policyRoutes from './policies.routes.ts'

export default async function enterpriseRoutes(app: TypedApp, ctx: AppContext) {
  await policyRoutes(app, ctx)
  await incubatorRoutes(app, ctx)
  await deskRoutes(app, ctx)
  await brandRoutes(app, ctx)
}
