import fastJson from 'fast-json-stringify'
import type { FastifyInstance } from 'fastify'

type Serialize = (data: unknown) => string

interface Entry {
  schema: object
  compiled: Serialize | null
}

const installed = new WeakMap<
  FastifyInstance,
  { entries: Set<Entry>; compile: (entry: Entry) => Serialize }
>()

/**
 * Responses are written by fast-json-stringify from the route's response schema, as Fastify does by default
 * (only declared fields go out), with two differences that matter for memory and start time:
 * - a schema object is compiled once however many routes and status codes use it: Fastify compiled one
 *   serializer per route and status, and the shared ErrorBody on five statuses of ~500 routes (and their HEAD
 *   twins) made ~2,900 compiled functions holding ~100 MB of heap at idle (bench/README.md);
 * - a schema is compiled when a route first answers with it, not at start, so an idle server holds only what
 *   it has used. A schema that cannot compile would then fail on first use; `compileAllSerializers` compiles
 *   them all, and a test runs it over the whole app.
 */
export function installSerializers(app: FastifyInstance): { readonly compiled: number } {
  const bySchema = new WeakMap<object, Serialize>()
  const entries = new Set<Entry>()
  const stats = { compiled: 0 }
  const compile = (entry: Entry): Serialize => {
    if (!entry.compiled) {
      entry.compiled = fastJson(entry.schema) as Serialize
      stats.compiled++
    }
    return entry.compiled
  }
  app.setSerializerCompiler(({ schema }) => {
    const known = bySchema.get(schema)
    if (known) return known
    const entry: Entry = { schema, compiled: null }
    entries.add(entry)
    const serialize: Serialize = (data) => (entry.compiled ?? compile(entry))(data)
    bySchema.set(schema, serialize)
    return serialize
  })
  installed.set(app, { entries, compile })
  return stats
}

/** Compiles every response schema the app's routes declared (a schema that does not compile throws); the count. */
export async function compileAllSerializers(app: FastifyInstance): Promise<number> {
  await app.ready()
  const found = installed.get(app)
  if (!found) throw new Error('installSerializers was not called on this app')
  const { entries, compile } = found
  for (const entry of entries) compile(entry)
  return entries.size
}
