import Type, { type Static } from 'typebox'

/** What a spreadsheet can bring into the registry; each has a downloadable template. */
export const IMPORT_KINDS = ['buildings', 'units', 'party_orgs', 'members'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const IMPORT_MAX_ROWS = 100_000
export const IMPORT_MAX_BYTES = 30 * 1024 * 1024

export const ImportRowError = Type.Object({
  /** Spreadsheet row number as Excel shows it (the header is row 1). */
  row: Type.Integer(),
  /** Column header as in the template (Chinese), or '' for a whole-row problem. */
  column: Type.String(),
  /** In the request's language. */
  reason: Type.String(),
})
export type ImportRowError = Static<typeof ImportRowError>

export const ImportChange = Type.Object({
  row: Type.Integer(),
  action: Type.Enum(['new', 'changed', 'unchanged']),
  /** The natural key: USCC, building name + address, party organisation name, or masked ID number. */
  key: Type.String(),
  /** For `changed`: the fields that differ, old → new (personal data masked). */
  fields: Type.Array(Type.Object({ field: Type.String(), from: Type.String(), to: Type.String() })),
})
export type ImportChange = Static<typeof ImportChange>

export const ImportJob = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum([...IMPORT_KINDS]),
  fileName: Type.String(),
  status: Type.Enum(['checked', 'rejected', 'committing', 'committed', 'failed']),
  totalRows: Type.Integer(),
  /** Rows processed so far while checking or committing (for a progress bar). */
  processedRows: Type.Integer(),
  diff: Type.Object({ new: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer() }),
  errors: Type.Array(ImportRowError),
  /** Rows that pass but deserve a look (e.g. a flag that will not count); the first 1,000. */
  warnings: Type.Array(ImportRowError),
  warningCount: Type.Integer(),
  /** Up to 500 rows of the diff, changed and new first. */
  changes: Type.Array(ImportChange),
  createdAt: Type.String(),
  committedAt: Type.Union([Type.String(), Type.Null()]),
})
export type ImportJob = Static<typeof ImportJob>
