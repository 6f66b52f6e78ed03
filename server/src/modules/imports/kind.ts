import type { ImportChange } from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { AppError } from '../../lib/errors.ts'
import {
  type ApplyEnv,
  type CheckEnv,
  changeOf,
  checkSchema,
  checkScope,
  compileInput,
  diffFields,
  type FieldDiff,
  KeySeen,
  type KindOutcome,
  type RowCheck,
  type RowError,
  readRows,
  Snapshot,
  viaValidator,
} from './check.ts'
import type { KindSpec } from './columns.ts'
import type { SheetRow } from './parse.ts'
import { type Reason, reason } from './reasons.ts'
import { loadAreas } from './repository.ts'

/** What a row's rules made of it: the API input it stands for and the record it matches, if any. */
export interface KindRow<Input, Before> {
  input: Input
  before: Before | undefined
  /** What the schema checks, when it differs from the input (stand-in ids of rows new in the file). */
  schemaInput?: unknown
}

/** A row planned for the commit; `existing` and `changed` tell the progress bar what is skipped. */
export interface KindPlan {
  existing: unknown
  changed: boolean
}

/** The identity of a row's record in the file: a second row with the same key is refused. */
export interface NaturalKey<V> {
  key: string
  /** The cell that is marked. */
  column: string
  /** How the key is named in the error. */
  shown: string
  /** Compared by `duplicate`, to word the error. */
  value: V
}

export interface KindDefinition<Ctx, Input, Before, Columns, Plan extends KindPlan, V = undefined> {
  spec: KindSpec
  /** The TypeBox schema of the API's body: a row is checked against the same rules the form is. */
  input: object
  /** The input's paths (/floorFrom, /membership/joinedOn) to the spreadsheet column keys. */
  fields: Record<string, string>
  /** The column a shared registry validator's error points at. */
  columnOf(error: AppError, input: Input): string
  /** Everything the rows refer to, read once for the whole file (`checks` are every row, read). */
  load(env: CheckEnv, checks: RowCheck[], snap: Snapshot): Promise<Ctx>
  naturalKey(check: RowCheck, ctx: Ctx): NaturalKey<V> | null
  /** The error for a row repeating an earlier one's key (default: duplicate_key). */
  duplicate?(prior: { row: number; value: V }, current: NaturalKey<V>): Reason
  /** The row's own rules (references, formats); marks its cells and gives null when a rule failed. */
  row(check: RowCheck, ctx: Ctx): Promise<KindRow<Input, Before> | null> | KindRow<Input, Before> | null
  columns(ctx: Ctx, row: KindRow<Input, Before>, snap: Snapshot): Promise<Columns>
  /** The areas the row touches, all of which must be in the caller's scope; null skips the check. */
  scope(
    check: RowCheck,
    ctx: Ctx,
    row: KindRow<Input, Before>,
    columns: Columns | null,
    env: CheckEnv,
    snap: Snapshot,
  ): Array<string | null> | null
  /** The fields compared with the matched record. */
  diff(ctx: Ctx, row: KindRow<Input, Before>, columns: Columns, before: Before): FieldDiff[]
  /** How the row is named in the dry run's list of changes. */
  label(row: KindRow<Input, Before>, columns: Columns): string
  plan(check: RowCheck, row: KindRow<Input, Before>, columns: Columns, change: ImportChange, ctx: Ctx): Plan
  /** Writes the planned rows (the unchanged ones are already counted as progress). */
  apply(trx: Kysely<DB>, env: ApplyEnv, planned: Plan[], ctx: Ctx): Promise<void>
  /** What the outcome adds beside errors and changes (warnings, audited ID conflicts). */
  extra?(env: CheckEnv, planned: Plan[], ctx: Ctx): Promise<Partial<KindOutcome>> | Partial<KindOutcome>
}

/**
 * One import kind: the steps every kind takes on each row, in one order — read the cells, refuse a repeated
 * key, the kind's own rules, the API's schema, the registry's shared validator, the caller's scope, the diff
 * with the stored record — and the commit of what passed.
 */
export function defineKind<Ctx, Input, Before, Columns, Plan extends KindPlan, V = undefined>(
  def: KindDefinition<Ctx, Input, Before, Columns, Plan, V>,
): (env: CheckEnv, rows: SheetRow[]) => Promise<KindOutcome> {
  // Compiled on the kind's first file, not at start (ajv compiling the four kinds' inputs was ~0.3 s of it).
  let validate: ReturnType<typeof compileInput> | undefined
  return async (env, rows) => {
    validate ??= compileInput(def.input)
    const snap = new Snapshot(await loadAreas(env.db))
    const checks = await readRows(def.spec, rows)
    const ctx = await def.load(env, checks, snap)
    const seen = new KeySeen<V>()
    const errors: RowError[] = []
    const changes: ImportChange[] = []
    const planned: Plan[] = []
    for (const check of checks) {
      const key = def.naturalKey(check, ctx)
      const prior = key ? seen.claim(key.key, check.row, key.value) : null
      if (prior && key)
        check.fail(
          key.column,
          def.duplicate?.(prior, key) ?? reason('duplicate_key', { row: prior.row, key: key.shown }),
        )
      const row = await def.row(check, ctx)
      if (!check.ok || !row) {
        errors.push(...check.errors)
        continue
      }
      checkSchema(check, validate, row.schemaInput ?? row.input, def.fields)
      const columns = check.ok
        ? await viaValidator(
            check,
            (e) => def.columnOf(e, row.input),
            () => def.columns(ctx, row, snap),
          )
        : null
      const areas = def.scope(check, ctx, row, columns, env, snap)
      if (areas) checkScope(check, snap, env.scope, areas)
      if (!check.ok || !columns) {
        errors.push(...check.errors)
        continue
      }
      const fields = row.before ? diffFields(def.diff(ctx, row, columns, row.before)) : []
      const change = changeOf(check.row, def.label(row, columns), row.before !== undefined, fields)
      changes.push(change)
      planned.push(def.plan(check, row, columns, change, ctx))
    }
    return {
      errors,
      changes,
      ...(def.extra ? await def.extra(env, planned, ctx) : {}),
      async apply(trx, applyEnv) {
        applyEnv.progress(planned.filter((p) => p.existing && !p.changed).length)
        await def.apply(trx, applyEnv, planned, ctx)
      },
    }
  }
}
