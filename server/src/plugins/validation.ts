import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../lib/errors.ts'

/**
 * Bodies are checked strictly: wrong types are errors and unknown fields are refused (Fastify's default
 * would coerce "3" to 3 and silently drop extras). Query strings and params arrive as text, so those are
 * coerced to the declared types.
 *
 * Two rules hold for every route without each schema having to say so:
 * - numbers are finite and integers are exact: 1e309 (Infinity) and 2^63 are refused here rather than by the
 *   database, and an id above 2^53 − 1 cannot be rounded by JavaScript into the id of another row;
 * - no text carries U+0000, which PostgreSQL cannot store in `text` or `jsonb`.
 */
export function installValidators(app: FastifyInstance) {
  // Not ajv's strictNumbers: it lets a query's "1e309", coerced to Infinity, skip minimum and maximum (seen
  // as a quiz of Infinity questions that never returned). The bounds below refuse Infinity instead.
  const common = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false }
  const strict = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }))
  const coercing = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }))
  // Compiled when a route first validates with it, once per schema object and part: compiling all ~800 at
  // start took ~2 s of a restart (CPU profile, bench/README.md) and their code stayed in the heap whether
  // used or not. compileAllValidators compiles them all; a test runs it over the app.
  const byPart = { body: new WeakMap<object, Lazy>(), other: new WeakMap<object, Lazy>() }
  const entries = new Set<Lazy>()
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const cache = httpPart === 'body' ? byPart.body : byPart.other
    const known = cache.get(schema)
    if (known) return known
    const ajv = httpPart === 'body' ? strict : coercing
    const validator = lazyValidator(() => ajv.compile(bounded(schema) as typeof schema))
    cache.set(schema, validator)
    entries.add(validator)
    return validator
  })
  validators.set(app, entries)
  app.addHook('preValidation', async (request) => refuseNul(request))
}

type DataValidationCxt = Parameters<ValidateFunction>[1]
type Validate = ValidateFunction & ((data: unknown, ctx?: DataValidationCxt) => boolean)
/** Ajv's function, compiled on its first call; `schemaEnv` tells Fastify to pass the parent (root coercion). */
type Lazy = Validate & { compile: () => Validate }

function lazyValidator(compile: () => ValidateFunction): Lazy {
  let compiled: ValidateFunction | null = null
  const get = () => {
    compiled ??= compile()
    return compiled
  }
  const validate = ((data: unknown, ctx?: DataValidationCxt) => {
    const fn = get()
    const ok = ctx ? fn(data, ctx) : fn(data)
    validate.errors = fn.errors
    return ok
  }) as Lazy
  validate.schemaEnv = true as unknown as Lazy['schemaEnv']
  validate.compile = get as () => Validate
  return validate
}

const validators = new WeakMap<FastifyInstance, Set<Lazy>>()

/** Compiles every request schema the app's routes declared (one that does not compile throws); the count. */
export async function compileAllValidators(app: FastifyInstance): Promise<number> {
  await app.ready()
  const entries = validators.get(app)
  if (!entries) throw new Error('installValidators was not called on this app')
  for (const entry of entries) entry.compile()
  return entries.size
}

const SCHEMA = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
])
const SCHEMA_LIST = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems'])
const SCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'])

/** A copy of a JSON schema in which every number without bounds gets the widest exact ones. */
export function bounded(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA.has(key)) out[key] = bounded(value)
    else if (SCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map(bounded)
    else if (SCHEMA_MAP.has(key) && typeof value === 'object' && value !== null)
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bounded(v)]))
    else out[key] = value
  }
  const types = typeof out.type === 'string' ? [out.type] : Array.isArray(out.type) ? out.type : []
  const limit = types.includes('integer')
    ? Number.MAX_SAFE_INTEGER
    : types.includes('number')
      ? Number.MAX_VALUE
      : 0
  if (limit) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = limit
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -limit
  }
  return out
}

/** Finds the first U+0000 in the params, query and body (keys included); walked without recursion. */
function refuseNul(request: FastifyRequest) {
  const stack: Array<[unknown, string]> = [
    [request.params, 'params'],
    [request.query, 'query'],
    [request.body, 'body'],
  ]
  while (stack.length) {
    const [value, where] = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw nulIn(where)
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) stack.push([item, `${where}[${i}]`])
    } else if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) throw nulIn(where)
        stack.push([item, `${where}.${key}`])
      }
    }
  }
}

// The path is the caller's own keys: shortened, so an error message cannot be made to carry a payload.
const nulIn = (where: string) =>
  new AppError('nul_character', { field: where.length > 80 ? `${where.slice(0, 80)}…` : where })
