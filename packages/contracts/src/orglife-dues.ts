/** Party dues (党费) of the orglife API. Money in fen (integers). */
import Type, { type Static } from 'typebox'

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })
const AreaCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })
const Year = Type.Integer({ minimum: 2000, maximum: 2100 })

export const DUES_CATEGORY_CODES = ['employed', 'retired', 'student', 'unemployed', 'relief'] as const
export const PAYMENT_CHANNELS = ['cash', 'wechat', 'alipay', 'bank', 'other'] as const

export const DuesBaseInput = Type.Object(
  {
    year: Year,
    category: Type.Enum([...DUES_CATEGORY_CODES]),
    /** Monthly after-tax income in yuan (employed, retired); omitted for the fixed categories. */
    monthlyIncome: Type.Optional(Nullable(Type.Number())),
    /** The version read when changing a confirmed base. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type DuesBaseInput = Static<typeof DuesBaseInput>

export const DuesRateQuery = Type.Object(
  { category: Type.Enum([...DUES_CATEGORY_CODES]), monthlyIncome: Type.Optional(Type.Number()) },
  { additionalProperties: false },
)
export const DuesRate = Type.Object({ rateBp: Nullable(Type.Integer()), monthlyCents: Type.Integer() })

export const MemberDues = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  status: Type.Enum(['formal', 'probationary']),
  category: Nullable(Type.Enum([...DUES_CATEGORY_CODES])),
  /** Always masked here; the income itself is read one member at a time, audited. */
  baseMasked: Nullable(Type.String()),
  rateBp: Nullable(Type.Integer()),
  monthlyCents: Nullable(Type.Integer()),
  baseVersion: Nullable(Type.Integer()),
  /** Months of the year up to the last finished one that are due. */
  dueMonths: Type.Integer(),
  paidMonths: Type.Array(Month),
  arrearsMonths: Type.Array(Month),
  arrearsCents: Type.Integer(),
  paidCents: Type.Integer(),
  /** The last month paid without a gap from January (the letter's "党费交到"). */
  paidThrough: Nullable(Month),
})
export type MemberDues = Static<typeof MemberDues>

export const OrgDues = Type.Object({
  partyOrgId: Type.Integer(),
  name: Type.String(),
  year: Type.Integer(),
  /** The last finished month: dues of months up to it are owed. */
  through: Nullable(Month),
  members: Type.Array(MemberDues),
  expectedCents: Type.Integer(),
  paidCents: Type.Integer(),
  arrearsCents: Type.Integer(),
  membersInArrears: Type.Integer(),
  withoutBase: Type.Integer(),
})
export type OrgDues = Static<typeof OrgDues>

export const DuesBaseReveal = Type.Object({
  personId: Type.Integer(),
  year: Type.Integer(),
  category: Type.Enum([...DUES_CATEGORY_CODES]),
  monthlyIncome: Nullable(Type.Number()),
  rateBp: Nullable(Type.Integer()),
  monthlyCents: Type.Integer(),
})

export const PaymentInput = Type.Object(
  {
    personId: Type.Integer({ minimum: 1 }),
    months: Type.Array(Month, { minItems: 1, maxItems: 12, uniqueItems: true }),
    /** Per month; defaults to the month's dues. */
    amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    channel: Type.Enum([...PAYMENT_CHANNELS]),
    paidOn: DateOnly,
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
)
export type PaymentInput = Static<typeof PaymentInput>

export const Payment = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  name: Type.String(),
  month: Month,
  amountCents: Type.Integer(),
  channel: Type.Enum([...PAYMENT_CHANNELS]),
  paidOn: DateOnly,
  partyOrgId: Type.Integer(),
  source: Type.Enum(['manual', 'import']),
  recordedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
})
export type Payment = Static<typeof Payment>

export const DuesImportResult = Type.Object({
  dryRun: Type.Boolean(),
  committed: Type.Boolean(),
  rows: Type.Integer(),
  payments: Type.Integer(),
  amountCents: Type.Integer(),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Nullable(Type.String()), message: Type.String() }),
  ),
})
export type DuesImportResult = Static<typeof DuesImportResult>

export const DuesReportQuery = Type.Object(
  { area: Type.Optional(AreaCode), year: Type.Optional(Year) },
  { additionalProperties: false },
)

const DuesTotals = {
  orgs: Type.Integer(),
  members: Type.Integer(),
  withoutBase: Type.Integer(),
  expectedCents: Type.Integer(),
  paidCents: Type.Integer(),
  arrearsCents: Type.Integer(),
  membersInArrears: Type.Integer(),
}

export const DuesReport = Type.Object({
  scope: Type.Object({ code: Type.String(), name: Type.String() }),
  year: Type.Integer(),
  through: Nullable(Month),
  ...DuesTotals,
  orgRows: Type.Array(
    Type.Object({ partyOrgId: Type.Integer(), name: Type.String(), areaCode: Type.String(), ...DuesTotals }),
  ),
  children: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...DuesTotals })),
})
export type DuesReport = Static<typeof DuesReport>
