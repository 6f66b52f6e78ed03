import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import ts from 'typescript'
import type { Database } from '../src/db/connection.ts'

/**
 * The Kysely table types are written by hand beside the SQL migrations; nothing in the compiler ties the two.
 * This reads both — the `DB` interface through the TypeScript compiler, the migrated database through
 * information_schema — and names every table or column that one has and the other lacks, every nullability
 * that differs, and every column whose TypeScript type is of another class than its SQL type.
 */

/** The rough class of a column's values as the application sees them (after the connection's parsers). */
export type TypeClass = 'string' | 'number' | 'boolean' | 'date' | 'bytes' | 'array' | 'json'

export interface ColumnShape {
  nullable: boolean
  /** unknown (or any) admits null as well as anything else: such a column's nullability is not checked. */
  loose: boolean
  /** Classes the column's values may have: several for a union, `json` for unknown or an object type. */
  classes: TypeClass[]
}
export type TableShapes = Map<string, Map<string, ColumnShape>>

const SCHEMA_FILE = fileURLToPath(new URL('../src/db/schema.ts', import.meta.url))

/** The tables and columns of `DB` in server/src/db/schema.ts (and the module schema files it extends). */
export function typedTables(file = SCHEMA_FILE, interfaceName = 'DB'): TableShapes {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    types: ['node'],
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  if (!source) throw new Error(`cannot read ${file}`)
  const db = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName,
  )
  if (!db) throw new Error(`no interface ${interfaceName} in ${file}`)
  const tables: TableShapes = new Map()
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(db.name))) {
    const columns = new Map<string, ColumnShape>()
    const tableType = checker.getTypeOfSymbol(table)
    for (const column of checker.getPropertiesOfType(tableType)) {
      columns.set(column.name, shapeOf(checker, checker.getTypeOfSymbol(column)))
    }
    tables.set(table.name, columns)
  }
  return tables
}

/**
 * The types a select gives, as Kysely reads them: ColumnType<S, I, U> (and Generated<T>) carry S as
 * `__select__`, member by member of a union (`Timestamp | null` selects `Date | null`).
 */
function selectParts(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const parts = type.isUnion() ? type.types : [type]
  return parts.flatMap((part) => {
    const select = part.getProperty('__select__')
    if (!select) return [part]
    const inner = checker.getTypeOfSymbol(select)
    return inner.isUnion() ? inner.types : [inner]
  })
}

function shapeOf(checker: ts.TypeChecker, type: ts.Type): ColumnShape {
  let nullable = false
  let loose = false
  const classes = new Set<TypeClass>()
  for (const part of selectParts(checker, type)) {
    if (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) nullable = true
    else {
      if (part.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) loose = true
      classes.add(classOf(checker, part))
    }
  }
  return { nullable, loose, classes: [...classes].sort() }
}

function classOf(checker: ts.TypeChecker, type: ts.Type): TypeClass {
  const f = type.flags
  if (f & ts.TypeFlags.StringLike) return 'string'
  if (f & ts.TypeFlags.NumberLike) return 'number'
  if (f & ts.TypeFlags.BooleanLike) return 'boolean'
  if (f & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return 'json'
  if (checker.isArrayType(type)) return 'array'
  const name = type.getSymbol()?.name
  if (name === 'Date') return 'date'
  if (name === 'Buffer' || name === 'Uint8Array') return 'bytes'
  return 'json'
}

/** What each SQL type may be typed as in TypeScript (dates and int8/numeric are parsed: db/connection.ts). */
const SQL_CLASSES: Record<string, TypeClass[]> = {
  text: ['string'],
  'character varying': ['string'],
  character: ['string'],
  citext: ['string'],
  uuid: ['string'],
  inet: ['string'],
  date: ['string'],
  'time without time zone': ['string'],
  interval: ['string'],
  'USER-DEFINED': ['string'],
  smallint: ['number'],
  integer: ['number'],
  bigint: ['number'],
  numeric: ['number'],
  real: ['number'],
  'double precision': ['number'],
  boolean: ['boolean'],
  'timestamp with time zone': ['date'],
  'timestamp without time zone': ['date'],
  bytea: ['bytes'],
  ARRAY: ['array'],
  json: ['json', 'string', 'number', 'boolean', 'array'],
  jsonb: ['json', 'string', 'number', 'boolean', 'array'],
}

export interface DatabaseColumn {
  table: string
  column: string
  nullable: boolean
  /** information_schema's data_type. */
  type: string
  /** GENERATED ALWAYS AS (...): information_schema calls it nullable whatever the expression gives. */
  generated: boolean
}

/** The columns of the public tables of a migrated database. */
export async function databaseColumns(database: Database): Promise<DatabaseColumn[]> {
  const { rows } = await sql<{
    table_name: string
    column_name: string
    is_nullable: string
    data_type: string
    is_generated: string
  }>`
    SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.is_generated
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(database.db)
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    nullable: r.is_nullable === 'YES',
    type: r.data_type,
    generated: r.is_generated === 'ALWAYS',
  }))
}

/** Every difference between the typed tables and the database's, one line each; none when they agree. */
export function schemaDrift(typed: TableShapes, actual: DatabaseColumn[], skip: string[] = []): string[] {
  const problems: string[] = []
  typed = new Map([...typed].filter(([table]) => !skip.includes(table)))
  actual = actual.filter((c) => !skip.includes(c.table))
  const byTable = new Map<string, DatabaseColumn[]>()
  for (const c of actual) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c])
  for (const table of [...byTable.keys()].filter((t) => !typed.has(t)))
    problems.push(`${table}: a table in the database with no type in DB`)
  for (const [table, columns] of typed) {
    const real = byTable.get(table)
    if (!real) {
      problems.push(`${table}: typed in DB, not in the database`)
      continue
    }
    for (const c of real) {
      const shape = columns.get(c.column)
      if (!shape) {
        problems.push(`${table}.${c.column}: in the database (${c.type}), not in the type`)
        continue
      }
      const nullabilityDiffers = c.generated ? shape.nullable && !c.nullable : shape.nullable !== c.nullable
      if (nullabilityDiffers && !shape.loose)
        problems.push(
          `${table}.${c.column}: ${c.nullable ? 'nullable' : 'NOT NULL'} in the database, ${shape.nullable ? 'nullable' : 'not nullable'} in the type`,
        )
      const allowed = SQL_CLASSES[c.type]
      if (!allowed) problems.push(`${table}.${c.column}: SQL type ${c.type} has no known TypeScript class`)
      else {
        const wrong = shape.classes.filter((k) => !allowed.includes(k))
        if (wrong.length > 0 || shape.classes.length === 0)
          problems.push(
            `${table}.${c.column}: ${c.type} in the database, typed as ${shape.classes.join(' | ') || 'never'}`,
          )
      }
    }
    const names = new Set(real.map((c) => c.column))
    for (const column of columns.keys())
      if (!names.has(column)) problems.push(`${table}.${column}: typed, not in the database`)
  }
  return problems
}
