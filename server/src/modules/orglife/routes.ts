import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import complianceRoutes from './compliance.routes.ts'
import duesRoutes from './dues.routes.ts'
import floatingRoutes from './floating.routes.ts'
import meetingRoutes from './meetings.routes.ts'
import pointsRoutes from './points.routes.ts'
import transferRoutes from './transfers.routes.ts'

export default async function orglifeRoutes(app: TypedApp, ctx: AppContext) {
  await meetingRoutes(app, ctx)
  await complianceRoutes(app, ctx)
  await transferRoutes(app, ctx)
  await duesRoutes(app, ctx)
  await floatingRoutes(app, ctx)
  await pointsRoutes(app, ctx)
}
