import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

/**
 * Bodies are checked strictly: wrong types are errors and unknown fields are refused (Fastify's default
 * would coerce "3" to 3 and silently drop extras). Query strings and params arrive as text, so those are
 * coerced to the declared types.
 */
export function installValidators(app: FastifyInstance) {
  const common = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false } as const
  const strict = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }))
  const coercing = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }))
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? strict.compile(schema) : coercing.compile(schema),
  )
}
