import type { Static, TSchema } from 'typebox'

/**
 * One API route as both sides see it: the server registers it from these schema objects (lib/contract-routes.ts)
 * and the web calls it through `call(key, …)` (web/src/lib/api.ts), whose argument and answer types are these
 * schemas' static types. The table's key is `'METHOD /api/path/:param'`; `response` is the success answer
 * (sent with `status`, 200 unless said; 204 answers nothing, as a deletion may), error answers are the server's
 * business.
 */
export interface RouteSpec {
  params?: TSchema
  query?: TSchema
  body?: TSchema
  response: TSchema
  status?: 200 | 201 | 204
  /**
   * A second success status with the same answer, which the handler sets itself: 201 when a route that may
   * only preview (a shift series) creates, 202 when an import's commit continues in the background, 206 for
   * one byte range of a file (a QR item's audio).
   */
  alsoStatus?: 201 | 202 | 206
}

export type RouteTable = Record<`${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`, RouteSpec>

type Part<S, K extends 'params' | 'query' | 'body'> = S extends { [P in K]: infer X extends TSchema }
  ? Static<X>
  : undefined

/** What a call sends: only the parts the route declares; a part whose fields are all optional may be left out. */
type Slot<K extends string, T> = [T] extends [undefined]
  ? unknown
  : object extends T
    ? { [P in K]?: T }
    : { [P in K]: T }

export type RouteInput<S extends RouteSpec> = Slot<'params', Part<S, 'params'>> &
  Slot<'query', Part<S, 'query'>> &
  Slot<'body', Part<S, 'body'>>

export type RouteOutput<S extends RouteSpec> = Static<S['response']>
export type RouteRequestParts<S extends RouteSpec> = {
  params: Part<S, 'params'>
  query: Part<S, 'query'>
  body: Part<S, 'body'>
}
