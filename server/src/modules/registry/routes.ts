import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import buildingRoutes from './buildings.routes.ts'
import historyRoutes from './history.routes.ts'
import orgRoutes from './orgs.routes.ts'
import peopleRoutes from './people.routes.ts'
import placeRoutes from './places.routes.ts'
import { registerRegistryScopes } from './scope.ts'
import unitRoutes from './units.routes.ts'

export default async function registryRoutes(app: TypedApp, ctx: AppContext) {
  registerRegistryScopes()
  await app.register(buildingRoutes, ctx)
  await app.register(unitRoutes, ctx)
  await app.register(orgRoutes, ctx)
  await app.register(peopleRoutes, ctx)
  await app.register(placeRoutes, ctx)
  await app.register(historyRoutes, ctx)
}
