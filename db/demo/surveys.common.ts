import { createHash } from 'node:crypto'
import type { SurveyQuestion } from '@tongxin/contracts'
import { validateAnswers } from '../../server/src/modules/surveys/questionnaire.ts'
import type { DemoBuilder } from './builder.ts'

// What the demo surveys share: dates relative to the load date, stable slugs, the age-band question and
// the insertion of responses (checked by the API's own rules).

export type Answers = Record<string, string | number | string[]>
const DAY = 86_400_000

/** A day relative to the load date, at 09:00 Shanghai. */
export const at = (today: string, days: number) =>
  new Date(new Date(`${today}T09:00:00+08:00`).getTime() + days * DAY)

/** A slug that is the same on every load (demo links in the docs stay valid), derived from a name. */
export const demoSlug = (name: string) =>
  createHash('sha256').update(`tongxin-demo:${name}`).digest('base64url').slice(0, 12)

/**
 * The respondent's age band (attribute age_band): every demo survey asks it in the same words; each
 * offers the bands that suit its audience (the keys are the contracts' SURVEY_AGE_BANDS).
 */
export const ageQuestion = (options: Array<{ key: string; label: string }>) => ({
  key: 'age',
  type: 'single' as const,
  title: '您的年龄段',
  required: true,
  attribute: 'age_band' as const,
  options,
})

export async function insertResponses(
  b: DemoBuilder,
  surveyId: number,
  questions: SurveyQuestion[],
  rows: Array<{ answers: Answers; at: Date }>,
) {
  const values = rows.map((r, i) => {
    // The same rules as the API: a demo response that the answering page would refuse is a bug here.
    const answers = validateAnswers(questions, r.answers)
    const attr = (name: string) => {
      const q = questions.find((x) => x.attribute === name)
      return q && typeof answers[q.key] === 'string' ? (answers[q.key] as string) : null
    }
    return {
      survey_id: surveyId,
      device_hash: createHash('sha256').update(`demo-device:${surveyId}:${i}`).digest('base64url'),
      answers: JSON.stringify(answers),
      area_code: attr('area'),
      building: attr('building'),
      unit_kind: attr('unit_kind'),
      age_band: attr('age_band'),
      submitted_at: r.at,
    }
  })
  for (let i = 0; i < values.length; i += 200) {
    await b.db
      .insertInto('survey_response')
      .values(values.slice(i, i + 200))
      .execute()
  }
}
