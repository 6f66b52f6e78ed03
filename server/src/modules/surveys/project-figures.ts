import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** What a service project achieved, computed from the rows linked to it; nothing here is typed in. */
export interface ProjectFigures {
  eventsHeld: number
  participants: number
  plays: number
  responses: number
}

const empty = (): ProjectFigures => ({ eventsHeld: 0, participants: 0, plays: 0, responses: 0 })

/**
 * Figures of the given projects: linked events that took place (not cancelled, over by `now`), the people
 * checked in at them, plays of the project's content items, and responses to the surveys its findings cite
 * (each response once, however many findings cite its survey).
 */
export async function projectFigures(
  db: Kysely<DB>,
  ids: readonly number[],
  now: Date,
): Promise<Map<number, ProjectFigures>> {
  const out = new Map<number, ProjectFigures>(ids.map((id) => [id, empty()]))
  if (ids.length === 0) return out
  const list = [...ids]
  const held = db
    .selectFrom('service_project_event as pe')
    .innerJoin('event as e', 'e.id', 'pe.event_id')
    .where('pe.project_id', 'in', list)
    .where('e.status', '<>', 'cancelled')
    .where('e.ends_at', '<=', now)
  const [events, attendance, plays, responses] = await Promise.all([
    held
      .select(['pe.project_id as id', (eb) => eb.fn.count<string>('e.id').as('n')])
      .groupBy('pe.project_id')
      .execute(),
    held
      .innerJoin('event_registration as r', 'r.event_id', 'e.id')
      .where('r.status', '=', 'attended')
      .select(['pe.project_id as id', (eb) => eb.fn.count<string>('r.id').as('n')])
      .groupBy('pe.project_id')
      .execute(),
    db
      .selectFrom('qr_content')
      .where('project_id', 'in', list)
      .select(['project_id as id', (eb) => eb.fn.sum<string>('plays').as('n')])
      .groupBy('project_id')
      .execute(),
    db
      .selectFrom('service_project_finding as f')
      .innerJoin('survey_response as sr', 'sr.survey_id', 'f.survey_id')
      .where('f.project_id', 'in', list)
      .select(['f.project_id as id', (eb) => eb.fn.count<string>('sr.id').distinct().as('n')])
      .groupBy('f.project_id')
      .execute(),
  ])
  const put = (rows: Array<{ id: number | null; n: string | number | null }>, key: keyof ProjectFigures) => {
    for (const r of rows) {
      const f = r.id === null ? undefined : out.get(Number(r.id))
      if (f) f[key] = Number(r.n ?? 0)
    }
  }
  put(events, 'eventsHeld')
  put(attendance, 'participants')
  put(plays, 'plays')
  put(responses, 'responses')
  return out
}
