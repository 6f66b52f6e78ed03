/**
 * Matchmaking rounds: draft → proposed → confirmed (→ closed). Every change is a conditional update on
 * `version`; checks that read the database run before the transaction (see the PGlite note in the brief).
 */
import type { RoundInput, RoundPatch } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { checkInput, type Sections, sectionsOf } from './rounds.input.ts'
import { loadRows, writeRows } from './rounds.repository.ts'
import {
  INLINE_PAIR_LIMIT,
  matchInput,
  propose,
  type RoundOptionsJson,
  type StoredProposal,
  storeProposal,
} from './rounds.solve.ts'

const STATE_WORDS: Record<string, Record<'zh-CN' | 'en-US', string>> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'a draft' },
  proposed: { 'zh-CN': '已出方案', 'en-US': 'proposed' },
  confirmed: { 'zh-CN': '已确认', 'en-US': 'confirmed' },
  closed: { 'zh-CN': '已结束', 'en-US': 'closed' },
}

export async function roundRow(ctx: AppContext, id: number) {
  const row = await ctx.db.selectFrom('matching_round').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return row
}
type RoundRow = Awaited<ReturnType<typeof roundRow>>

/** Input may change only while the round is a draft or a proposal, not while a solver holds it. */
function assertEditable(round: RoundRow, version: number) {
  if (round.state === 'confirmed' || round.state === 'closed')
    throw new AppError('matching_round_locked', { state: STATE_WORDS[round.state]! })
  if (round.solve_status === 'queued' || round.solve_status === 'running')
    throw new AppError('matching_solving')
  if (round.version !== version) throw new AppError('version_conflict', { current: round.version })
}

export async function createRound(ctx: AppContext, request: FastifyRequest, input: RoundInput) {
  const rows = await checkInput(ctx.db, input.areaCode, {
    providers: input.providers,
    targets: input.targets,
    preferences: input.preferences ?? [],
    pins: input.pins ?? [],
  })
  const now = ctx.clock.now()
  return ctx.db.transaction().execute(async (trx) => {
    const round = await trx
      .insertInto('matching_round')
      .values({
        area_code: input.areaCode,
        name: input.name,
        options: JSON.stringify(input.options ?? {}),
        created_by: request.principal!.accountId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = Number(round.id)
    await writeRows(trx, id, rows)
    await writeAudit(trx, request, { action: 'matching.create', entity: 'matching_round', ids: [id] })
    return id
  })
}

/** Replaces the sections given and takes the round back to draft; the old proposal stays, marked stale. */
export async function patchRound(ctx: AppContext, request: FastifyRequest, id: number, patch: RoundPatch) {
  const round = await roundRow(ctx, id)
  assertEditable(round, patch.version)
  const current = sectionsOf(await loadRows(ctx.db, id))
  const sections: Sections = {
    providers: patch.providers ?? current.providers,
    targets: patch.targets ?? current.targets,
    preferences: patch.preferences ?? current.preferences,
    pins: patch.pins ?? current.pins,
  }
  const rows = await checkInput(ctx.db, round.area_code, sections)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('matching_round')
      .set({
        name: patch.name ?? round.name,
        options: JSON.stringify(patch.options ?? round.options),
        state: 'draft',
        version: patch.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .where('state', 'in', ['draft', 'proposed'])
      .where('solve_status', 'in', ['idle', 'failed'])
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('version_conflict', { current: round.version })
    await writeRows(trx, id, rows)
    await writeAudit(trx, request, {
      action: 'matching.edit',
      entity: 'matching_round',
      ids: [id],
      detail: { sections: Object.keys(patch).filter((k) => k !== 'version') },
    })
  })
}

/** Solves now, or queues the round for the background job when it is large. */
export async function solveRound(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  version: number,
): Promise<'solved' | 'queued'> {
  const round = await roundRow(ctx, id)
  assertEditable(round, version)
  const rows = await loadRows(ctx.db, id)
  if (rows.providers.length * rows.targets.length > INLINE_PAIR_LIMIT) {
    const queued = await ctx.db
      .updateTable('matching_round')
      .set({ solve_status: 'queued', solve_error: null, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('solve_status', 'in', ['idle', 'failed'])
      .executeTakeFirst()
    if (Number(queued.numUpdatedRows) !== 1)
      throw new AppError('version_conflict', { current: round.version })
    await writeAudit(ctx.db, request, { action: 'matching.queue', entity: 'matching_round', ids: [id] })
    return 'queued'
  }
  const proposal = propose(await matchInput(ctx.db, rows, round.options as RoundOptionsJson))
  if (!(await storeProposal(ctx.db, id, version, proposal, ctx.clock.now(), 'idle')))
    throw new AppError('version_conflict', { current: round.version })
  return 'solved'
}

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, lastDay))
  return first.toISOString().slice(0, 10)
}

/** Monthly follow-up dates after the confirmation day (the 31st falls back to the month's last day). */
export function monthlyFollowUps(confirmedOn: string, months: number): string[] {
  return Array.from({ length: months }, (_, i) => addMonths(confirmedOn, i + 1))
}

/** The proposal becomes agreements with follow-ups; only the version it was solved at can be confirmed. */
export async function confirmRound(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; followUpMonths?: number },
) {
  const round = await roundRow(ctx, id)
  if (round.state === 'confirmed' || round.state === 'closed')
    throw new AppError('matching_round_locked', { state: STATE_WORDS[round.state]! })
  if (round.solve_status === 'queued' || round.solve_status === 'running')
    throw new AppError('matching_solving')
  if (!round.proposal) throw new AppError('matching_no_proposal')
  if (round.version !== body.version) throw new AppError('version_conflict', { current: round.version })
  if (round.state !== 'proposed' || round.proposal_version !== round.version)
    throw new AppError('matching_proposal_stale')
  const proposal = round.proposal as StoredProposal
  const targets = new Map(
    (
      await ctx.db
        .selectFrom('matching_target')
        .select(['target_key', 'name', 'area_code'])
        .where('round_id', '=', id)
        .execute()
    ).map((t) => [t.target_key, t]),
  )
  const now = ctx.clock.now()
  const confirmedOn = shanghaiDate(now)
  const dates = monthlyFollowUps(confirmedOn, body.followUpMonths ?? 3)
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('matching_round')
      .set({
        state: 'confirmed',
        confirmed_on: confirmedOn,
        confirmed_by: request.principal!.accountId,
        version: body.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .where('state', '=', 'proposed')
      .where('proposal_version', '=', body.version)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('version_conflict', { current: body.version + 1 })
    for (let i = 0; i < proposal.pairs.length; i += 500) {
      const chunk = proposal.pairs.slice(i, i + 500)
      const agreements = await trx
        .insertInto('matching_agreement')
        .values(
          chunk.map((pair) => ({
            round_id: id,
            unit_id: pair.p,
            target_key: pair.t,
            target_name: targets.get(pair.t)!.name,
            area_code: targets.get(pair.t)!.area_code,
            score: pair.score,
            reasons: JSON.stringify(pair.reasons),
            confirmed_on: confirmedOn,
          })),
        )
        .returning('id')
        .execute()
      const followUps = agreements.flatMap((a) =>
        dates.map((due) => ({ agreement_id: Number(a.id), due_on: due })),
      )
      if (followUps.length) await trx.insertInto('matching_follow_up').values(followUps).execute()
    }
    await writeAudit(trx, request, {
      action: 'matching.confirm',
      entity: 'matching_round',
      ids: [id],
      detail: { agreements: proposal.pairs.length, followUpMonths: dates.length },
    })
  })
}

export async function closeRound(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  const round = await roundRow(ctx, id)
  if (round.state !== 'confirmed')
    throw new AppError('matching_wrong_state', {
      state: STATE_WORDS[round.state]!,
      action: { 'zh-CN': '结束', 'en-US': 'closed' },
    })
  if (round.version !== version) throw new AppError('version_conflict', { current: round.version })
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('matching_round')
      .set({ state: 'closed', version: version + 1, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('state', '=', 'confirmed')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('version_conflict', { current: version + 1 })
    await writeAudit(trx, request, { action: 'matching.close', entity: 'matching_round', ids: [id] })
  })
}

/** Marks a follow-up done (or not) with a note; the round's area is checked by the route. */
export async function updateFollowUp(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; done: boolean; note?: string | null },
) {
  const current = await ctx.db
    .selectFrom('matching_follow_up')
    .select(['version', 'note'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!current) throw new AppError('not_found')
  const now = ctx.clock.now()
  const updated = await ctx.db
    .updateTable('matching_follow_up')
    .set({
      done_at: body.done ? now : null,
      done_by: body.done ? request.principal!.accountId : null,
      note: body.note === undefined ? current.note : body.note,
      version: body.version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', body.version)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('version_conflict', { current: current.version })
}
