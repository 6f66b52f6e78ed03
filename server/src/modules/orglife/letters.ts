import type { LetterVerification, TransferLetter } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { hmac, safeEqual } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { today } from './access.ts'
import { transferRow } from './transfers.query.ts'

/** 128 bits of the letter number's HMAC: printed in the QR code, unguessable without the app's secret. */
export const letterSignature = (secret: string, letterNo: string) =>
  hmac(secret, `orglife-letter:${letterNo}`).slice(0, 22)

/** A name as a stranger holding the letter may see it: the surname and stars. */
const maskName = (name: string) =>
  name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`

/**
 * The introduction letter (介绍信) of a transfer, for the sending organisation to print and the member to
 * carry: the member, both organisations, the reason, the time limit, and a QR code whose URL verifies it.
 * Printing is audited (the letter carries a name and age).
 */
export async function transferLetter(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  origin: string,
): Promise<TransferLetter> {
  const t = await transferRow(ctx.db, id)
  if (!t.letter_no) throw new AppError('not_found')
  const person = await ctx.db
    .selectFrom('person')
    .select(['gender', 'birth_date'])
    .where('id', '=', t.person_id)
    .executeTakeFirst()
  const day = today(ctx)
  const paid = await ctx.db
    .selectFrom('orglife_dues_payment')
    .select((eb) => eb.fn.max('month').as('last'))
    .where('person_id', '=', t.person_id)
    .executeTakeFirst()
  const age =
    person?.birth_date != null
      ? Number(day.slice(0, 4)) -
        Number(person.birth_date.slice(0, 4)) -
        (day.slice(5) < person.birth_date.slice(5) ? 1 : 0)
      : null
  const verifyUrl = `${origin}/verify-letter?no=${encodeURIComponent(t.letter_no)}&sig=${letterSignature(ctx.secret, t.letter_no)}`
  const svg = await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  await writeAudit(ctx.db, request, {
    action: 'orglife.transfer.letter',
    entity: 'orglife_transfer',
    ids: [id],
    detail: { personId: t.person_id, letterNo: t.letter_no },
  })
  return {
    letterNo: t.letter_no,
    memberName: t.member_name,
    gender: (person?.gender as 'male' | 'female' | null) ?? null,
    age,
    memberStatus: t.member_status,
    fromOrgName: t.from_name ?? t.outside_org ?? '',
    toOrgName: t.to_name ?? t.outside_org ?? '',
    reason: t.reason,
    transferOn: t.transfer_on,
    dueOn: t.due_on,
    duesPaidThrough: paid?.last ? String(paid.last).slice(0, 7) : null,
    verifyUrl,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  }
}

const INVALID: LetterVerification = {
  valid: false,
  letterNo: null,
  memberName: null,
  fromOrgName: null,
  toOrgName: null,
  transferOn: null,
  dueOn: null,
  status: null,
}

/**
 * Anyone holding a letter checks it by its QR code: a forged or altered number answers "not valid" and nothing
 * else; a genuine one its organisations, dates and state, with the member's name masked.
 */
export async function verifyLetter(ctx: AppContext, no: string, sig: string): Promise<LetterVerification> {
  if (!safeEqual(letterSignature(ctx.secret, no), sig)) return INVALID
  const row = await ctx.db
    .selectFrom('orglife_transfer')
    .select('id')
    .where('letter_no', '=', no)
    .executeTakeFirst()
  if (!row) return INVALID
  const t = await transferRow(ctx.db, row.id)
  return {
    valid: true,
    letterNo: no,
    memberName: maskName(t.member_name),
    fromOrgName: t.from_name ?? t.outside_org,
    toOrgName: t.to_name ?? t.outside_org,
    transferOn: t.transfer_on,
    dueOn: t.due_on,
    status: t.status,
  }
}
