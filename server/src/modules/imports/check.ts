import type { ImportChange } from '@tongxin/contracts'
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import type { RefLookup } from '../registry/refs.ts'
import {
  type Parsed,
  parseBoolean,
  parseChoice,
  parseCode,
  parseDate,
  parseInteger,
  parseNumber,
  parseText,
  plainCell,
} from './cells.ts'
import type { ColumnSpec, KindSpec } from './columns.ts'
import type { SheetRow } from './parse.ts'
import { type Reason, reason } from './reasons.ts'

export interface RowError {
  row: number
  column: string
  reason: Reason
}

/** Where the caller may import: everywhere, or inside these area paths. */
export interface ImportScope {
  all: boolean
  paths: string[]
}

export interface CheckEnv {
  /** The database for a dry run; the commit's transaction when checking again before writing. */
  db: Kysely<DB>
  secret: string
  scope: ImportScope
}

export interface ApplyEnv {
  accountId: number | null
  now: Date
  /** Rows written so far, for the progress bar. */
  progress(rows: number): void
}

export interface KindOutcome {
  errors: RowError[]
  /** Rows that pass but will not do all the file says (shown in the dry run, not blocking). */
  warnings?: RowError[]
  changes: ImportChange[]
  /** People outside the caller's scope whose ID numbers rows gave (members only): audited and limited. */
  idConflicts?: number[]
  /** Writes the new and changed rows; only called when there are no errors. */
  apply(trx: Kysely<DB>, env: ApplyEnv): Promise<void>
}

// Same options as the API's body validator (strict types, no coercion), but every error, not the first.
const ajv = addFormats.default(
  new Ajv.default({ allErrors: true, removeAdditional: false, useDefaults: false, strict: false }),
)
export const compileInput = (schema: object): ValidateFunction => ajv.compile(schema)

/** One row being checked: its typed values and its errors, each against a column. */
export class RowCheck {
  readonly errors: RowError[] = []
  readonly values: Record<string, unknown> = {}

  constructor(
    readonly spec: KindSpec,
    readonly row: number,
  ) {}

  fail(key: string, r: Reason) {
    const column = key === '' ? '' : (this.spec.columns.find((c) => c.key === key)?.header ?? key)
    this.errors.push({ row: this.row, column, reason: r })
  }

  get ok() {
    return this.errors.length === 0
  }

  text(key: string) {
    return (this.values[key] ?? null) as string | null
  }
  num(key: string) {
    return (this.values[key] ?? null) as number | null
  }
  bool(key: string) {
    return (this.values[key] ?? null) as boolean | null
  }
}

function parseAs(col: ColumnSpec, raw: unknown): Parsed<unknown> {
  const plain = plainCell(raw)
  if (!plain.ok) return plain
  const v = plain.value
  switch (col.type) {
    case 'text':
      return parseText(v)
    case 'code':
      return parseCode(v)
    case 'integer':
      return parseInteger(v)
    case 'number':
      return parseNumber(v)
    case 'date':
      return parseDate(v)
    case 'boolean':
      return parseBoolean(v)
    case 'choice':
      return parseChoice(v, col.choices!.labels, col.choices!.codes)
  }
}

/** Cells to typed values; unreadable and missing required cells become errors against their column. */
export function readRow(spec: KindSpec, sheetRow: SheetRow): RowCheck {
  const check = new RowCheck(spec, sheetRow.row)
  spec.columns.forEach((col, i) => {
    const parsed = parseAs(col, sheetRow.cells[i])
    if (!parsed.ok) check.fail(col.key, parsed.reason)
    else if (parsed.value === null && col.required) check.fail(col.key, reason('required'))
    else check.values[col.key] = parsed.value
  })
  return check
}

function schemaReason(e: ErrorObject): Reason {
  const limit = (e.params as { limit?: number }).limit ?? ''
  switch (e.keyword) {
    case 'maxLength':
      return reason('too_long', { limit })
    case 'minLength':
      return limit === 1 ? reason('required') : reason('invalid')
    case 'maxItems':
      return reason('too_many', { limit })
    case 'minimum':
      return reason('too_small', { limit })
    case 'maximum':
      return reason('too_large', { limit })
    default:
      return reason('invalid')
  }
}

/**
 * The row as an API input, checked against the same TypeBox schema the form's body is; `fields` maps the
 * input's paths (/floorFrom, /membership/joinedOn) to the spreadsheet column keys.
 */
export function checkSchema(
  check: RowCheck,
  validate: ValidateFunction,
  input: unknown,
  fields: Record<string, string>,
) {
  if (validate(input)) return
  // A nullable field that fails reports its branch's error plus "not null" and "no branch matched":
  // one reason per field, the most specific.
  const byPath = new Map<string, ErrorObject>()
  for (const e of validate.errors ?? []) {
    const path = e.instancePath.replace(/\/\d+$/, '')
    const prior = byPath.get(path)
    if (!prior || (['type', 'anyOf'].includes(prior.keyword) && !['type', 'anyOf'].includes(e.keyword)))
      byPath.set(path, e)
  }
  for (const [path, e] of byPath) check.fail(fields[path] ?? '', schemaReason(e))
}

let lastBreath = performance.now()
/**
 * Lets other requests run during a long check: every ~20 ms of checking, the next row waits for the event
 * loop's turn (a 100,000-row check is seconds of JavaScript; on the embedded database, between its queries,
 * the only session is free for others too).
 */
export async function breathe() {
  if (performance.now() - lastBreath < 20) return
  await new Promise((resolve) => setImmediate(resolve))
  lastBreath = performance.now()
}

/** readRow for every row, breathing between them. */
export async function readRows(spec: KindSpec, rows: SheetRow[]): Promise<RowCheck[]> {
  const out: RowCheck[] = []
  for (const r of rows) {
    out.push(readRow(spec, r))
    await breathe()
  }
  return out
}

/** Runs a shared registry validator; its AppError becomes a row error worded exactly as the API words it. */
export async function viaValidator<T>(
  check: RowCheck,
  columnOf: (e: AppError) => string,
  run: () => Promise<T>,
): Promise<T | null> {
  // Once per row in every kind: the place where a long check lets other requests in.
  await breathe()
  try {
    return await run()
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    check.fail(columnOf(err), { code: err.code, params: err.params })
    return null
  }
}

export interface AreaInfo {
  level: string
  path: string
  name: string
}

/**
 * The rows an import refers to, loaded in bulk, answering the shared validators' questions (RefLookup)
 * without a query per row. Ids of rows new in the same file are negative until the commit inserts them.
 */
export class Snapshot implements RefLookup {
  readonly buildings = new Map<number, { floors: number; area_code: string }>()
  readonly live = {
    building: new Set<number>(),
    unit: new Set<number>(),
    person: new Set<number>(),
    party_org: new Set<number>(),
    park: new Set<number>(),
  }
  /** Organisation id → its parent's id, for the cycle check. */
  readonly parents = new Map<number, number | null>()

  constructor(readonly areas: Map<string, AreaInfo>) {}

  async areaLevel(code: string) {
    return this.areas.get(code)?.level
  }
  async building(id: number) {
    return this.buildings.get(id)
  }
  async firstMissing(table: keyof Snapshot['live'], ids: number[]) {
    return ids.find((id) => !this.live[table].has(id))
  }
  async ancestors(orgId: number) {
    const chain: number[] = []
    for (
      let id: number | null | undefined = orgId;
      id != null && chain.length < 100;
      id = this.parents.get(id)
    )
      chain.push(id)
    return chain
  }

  /** Whether an area is inside the caller's import scope. */
  inScope(scope: ImportScope, areaCode: string | null | undefined): boolean {
    if (scope.all) return true
    const path = areaCode ? this.areas.get(areaCode)?.path : undefined
    if (!path) return false
    return scope.paths.some((p) => path === p || path.startsWith(`${p}/`))
  }
}

/** Every place a row touches (new and current) must lie inside the caller's scope. */
export function checkScope(check: RowCheck, snap: Snapshot, scope: ImportScope, areas: Array<string | null>) {
  const outside = areas.some((a) => a !== null && !snap.inScope(scope, a))
  if (outside) check.fail('', reason('out_of_scope'))
}

/** The first row of each natural key; later rows with the same key are errors naming the first. */
export class KeySeen<V = undefined> {
  private first = new Map<string, { row: number; value: V }>()
  claim(key: string, row: number, value: V): { row: number; value: V } | null {
    const prior = this.first.get(key)
    if (prior) return prior
    this.first.set(key, { row, value })
    return null
  }
}

const show = (v: unknown): string => {
  if (v === null || v === undefined) return ''
  if (typeof v === 'boolean') return v ? '是' : '否'
  return String(v)
}
const same = (a: unknown, b: unknown) => {
  const x = a ?? null
  const y = b ?? null
  if (typeof x === 'number' || typeof y === 'number')
    return x !== null && y !== null && Number(x) === Number(y)
  return x === y
}

/** A field compared between the database and the row: stored values, and how to show each. */
export interface FieldDiff {
  field: string
  before: unknown
  after: unknown
  /** Display text when the stored value is an id or a code (a building's name, a kind's label). */
  shownBefore?: string
  shownAfter?: string
}

export function diffFields(fields: FieldDiff[]): ImportChange['fields'] {
  return fields
    .filter((f) => !same(f.before, f.after))
    .map((f) => ({
      field: f.field,
      from: f.shownBefore ?? show(f.before),
      to: f.shownAfter ?? show(f.after),
    }))
}

export function changeOf(
  row: number,
  key: string,
  existed: boolean,
  fields: ImportChange['fields'],
): ImportChange {
  return { row, key, fields, action: !existed ? 'new' : fields.length > 0 ? 'changed' : 'unchanged' }
}
