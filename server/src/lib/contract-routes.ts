import type { RouteOutput, RouteRequestParts, RouteSpec, RouteTable } from '@tongxin/contracts'
import type {
  FastifyContextConfig,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
  preParsingAsyncHookHandler,
} from 'fastify'
import type { TSchema } from 'typebox'
import type { TypedApp } from './typed-app.ts'

/** The request a table route's handler gets: params, query and body typed by the table's schemas. */
export type ContractRequest<S extends RouteSpec> = FastifyRequest<{
  Params: RouteRequestParts<S>['params']
  Querystring: RouteRequestParts<S>['query']
  Body: RouteRequestParts<S>['body']
}>

/** What only the server says about a route: who may call it and how it reads in the OpenAPI document. */
export interface RouteExtras {
  config: FastifyContextConfig
  summary: string
  /** A longer note for the OpenAPI document, where the summary cannot say it all. */
  description?: string
  /** Error answers, when they differ from the module's usual set. */
  errors?: Record<number, TSchema>
  /** Media types of a file answer (the OpenAPI document shows them). */
  produces?: string[]
  /**
   * A raw upload: the media types it takes (left out when any is taken and the bytes decide), its size limit
   * and any check made before the body is read.
   */
  upload?: {
    consumes?: string[]
    bodyLimit: number
    preParsing?: preParsingAsyncHookHandler
  }
}

export type ContractHandler<S extends RouteSpec> = (
  request: ContractRequest<S>,
  reply: FastifyReply,
) => RouteOutput<S> | Promise<RouteOutput<S>>

/**
 * Registers routes from a contract table (packages/contracts, `*-routes.ts`): the path, method and schemas are
 * the table's own objects, so what the web calls and what the server validates and serialises cannot drift;
 * the handler must return the table's answer type. The table's `status` (201 for a creation) is set here; an
 * `alsoStatus` is the handler's to set.
 */
export function contractRoutes<T extends RouteTable & { [K in keyof T]: RouteSpec }>(
  app: TypedApp,
  table: T,
  shared: { tags: string[]; errors: Record<number, TSchema> },
) {
  return function route<K extends keyof T & string>(
    key: K,
    extras: RouteExtras,
    handler: ContractHandler<T[K]>,
  ): void {
    const spec: RouteSpec = table[key]
    const [method, url] = key.split(' ') as [HTTPMethods, string]
    const status = spec.status ?? 200
    app.route({
      method,
      url,
      config: extras.config,
      ...(extras.upload && {
        bodyLimit: extras.upload.bodyLimit,
        ...(extras.upload.preParsing && { preParsing: extras.upload.preParsing }),
      }),
      schema: {
        tags: shared.tags,
        summary: extras.summary,
        ...(extras.description && { description: extras.description }),
        ...(extras.produces && { produces: extras.produces }),
        ...(extras.upload?.consumes && { consumes: extras.upload.consumes }),
        ...(spec.params && { params: spec.params }),
        ...(spec.query && { querystring: spec.query }),
        ...(spec.body && { body: spec.body }),
        response: {
          [status]: spec.response,
          ...(spec.alsoStatus && { [spec.alsoStatus]: spec.response }),
          ...(extras.errors ?? shared.errors),
        },
      },
      handler: async (request, reply) => {
        const answer = await handler(request as unknown as ContractRequest<T[K]>, reply)
        if (status !== 200) reply.status(status)
        return answer
      },
    })
  }
}
