import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import hoursRoutes from './hours.routes.ts'
import pointRoutes from './points.routes.ts'
import shiftRoutes from './shifts.routes.ts'

export default async function volunteerRoutes(app: TypedApp, ctx: AppContext) {
  await pointRoutes(app, ctx)
  await shiftRoutes(app, ctx)
  await hoursRoutes(app, ctx)
}
