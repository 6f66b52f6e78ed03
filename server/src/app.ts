import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import type { TrustProxy } from './config.ts'
import type { AppContext } from './context.ts'
import type { TypedApp } from './lib/typed-app.ts'
import accountRoutes from './modules/accounts/routes.ts'
import areaRoutes from './modules/areas/routes.ts'
import auditRoutes from './modules/audit/routes.ts'
import authRoutes from './modules/auth/routes.ts'
import censusRoutes from './modules/census/routes.ts'
import coverageRoutes from './modules/coverage/routes.ts'
import enterpriseRoutes from './modules/enterprise/routes.ts'
import eventRoutes from './modules/events/routes.ts'
import attachmentRoutes from './modules/exchange/attachments.routes.ts'
import exchangeExportRoutes from './modules/exchange/exports.routes.ts'
import listRoutes from './modules/exchange/lists.routes.ts'
import needRoutes from './modules/exchange/needs.routes.ts'
import resourceBookingRoutes from './modules/exchange/resource-bookings.routes.ts'
import roundRoutes from './modules/exchange/rounds.routes.ts'
import wishRoutes from './modules/exchange/wishes.routes.ts'
import healthRoutes from './modules/health/routes.ts'
import importRoutes from './modules/imports/routes.ts'
import notificationRoutes from './modules/notifications/routes.ts'
import { installOperations } from './modules/operations/routes.ts'
import orglifeRoutes from './modules/orglife/routes.ts'
import registryRoutes from './modules/registry/routes.ts'
import surveyRoutes from './modules/surveys/routes.ts'
import volunteerRoutes from './modules/volunteers/routes.ts'
import wasteRoutes from './modules/waste/routes.ts'
import workbenchRoutes from './modules/workbench/routes.ts'
import authPlugin from './plugins/auth.ts'
import errorsPlugin from './plugins/errors.ts'
import { registerOpenApi } from './plugins/openapi.ts'
import securityPlugin from './plugins/security.ts'
import { installSerializers } from './plugins/serialization.ts'
import { installValidators } from './plugins/validation.ts'
import { registerWeb } from './plugins/web.ts'

export interface BuildOptions {
  logger?: FastifyServerOptions['logger']
  /** Serve web/dist (default true); API-only tests turn it off. */
  web?: boolean
  /** Where the built web app is (default web/dist); tests serve a miniature one. */
  webDist?: string
}

/**
 * One line per request at info, written when it is answered: what was asked, by whom, the answer, why it
 * was refused, how long it took (Fastify's default is two lines, the first without the answer).
 * `incoming request` only at debug: tests of shutdown wait for it to know a request is in flight.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request')
  }
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      account: request.account ?? undefined,
      code: request.rejectedWith ?? undefined,
    }
    if (error) request.log.error({ ...line, err: error }, 'request errored')
    else request.log.info(line, 'request completed')
  }
}

const MODULES = [
  healthRoutes,
  authRoutes,
  areaRoutes,
  accountRoutes,
  auditRoutes,
  registryRoutes,
  coverageRoutes,
  censusRoutes,
  needRoutes,
  listRoutes,
  exchangeExportRoutes,
  attachmentRoutes,
  wishRoutes,
  resourceBookingRoutes,
  roundRoutes,
  importRoutes,
  wasteRoutes,
  eventRoutes,
  volunteerRoutes,
  surveyRoutes,
  enterpriseRoutes,
  orglifeRoutes,
  notificationRoutes,
  workbenchRoutes,
]

/**
 * Fastify refuses a bare hop count (it cannot tell a proxy from a client that reaches the app directly), so
 * "n proxies in front" is spelt as a function: the socket peer and the n-1 addresses it forwarded are proxies,
 * the n-th address from the right of X-Forwarded-For is the client. README says when that is safe.
 */
function fastifyTrustProxy(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof trust === 'number') return trust === 0 ? false : (_address: string, hop: number) => hop < trust
  return trust
}

/** The whole HTTP app, not listening: main.ts listens, tests call `app.inject`. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<TypedApp> {
  const app = Fastify({
    logger: opts.logger ?? { level: ctx.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    requestIdHeader: 'x-request-id',
    // A caller-chosen id is kept only when it is short and plain; anything else gets a fresh one.
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID()
    },
    routerOptions: { maxParamLength: 200 },
    logController: new OneLinePerRequest(),
  }).withTypeProvider<TypeBoxTypeProvider>()

  installValidators(app)
  installSerializers(app)
  await app.register(errorsPlugin)
  await app.register(securityPlugin)
  await app.register(cookie)
  await app.register(authPlugin, ctx)
  await registerOpenApi(app)
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
    done(null, payload)
  })
  await installOperations(app, ctx)
  for (const mod of MODULES) await app.register(mod, ctx)
  await registerWeb(app, opts.web !== false, opts.webDist)
  return app
}
