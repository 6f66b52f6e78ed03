import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

export default async function qrRoutes(_app: TypedApp, _ctx: AppContext) {}
