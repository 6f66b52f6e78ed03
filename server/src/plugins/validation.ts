import Ajv from 'ajv'
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
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body'
      ? strict.compile(bounded(schema) as typeof schema)
      : coercing.compile(bounded(schema) as typeof schema),
  )
  app.addHook('preValidation', async (request) => refuseNul(request))
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
