import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

export interface InvitationRow {
  id: number
  token_sealed: string
  role: string
  scope_type: string
  scope_id: string
  area_code: string | null
  point_id: number | null
  point_name: string | null
  event_id: number | null
  event_title: string | null
  volunteer: boolean
  note: string | null
  max_uses: number
  uses: number
  expires_at: Date
  revoked_at: Date | null
  created_by: number | null
  creator_name: string | null
  created_at: Date
  version: number
}

export function invitationQuery(db: Kysely<DB>) {
  return db
    .selectFrom('invitation as i')
    .leftJoin('duty_point as dp', 'dp.id', 'i.point_id')
    .leftJoin('event as e', 'e.id', 'i.event_id')
    .leftJoin('account as c', 'c.id', 'i.created_by')
    .select([
      'i.id',
      'i.token_sealed',
      'i.role',
      'i.scope_type',
      'i.scope_id',
      'i.area_code',
      'i.point_id',
      'dp.name as point_name',
      'i.event_id',
      'e.title as event_title',
      'i.volunteer',
      'i.note',
      'i.max_uses',
      'i.uses',
      'i.expires_at',
      'i.revoked_at',
      'i.created_by',
      'c.display_name as creator_name',
      'i.created_at',
      'i.version',
    ])
}

export type InvitationStatus = 'active' | 'expired' | 'used_up' | 'revoked'

/** The status as a WHERE condition (the same order of precedence as statusOf). */
export function whereStatus(status: InvitationStatus, now: Date) {
  return (eb: ExpressionBuilder<DB & { i: DB['invitation'] }, 'i'>) => {
    const revoked = eb('i.revoked_at', 'is not', null)
    const usedUp = eb('i.uses', '>=', eb.ref('i.max_uses'))
    const expired = eb('i.expires_at', '<=', now)
    if (status === 'revoked') return revoked
    if (status === 'used_up') return eb.and([eb.not(revoked), usedUp])
    if (status === 'expired') return eb.and([eb.not(revoked), eb.not(usedUp), expired])
    return eb.and([eb.not(revoked), eb.not(usedUp), eb.not(expired)])
  }
}

export function statusOf(
  row: Pick<InvitationRow, 'revoked_at' | 'uses' | 'max_uses' | 'expires_at'>,
  now: Date,
) {
  if (row.revoked_at) return 'revoked' as const
  if (row.uses >= row.max_uses) return 'used_up' as const
  if (row.expires_at <= now) return 'expired' as const
  return 'active' as const
}

/**
 * Takes one use of the invitation if it is still open, in one statement: two sign-ups racing for the last
 * use are serialised on the row lock, and the second finds `uses < max_uses` false.
 */
export async function takeUse(db: Kysely<DB>, id: number, now: Date) {
  return db
    .updateTable('invitation')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where(sql<boolean>`uses < max_uses`)
    .returning(['id', 'uses'])
    .executeTakeFirst()
}
