import fc from 'fast-check'

/**
 * Hostile requests derived from the OpenAPI document: for each operation a plausible baseline (path ids,
 * required query parameters, a body built from its schema) and variants that break one thing at a time.
 * Everything random comes from fast-check with a fixed seed, so a failure names an input that reproduces.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema as found in the document
type Schema = Record<string, any>

export interface Operation {
  method: string
  path: string
  params: Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: Schema }>
  body?: Schema
}

export interface Case {
  op: string
  label: string
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
}

export const SEED = 20_251_111

/** A body value written into the JSON text as is (1e309, NaN, deep nesting): JSON.stringify cannot say it. */
const RAW = '@@raw@@'
const raw = (text: string) => `${RAW}${text}`
const toJson = (value: unknown) =>
  JSON.stringify(value).replace(new RegExp(`"${RAW}((?:[^"\\\\]|\\\\.)*)"`, 'g'), (_, text: string) =>
    JSON.parse(`"${text}"`),
  )

const HUGE = '9223372036854775808'
/** 10,000 characters of seeded CJK text: 30 kB of UTF-8 that does not compress below an index's row limit. */
const LONG = fc
  .sample(fc.array(fc.integer({ min: 0x4e00, max: 0x9fff }), { minLength: 10_000, maxLength: 10_000 }), {
    seed: SEED,
    numRuns: 1,
  })[0]!
  .map((c) => String.fromCharCode(c))
  .join('')
const NUL = 'a\u0000b'
const DEEP_ARRAY = `${'['.repeat(1000)}${']'.repeat(1000)}`
const HUGE_JSON = `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`
const DEEP_OBJECT = `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`

/** Random text of every kind (lone surrogates, controls, astral characters), the same on every run. */
const noise = fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), {
  seed: SEED,
  numRuns: 64,
})
let noiseAt = 0
const nextNoise = () => noise[noiseAt++ % noise.length]!

export function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths as Record<string, Schema>)) {
    for (const [method, op] of Object.entries(item as Record<string, Schema>)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p: Schema) => p.in === 'path' || p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      })
    }
  }
  return ops
}

/** The first branch of a nullable union, the type of a typed schema. */
function pick(schema: Schema): Schema {
  const branches = schema.anyOf ?? schema.oneOf
  if (branches) return pick(branches.find((b: Schema) => b.type !== 'null') ?? branches[0])
  return schema
}

const typeOf = (schema: Schema): string => {
  const s = pick(schema)
  if (s.const !== undefined || s.enum) return 'enum'
  return Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : (s.type ?? 'unknown')
}

let sampleAt = 0
/** A value the schema accepts, as far as a small generator can tell. */
export function plausible(schema: Schema): unknown {
  const s = pick(schema)
  if (s.const !== undefined) return s.const
  if (s.enum) return s.enum[0]
  if (s.default !== undefined) return s.default
  switch (typeOf(s)) {
    case 'string':
      if (s.format === 'date') return '2025-06-02'
      if (s.format === 'date-time') return '2025-06-02T09:00:00.000Z'
      if (s.pattern)
        return fc.sample(fc.stringMatching(new RegExp(s.pattern)), { seed: SEED + sampleAt++, numRuns: 1 })[0]
      return 'x'.repeat(Math.max(1, s.minLength ?? 1))
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1)
    case 'boolean':
      return false
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => plausible(s.items ?? {})) : []
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const key of s.required ?? []) out[key] = plausible(s.properties?.[key] ?? {})
      return out
    }
    default:
      return 'x'
  }
}

/**
 * The cases named in the issue for every field; of the other kinds one per field, taken in turn through the
 * document, so each kind still reaches a few hundred fields while the walk stays a few thousand requests.
 */
let turn = 0
const some = <T>(always: T[], inTurn: T[]): T[] => [...always, inTurn[turn++ % inTurn.length]!]

/** Hostile values for a field, as JSON values (raw() for what JSON cannot hold). */
function hostileValues(schema: Schema): Array<[string, unknown]> {
  switch (typeOf(schema)) {
    case 'string':
      return some(
        [
          ['NUL', NUL],
          ['10k chars', LONG],
        ],
        [
          ['noise', nextNoise()],
          ['wrong type', 12345],
        ],
      )
    case 'enum':
      return [
        ['NUL', `${String(pick(schema).enum?.[0] ?? pick(schema).const)}\u0000`],
        ['not in enum', 'nope'],
      ]
    case 'integer':
    case 'number':
      return some(
        [
          ['2^63', raw(HUGE)],
          ['2^31', 2_147_483_648],
        ],
        [
          ['1e309', raw('1e309')],
          ['-1', -1],
          ['1.5', 1.5],
          ['wrong type', 'abc'],
        ],
      )
    case 'boolean':
      return [['wrong type', 'true']]
    case 'array':
      return some([['deep array', raw(DEEP_ARRAY)]], [['wrong type', { a: 1 }]])
    case 'object':
      return some([['deep object', raw(DEEP_OBJECT)]], [['wrong type', 'x']])
    default:
      return [
        ['NUL', NUL],
        ['deep array', raw(DEEP_ARRAY)],
      ]
  }
}

/** Hostile texts for a path or query parameter. */
function hostileTexts(schema: Schema): Array<[string, string]> {
  const t = typeOf(schema.type === 'array' ? (schema.items ?? {}) : schema)
  if (t === 'integer' || t === 'number')
    return some(
      [
        ['NUL', NUL],
        ['2^63', HUGE],
        ['1e309', '1e309'],
      ],
      [
        ['10k chars', LONG],
        ['-1', '-1'],
        ['NaN', 'NaN'],
        ['1.5', '1.5'],
        ['empty', ''],
      ],
    )
  return some(
    [
      ['NUL', NUL],
      ['10k chars', LONG],
    ],
    [
      ['noise', nextNoise()],
      ['empty', ''],
    ],
  )
}

/** The leaves of a body schema (objects and arrays walked a few levels deep), each with its JSON path. */
function leaves(schema: Schema, path: Array<string | number> = [], depth = 0): Array<[typeof path, Schema]> {
  const s = pick(schema)
  const out: Array<[typeof path, Schema]> = path.length ? [[path, s]] : []
  if (depth >= 4) return out
  if (typeOf(s) === 'object')
    for (const [key, prop] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
      out.push(...leaves(prop, [...path, key], depth + 1))
  if (typeOf(s) === 'array' && s.items) out.push(...leaves(s.items, [...path, 0], depth + 1))
  return out
}

/** The baseline body with the value at `path` replaced (containers on the way are created). */
function withValue(base: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>
  let node: Record<string | number, unknown> = copy
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value
    else {
      if (typeof node[key] !== 'object' || node[key] === null)
        node[key] = typeof path[i + 1] === 'number' ? [] : {}
      node = node[key] as Record<string | number, unknown>
    }
  })
  return copy
}

function urlOf(op: Operation, pathValues: Record<string, string>, query: Array<[string, string]>) {
  let url = op.path
  for (const p of op.params.filter((x) => x.in === 'path'))
    url = url.replace(`{${p.name}}`, encodeURIComponent(pathValues[p.name] ?? String(plausible(p.schema))))
  const qs = new URLSearchParams(query).toString()
  return qs ? `${url}?${qs}` : url
}

const JSON_TYPE = { 'content-type': 'application/json' }

/** Every hostile request for one operation. */
export function casesOf(op: Operation): Case[] {
  const name = `${op.method} ${op.path}`
  const cases: Case[] = []
  const pathBase = Object.fromEntries(
    op.params.filter((p) => p.in === 'path').map((p) => [p.name, String(plausible(p.schema))]),
  )
  const queryBase: Array<[string, string]> = op.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => [p.name, String(plausible(p.schema.type === 'array' ? (p.schema.items ?? {}) : p.schema))])
  const unsafe = op.method !== 'GET'
  const bodyBase = op.body ? plausible(op.body) : undefined
  const basePayload = bodyBase === undefined ? {} : { headers: JSON_TYPE, payload: toJson(bodyBase) }
  const add = (
    label: string,
    url: string,
    extra: { headers?: Record<string, string>; payload?: string | Buffer },
  ) =>
    cases.push({
      op: name,
      label,
      method: op.method,
      url,
      headers: extra.headers ?? {},
      payload: extra.payload,
    })

  for (const p of op.params) {
    for (const [label, text] of hostileTexts(p.schema)) {
      const url =
        p.in === 'path'
          ? urlOf(op, { ...pathBase, [p.name]: text }, queryBase)
          : urlOf(op, pathBase, [...queryBase.filter(([k]) => k !== p.name), [p.name, text]])
      add(`${p.in} ${p.name}: ${label}`, url, basePayload)
    }
    if (p.in === 'query')
      add(
        `query ${p.name}: repeated`,
        urlOf(op, pathBase, [
          [p.name, 'a'],
          [p.name, 'b'],
        ]),
        basePayload,
      )
  }
  add('query: unknown', urlOf(op, pathBase, [...queryBase, ['__proto__', 'x'], ['zz', NUL]]), basePayload)

  if (op.body) {
    for (const [path, leaf] of leaves(op.body).slice(0, 30))
      for (const [label, value] of hostileValues(leaf))
        add(`body ${path.join('.')}: ${label}`, urlOf(op, pathBase, queryBase), {
          headers: JSON_TYPE,
          payload: toJson(withValue(bodyBase, path, value)),
        })
    add('body: unknown field', urlOf(op, pathBase, queryBase), {
      headers: JSON_TYPE,
      payload: toJson({ ...(bodyBase as object), zz: NUL }),
    })
  }
  if (unsafe) {
    const url = urlOf(op, pathBase, queryBase)
    const bodies: Array<[string, string, string | Buffer]> = [
      ['empty JSON', 'application/json', ''],
      ['invalid JSON', 'application/json', '{"a":'],
      ['NUL in JSON text', 'application/json', '{"a":"\u0000"}'],
      ['escaped NUL key', 'application/json', '{"\\u0000":1}'],
      ['deep array', 'application/json', DEEP_ARRAY],
      ['deep object', 'application/json', DEEP_OBJECT],
      ['top-level array', 'application/json', '[]'],
      ['proto pollution', 'application/json', '{"__proto__":{"admin":true}}'],
      ['2 MB JSON', 'application/json', HUGE_JSON],
      [
        'bad multipart',
        'multipart/form-data; boundary=zz',
        '--zz\r\nContent-Disposition: form-data\r\n\r\n\u0000',
      ],
      ['text', 'text/plain', NUL],
    ]
    // Routes without a JSON body take files (images, audio, workbooks): each kind of garbage for them.
    const garbage: Array<[string, string, string | Buffer]> = [
      ['garbage bytes', 'application/octet-stream', Buffer.from([0, 255, 0, 1])],
      ['garbage image', 'image/png', Buffer.from([0x89, 0x50, 0, 0])],
      ['garbage audio', 'audio/mpeg', Buffer.from([0xff, 0, 0])],
      [
        'garbage xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        Buffer.from('PK\u0000'),
      ],
    ]
    bodies.push(...(op.body ? some([], garbage) : garbage))
    for (const [label, type, payload] of bodies)
      add(`body: ${label}`, url, { headers: { 'content-type': type }, payload })
  }
  return cases
}
