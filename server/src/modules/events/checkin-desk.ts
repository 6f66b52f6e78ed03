import type { CheckinBoard, ManualCheckinBody, ScanResult } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { normaliseQuery } from '../../lib/pinyin.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { redeem } from './checkin.service.ts'
import { statusWord } from './registration.service.ts'

/**
 * The organiser's desk: registrants found by name (or its pinyin) or by the last four digits of their phone,
 * checked in with one tap. Only the phone's tail ever leaves the server: it is what tells two 王伟 apart,
 * and a search by tail answers nothing the list does not already show to the same caller.
 */

/** The last four digits of the person's phone, else the account's. */
const phoneTail = sql<
  string | null
>`nullif(right(regexp_replace(coalesce(p.phone, a.phone, ''), '[^0-9]', '', 'g'), 4), '')`

/** `%`, `_` and `\` typed into the box are characters, not LIKE patterns. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function registrations(db: Kysely<DB>, eventId: number, q: string | undefined) {
  let query = db
    .selectFrom('event_registration as r')
    .leftJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('account as a', 'a.id', 'r.account_id')
    .where('r.event_id', '=', eventId)
    .where('r.status', '<>', 'cancelled')
  const text = q?.trim()
  if (text) {
    if (/^\d{4}$/.test(text)) {
      query = query.where(phoneTail, '=', text)
    } else {
      const name = `%${likeEscape(text)}%`
      const pinyin = `%${likeEscape(normaliseQuery(text))}%`
      query = query.where((eb) =>
        eb.or([eb('r.name', 'ilike', name), eb('p.search_text', 'like', pinyin)]),
      ) as typeof query
    }
  }
  return query
}

export async function checkinCounts(db: Kysely<DB>, eventId: number) {
  const row = await db
    .selectFrom('event as e')
    .select([
      'e.capacity',
      sql<number>`(SELECT count(*) FILTER (WHERE x.status = 'attended') FROM event_registration x WHERE x.event_id = e.id)::int`.as(
        'checked_in',
      ),
      sql<number>`(SELECT count(*) FILTER (WHERE x.inside) FROM event_registration x WHERE x.event_id = e.id)::int`.as(
        'inside',
      ),
      sql<number>`(SELECT count(*) FILTER (WHERE x.status IN ('registered', 'attended', 'no_show')) FROM event_registration x WHERE x.event_id = e.id)::int`.as(
        'registered',
      ),
      sql<number>`(SELECT count(*) FILTER (WHERE x.status = 'waitlisted') FROM event_registration x WHERE x.event_id = e.id)::int`.as(
        'waitlisted',
      ),
    ])
    .where('e.id', '=', eventId)
    .executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return {
    checkedIn: row.checked_in,
    inside: row.inside,
    registered: row.registered,
    waitlisted: row.waitlisted,
    capacity: row.capacity,
  }
}

/** The counter and the registrations matching the search, in registration order (rows never jump under a finger). */
export async function checkinBoard(
  ctx: AppContext,
  eventId: number,
  query: { q?: string; limit?: number },
): Promise<CheckinBoard> {
  const limit = query.limit ?? 50
  const [counts, items, matched] = await Promise.all([
    checkinCounts(ctx.db, eventId),
    registrations(ctx.db, eventId, query.q)
      .select(['r.id', 'r.name', 'r.status', 'r.inside', 'r.attended_at', phoneTail.as('tail')])
      .orderBy('r.id')
      .limit(limit)
      .execute(),
    registrations(ctx.db, eventId, query.q)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return {
    counts,
    matched: Number(matched.n),
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      phoneTail: r.tail,
      status: r.status as CheckinBoard['items'][number]['status'],
      inside: r.inside,
      attendedAt: r.attended_at ? r.attended_at.toISOString() : null,
    })),
  }
}

/** One tap at the desk: the same redeem as a scan (window, state, nonce), recorded as `manual` and audited. */
export async function manualCheckin(
  ctx: AppContext,
  request: FastifyRequest,
  eventId: number,
  registrationId: number,
  body: ManualCheckinBody,
): Promise<ScanResult> {
  const principal = requirePrincipal(request)
  return redeem(ctx, body, {
    eventId,
    find: async (trx) => {
      const r = await trx
        .selectFrom('event_registration')
        .select('id')
        .where('id', '=', registrationId)
        .where('event_id', '=', eventId)
        .executeTakeFirst()
      // Another event's registration is not this desk's to know about.
      if (!r) throw new AppError('not_found')
      return r.id
    },
    via: 'manual',
    scannedBy: principal.accountId,
    audit: { request, action: 'event.checkin_manual' },
  })
}

const local = (d: Date | null) =>
  d ? d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16) : ''

export const REGISTRATIONS_SHEET = '报名签到'
const HEADERS = ['序号', '姓名', '手机尾号', '状态', '报名时间', '首次签到', '当前在场']

/** The registrations as a workbook (phone tails only); the read is audited as personal data. */
export async function registrationsWorkbook(
  ctx: AppContext,
  request: FastifyRequest,
  eventId: number,
): Promise<{ title: string; body: Buffer }> {
  const e = await ctx.db.selectFrom('event').select('title').where('id', '=', eventId).executeTakeFirst()
  if (!e) throw new AppError('not_found')
  const rows = await registrations(ctx.db, eventId, undefined)
    .select([
      'r.id',
      'r.name',
      'r.status',
      'r.inside',
      'r.registered_at',
      'r.attended_at',
      phoneTail.as('tail'),
    ])
    .orderBy('r.id')
    .execute()
  await writeAudit(ctx.db, request, {
    action: 'event.registrations_export',
    entity: 'event',
    ids: [eventId],
    detail: { rows: rows.length },
  })
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(REGISTRATIONS_SHEET)
  ws.addRow(HEADERS).font = { bold: true }
  for (const [i, r] of rows.entries()) {
    ws.addRow([
      i + 1,
      r.name,
      r.tail ?? '',
      statusWord(r.status)['zh-CN'],
      local(r.registered_at),
      local(r.attended_at),
      r.inside ? '是' : '',
    ])
  }
  ws.columns.forEach((c, i) => {
    c.width = [6, 14, 10, 8, 17, 17, 9][i] ?? 12
  })
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return { title: e.title, body: Buffer.from(await wb.xlsx.writeBuffer()) }
}
