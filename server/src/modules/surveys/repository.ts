import type { SurveyQuestion } from '@tongxin/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Answers } from './questionnaire.ts'
import type { SurveyTable } from './schema.ts'

export type SurveyRow = Omit<Selectable<SurveyTable>, 'questions' | 'audience_ids'> & {
  questions: SurveyQuestion[]
  audience_ids: number[]
  area_name: string
  area_path: string
  responses: number
}

/** jsonb may come back as text from a driver that does not parse it; both engines' shapes are accepted. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T

export function surveyQuery(db: Kysely<DB>) {
  return db
    .selectFrom('survey as s')
    .innerJoin('area as a', 'a.code', 's.area_code')
    .selectAll('s')
    .select(['a.name as area_name', 'a.path as area_path'])
    .select((eb) =>
      eb
        .selectFrom('survey_response as r')
        .whereRef('r.survey_id', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('responses'),
    )
}

export function toSurveyRow(raw: Record<string, unknown>): SurveyRow {
  const r = raw as unknown as SurveyRow
  return {
    ...r,
    questions: json<SurveyQuestion[]>(raw.questions),
    audience_ids: (raw.audience_ids as Array<number | string>).map(Number),
    responses: Number(raw.responses ?? 0),
  }
}

export async function findSurvey(db: Kysely<DB>, where: { id: number } | { slug: string }) {
  let q = surveyQuery(db)
  q = 'id' in where ? q.where('s.id', '=', where.id) : q.where('s.slug', '=', where.slug)
  const row = await q.executeTakeFirst()
  return row ? toSurveyRow(row) : null
}

export interface ResponseRow {
  id: number
  account_id: number | null
  answers: Answers
  area_code: string | null
  building: string | null
  unit_kind: string | null
  age_band: string | null
  submitted_at: Date
}

export async function surveyResponses(db: Kysely<DB>, surveyId: number): Promise<ResponseRow[]> {
  const rows = await db
    .selectFrom('survey_response')
    .select(['id', 'account_id', 'answers', 'area_code', 'building', 'unit_kind', 'age_band', 'submitted_at'])
    .where('survey_id', '=', surveyId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ...r, answers: json<Answers>(r.answers) }))
}

/** Name and phone of the accounts that answered (for an unmasked export), by id. */
export async function respondentAccounts(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return []
  return db.selectFrom('account').select(['id', 'display_name', 'phone']).where('id', 'in', ids).execute()
}
